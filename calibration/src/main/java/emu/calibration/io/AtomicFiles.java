package emu.calibration.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Atomic file writes (DESIGN.md, "Data on disk"): write a temp file in the target's folder, fsync
 * it, rename it over the target in one step, fsync the folder. A reader sees the old file or the
 * whole new one, never a torn one, even across a crash or power cut.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes content to a file through an output stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Fills the temp file through its path (writers that seek, such as ImageIO's TIFF writer). */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path tmp) throws IOException;
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code target} atomically; on any failure the temp file is removed and the target is
     * untouched. Creates the parent folder if needed.
     */
    public static void write(Path target, Writer writer) throws IOException {
        writeFile(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(ch)) {
                writer.write(out);
            }
        });
    }

    /** Like {@link #write(Path, Writer)}, for writers that need the file itself rather than a stream. */
    public static void writeFile(Path target, FileWriter writer) throws IOException {
        writeFile(target, writer, "rw-r--r--");
    }

    /**
     * Like {@link #writeFile(Path, FileWriter)} with the given POSIX permissions (e.g. {@code rw-------}
     * for a secret), set on the temp file before it takes the target's name, so no reader ever sees
     * the content under wider permissions.
     */
    public static void writeFile(Path target, FileWriter writer, String permissions) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            // createTempFile makes the file owner-only; exports and captures are meant to be shared.
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                posix.setPermissions(PosixFilePermissions.fromString(permissions));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically in " + dir + " (file system without rename?)", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes a rename in {@code dir} durable: on Linux a directory opened read-only can be fsynced. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Deletes a folder and everything under it, children first; nothing when it does not exist.
     * For scratch and staging folders an interrupted write leaves behind.
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
