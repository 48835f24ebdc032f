package emu.station.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that rotates by size: {@code station.log} is current; when it passes the limit at
 * the end of a line it becomes {@code station.log.1}, the old {@code .1} becomes {@code .2}, and
 * so on, the oldest beyond {@code keep} deleted. Never throws from {@link #write}: a full disk
 * must not take the station down with it, so a failing log file falls silent (stderr goes on).
 */
public final class RotatingLogFile extends OutputStream {
    private final Path file;
    private final long limitBytes;
    private final int keep;
    private OutputStream out;
    private long size;
    private boolean failed;

    public RotatingLogFile(Path file, long limitBytes, int keep) throws IOException {
        if (limitBytes < 1024 || keep < 1) {
            throw new IllegalArgumentException("limit must be >= 1 KiB and keep >= 1");
        }
        this.file = file;
        this.limitBytes = limitBytes;
        this.keep = keep;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (failed) {
            return;
        }
        try {
            out.write(b, off, len);
            size += len;
            if (size >= limitBytes && len > 0 && b[off + len - 1] == '\n') {
                rotate();
            }
        } catch (IOException e) {
            failed = true;
        }
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.ATOMIC_MOVE);
        open();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public synchronized void flush() {
        if (!failed) {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
