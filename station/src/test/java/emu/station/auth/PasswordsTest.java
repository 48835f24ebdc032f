package emu.station.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    @Test
    void aHashVerifiesItsPasswordOnlyAndIsSaltedPerCall() {
        String a = Passwords.hash("correct horse battery".toCharArray());
        String b = Passwords.hash("correct horse battery".toCharArray());
        assertTrue(a.startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$"), a);
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(Passwords.verify("correct horse battery".toCharArray(), a));
        assertFalse(Passwords.verify("correct horse batterz".toCharArray(), a));
        assertFalse(Passwords.mustChange(a));
    }

    @Test
    void aOneTimeHashVerifiesButMustBeChanged() {
        String pw = Passwords.generate();
        assertEquals(24, pw.length());
        String h = Passwords.hashOneTime(pw.toCharArray());
        assertTrue(Passwords.mustChange(h));
        assertTrue(Passwords.verify(pw.toCharArray(), h));
    }

    @Test
    void malformedHashesNeverMatch() {
        for (String bad : new String[] {"", "plain", "md5$1$AA$AA", "pbkdf2-sha256$x$AA$AA", "pbkdf2-sha256$1000$!!$AA"}) {
            assertFalse(Passwords.verify("anything".toCharArray(), bad), bad);
        }
    }

    @Test
    void weakPasswordsAreNamed() {
        assertNotNull(Passwords.weakness("short", "admin"));
        assertNotNull(Passwords.weakness("Administrator1", "administrator1"));
        assertNull(Passwords.weakness("a long enough phrase", "admin"));
    }
}
