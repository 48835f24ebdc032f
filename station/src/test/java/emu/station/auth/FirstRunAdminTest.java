package emu.station.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.AccountRepository.Role;
import emu.station.store.AccountRepository.User;
import emu.station.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunAdminTest {
    @TempDir Path dir;

    /** Issue 16 (6): the password went into logs/station.log, mode 0644, for every local user to read. */
    @Test
    void theOneTimePasswordGoesToAnOwnerOnlyFileNamedInTheLogAndNeverIntoTheLog() throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Optional<String> pw;
        try (Store store = Store.open(dir.resolve("station.db"))) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            pw = Auth.firstRunAdmin(store.accounts(), OneTimePasswordFile.in(dir));
        } finally {
            System.setErr(old);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(pw.orElseThrow()), text);
        Path file = dir.resolve(OneTimePasswordFile.FILE_NAME);
        assertTrue(text.contains("one-time password is in " + file), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(pw, OneTimePasswordFile.in(dir).passwordFor(Auth.ADMIN));
        OneTimePasswordFile.in(dir).deleteFor("someone-else");
        assertTrue(Files.exists(file), "only the admin's change deletes the admin's file");
        OneTimePasswordFile.in(dir).deleteFor(Auth.ADMIN);
        assertFalse(Files.exists(file));
    }

    @Test
    void theFirstRunCreatesAnAdminWithAOneTimePasswordAndLaterRunsDoNot() {
        try (Store store = Store.open(dir.resolve("station.db"))) {
            Optional<String> pw = Auth.firstRunAdmin(store.accounts(), OneTimePasswordFile.in(dir));
            assertTrue(pw.isPresent());
            User admin = store.accounts().userByName(Auth.ADMIN).orElseThrow();
            assertEquals(Role.ADMIN, admin.role());
            assertTrue(Passwords.mustChange(admin.passwordHash()));
            assertTrue(Passwords.verify(pw.get().toCharArray(), admin.passwordHash()));
            assertTrue(!admin.passwordHash().contains(pw.get()), "only the hash is stored");
            assertEquals(Optional.empty(), Auth.firstRunAdmin(store.accounts(), OneTimePasswordFile.in(dir)));
            assertEquals(1, store.accounts().userCount());
        }
    }
}
