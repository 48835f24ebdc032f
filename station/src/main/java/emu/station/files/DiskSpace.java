package emu.station.files;

import emu.station.errors.DiskFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Free space in the data directory, checked before each shoot step and each scan import
 * ({@code [station] min_free_mb}), and the test for "the disk filled up anyway" (ENOSPC from a write,
 * SQLITE_FULL from the database), which pauses work rather than failing it: a full disk is the
 * bench's condition, not the step's (issue 16: it failed every remaining step, 3 attempts each).
 */
public record DiskSpace(Path dir, long minFreeBytes, long resumeMarginBytes) {

    /** No resume margin: work goes on as soon as the threshold is met. */
    public DiskSpace(Path dir, long minFreeBytes) {
        this(dir, minFreeBytes, 0);
    }

    /** Why work should not start now (too little free space), or empty when there is enough. */
    public Optional<String> shortage() {
        try {
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < minFreeBytes) {
                return Optional.of("disk nearly full: " + (usable >> 20) + " MiB free in " + dir + ", below station.min_free_mb = "
                        + (minFreeBytes >> 20) + "; free some space");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // cannot tell: let the write itself find out
        }
    }

    /**
     * Why work paused for the disk should not go on yet, or empty once {@code min_free_mb +
     * resume_margin_mb} is free. The margin is hysteresis: without it a shoot whose own captures
     * filled the disk (min_free_mb = 0: the kernel keeps ~1 MiB that the free-space figure counts)
     * resumed, hit ENOSPC on the next write and paused again every two seconds, all night (soak, issue 16).
     */
    public Optional<String> shortageToResume() {
        long want = minFreeBytes + resumeMarginBytes;
        try {
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < want) {
                return Optional.of((usable >> 20) + " MiB free in " + dir + "; goes on at " + (want >> 20)
                        + " MiB (station.min_free_mb + station.resume_margin_mb)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @throws DiskFullException naming {@code what} when there is less free space than the threshold */
    public void require(String what) {
        shortage().ifPresent(r -> {
            throw new DiskFullException(what + " refused: " + r);
        });
    }

    /**
     * Whether a small file can be written in {@code dir} now: after ENOSPC with no threshold set,
     * "free space" as reported may still be reserved, so the write itself is the test.
     */
    public static boolean probe(Path dir) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".space-probe-", ".tmp");
            Files.write(tmp, new byte[256 << 10]);
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover probe is 256 KiB in a hidden temp name
                }
            }
        }
    }

    /** Whether {@code t} or a cause is the disk running out (ENOSPC, EDQUOT, SQLite's SQLITE_FULL). */
    public static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DiskFullException) {
                return true;
            }
            String m = String.valueOf(c.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded") || m.contains("SQLITE_FULL")
                    || m.contains("database or disk is full")) {
                return true;
            }
        }
        return false;
    }
}
