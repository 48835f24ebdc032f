package emu.station.auth;

import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a generated one-time password is handed to the operator: {@code data_dir/one-time-password.txt},
 * mode 0600 (owner only), so only the station's own user (or root) can read it. The log names the file
 * but never holds the password. The file is deleted when that user sets their own password.
 *
 * <p>Content: two lines, {@code user: NAME} and {@code one-time password: SECRET}.
 */
public record OneTimePasswordFile(Path path) {
    public static final String FILE_NAME = "one-time-password.txt";
    private static final String USER = "user: ";
    private static final String PASSWORD = "one-time password: ";

    public static OneTimePasswordFile in(Path dataDir) {
        return new OneTimePasswordFile(dataDir.resolve(FILE_NAME));
    }

    /** Writes (atomically, owner-only from its first byte) the password for {@code user}. */
    public void write(String user, String password) {
        try {
            byte[] text = (USER + user + "\n" + PASSWORD + password + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.writeFile(path, tmp -> Files.write(tmp, text), "rw-------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the one-time password file " + path, e);
        }
    }

    /** The password written for {@code user}, if the file is there and is theirs. */
    public Optional<String> passwordFor(String user) {
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            var lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(USER + user) || !lines.get(1).startsWith(PASSWORD)) {
                return Optional.empty();
            }
            return Optional.of(lines.get(1).substring(PASSWORD.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file once {@code user} has chosen a password (a stale secret is no use to anyone). */
    public void deleteFor(String user) {
        if (passwordFor(user).isPresent()) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }
}
