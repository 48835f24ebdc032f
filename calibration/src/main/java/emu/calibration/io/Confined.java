package emu.calibration.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Paths kept inside one folder (a station's data directory, an import folder, a zip's staging
 * folder), judged by their <em>real</em> path: comparing path text lets {@code a/../../x} or a
 * symlink {@code exports/link.cube -> /etc/passwd} through. Everything that serves or imports a
 * file named by a database row, a request or an archive goes through here.
 */
public final class Confined {
    private Confined() {}

    /**
     * {@code relative} (from a database row or a request) resolved in {@code root}, as a real path
     * (symlinks resolved), if it exists and that real path lies inside {@code root}'s real path.
     * Empty when it does not exist, leads outside, or is not a valid path.
     */
    public static Optional<Path> existing(Path root, String relative) {
        if (relative == null || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path base = root.toRealPath();
            Path p = base.resolve(relative).normalize();
            if (!p.startsWith(base) || !Files.exists(p)) {
                return Optional.empty();
            }
            Path real = p.toRealPath();
            return real.startsWith(base) ? Optional.of(real) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code file} exists and its real path (symlinks resolved) lies inside {@code root}'s. */
    public static boolean isInside(Path root, Path file) {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * An archive entry's name checked before anything is written under it (zip-slip): relative,
     * {@code /}-separated, no empty, {@code .} or {@code ..} segment, no backslash or control
     * character. Returns the name.
     *
     * @throws IllegalArgumentException naming the entry
     */
    public static String entryName(String name) {
        boolean plain = name != null && !name.isEmpty() && !name.startsWith("/") && !name.contains("\\")
                && name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        if (plain) {
            for (String segment : name.split("/", -1)) {
                plain &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
            }
        }
        if (!plain) {
            throw new IllegalArgumentException("archive entry '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                    + "' is not a plain relative path (absolute, '..', backslash or control character)");
        }
        return name;
    }
}
