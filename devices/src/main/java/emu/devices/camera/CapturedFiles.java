package emu.devices.camera;

import emu.calibration.io.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Writes downloaded capture files the way DESIGN.md "Data on disk" requires: to a temp name in the
 * target folder, fsynced, renamed into place, never over an existing file; then read back and
 * checked against the SHA-256 of the bytes received, so a file that exists is a complete one.
 * Shared by every camera driver.
 */
public final class CapturedFiles {
    private CapturedFiles() {}

    /** The name a capture file gets: {@code baseName} plus the camera file's extension, lower case. */
    public static String fileName(String baseName, String cameraPath) {
        String leaf = cameraPath.substring(cameraPath.lastIndexOf('/') + 1);
        int dot = leaf.lastIndexOf('.');
        return dot < 0 ? baseName : baseName + leaf.substring(dot).toLowerCase(Locale.ROOT);
    }

    /**
     * Writes {@code data} as {@code directory/fileName(baseName, cameraPath)}.
     *
     * @throws UncheckedIOException naming the path if it exists already, cannot be written, or reads back
     *         different from what was received
     */
    public static CapturedFile write(Path directory, String baseName, String cameraPath, byte[] data) {
        Path target = directory.resolve(fileName(baseName, cameraPath));
        String sha = sha256(data);
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "a capture file is never overwritten; choose another base name or folder");
            }
            tmp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            String back = sha256(Files.readAllBytes(tmp));
            if (!back.equals(sha)) {
                throw new IOException("read back " + back + " but received " + sha);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("file system of " + directory + " cannot rename atomically", e);
            }
            tmp = null;
            fsyncDirectory(directory);
            return new CapturedFile(target, cameraPath, CapturedFile.Kind.ofName(cameraPath), data.length, sha);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture file " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temp name starts with '.', is never taken for a capture, and the original error matters more
                }
            }
        }
    }

    /** Lowercase hex SHA-256 (FIPS 180-4). */
    public static String sha256(byte[] data) {
        return Hashes.sha256Hex(data);
    }

    /** Makes the rename durable: the directory entry is on disk once this returns (Linux allows fsync on a dir). */
    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
