package emu.station.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2; iteration count per the OWASP
 * Password Storage Cheat Sheet, 2023: 600,000 for HMAC-SHA256) and a random 128-bit salt per user.
 *
 * <p>Encoded as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64, no padding). A one-time
 * password (the generated first-run admin password) uses the scheme {@code pbkdf2-sha256-once}:
 * it logs in, but only to set a new password. The flag lives in the credential because it is a
 * property of that credential, gone as soon as it is replaced.
 */
public final class Passwords {
    public static final int ITERATIONS = 600_000;
    /** The shortest password accepted when one is set. */
    public static final int MIN_LENGTH = 12;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ONCE = "pbkdf2-sha256-once";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {}

    /** Hashes a password chosen by its user. */
    public static String hash(char[] password) {
        return encode(SCHEME, password, ITERATIONS);
    }

    /** Hashes a generated password that must be changed at first login. */
    public static String hashOneTime(char[] password) {
        return encode(ONCE, password, ITERATIONS);
    }

    /** True when {@code encoded} is a one-time credential (see the class doc). */
    public static boolean mustChange(String encoded) {
        return encoded.startsWith(ONCE + "$");
    }

    /** Checks a password against an encoded hash in constant time; a malformed hash never matches. */
    public static boolean verify(char[] password, String encoded) {
        String[] f = encoded.split("\\$");
        if (f.length != 4 || !(f[0].equals(SCHEME) || f[0].equals(ONCE))) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(f[1]);
            byte[] salt = Base64.getDecoder().decode(f[2]);
            byte[] expected = Base64.getDecoder().decode(f[3]);
            return MessageDigest.isEqual(derive(password, salt, iterations), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A random password of 24 URL-safe characters (144 bits), for the first-run admin. */
    public static String generate() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String weakness(String password, String userName) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "the new password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.equalsIgnoreCase(userName)) {
            return "the new password must not be the user name";
        }
        return null;
    }

    private static String encode(String scheme, char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return scheme + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(password, salt, iterations));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
