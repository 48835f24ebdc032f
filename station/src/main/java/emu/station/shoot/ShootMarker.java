package emu.station.shoot;

import emu.calibration.io.AtomicFiles;
import emu.station.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digital shoot the operator started and has not cancelled, kept across a crash:
 * {@code data_dir/digital-shoot.properties} ({@code set}, {@code retry_failed}, {@code paused}),
 * written atomically when a shoot starts, pauses or resumes, deleted when it finishes or is
 * cancelled. A daemon that starts and finds it resumes the shoot (paused if it was paused), as
 * film shoots do. A file rather than a table: it holds no data, only the runner's intent.
 */
record ShootMarker(Path file) {
    static final String FILE_NAME = "digital-shoot.properties";
    private static final Logger LOG = LoggerFactory.getLogger(ShootMarker.class);

    /** What was running: the set, whether failed steps were retried, whether the operator paused it. */
    record Intent(long setId, boolean retryFailed, boolean paused) {}

    static ShootMarker in(Path dataDir) {
        return new ShootMarker(dataDir.resolve(FILE_NAME));
    }

    void write(Intent i) {
        Properties p = new Properties();
        p.setProperty("set", Long.toString(i.setId()));
        p.setProperty("retry_failed", Boolean.toString(i.retryFailed()));
        p.setProperty("paused", Boolean.toString(i.paused()));
        try {
            AtomicFiles.write(file, out -> p.store(out, "emu-station: the digital shoot to resume after a restart"));
        } catch (IOException e) {
            // A full disk must not stop the shoot (or its pause) itself; only a restart's resume is at stake.
            LOG.warn("cannot record the shoot's state in {}: {}", file, e.toString());
        }
    }

    /** The intent left by a previous run; empty when none (or unreadable, which is logged by the caller). */
    Optional<Intent> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            return Optional.of(new Intent(Long.parseLong(p.getProperty("set", "")),
                    Boolean.parseBoolean(p.getProperty("retry_failed")), Boolean.parseBoolean(p.getProperty("paused"))));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": no set id", e);
        }
    }

    /**
     * The intent to resume at a daemon's start: empty when there is none, when it cannot be read (logged),
     * or when its set no longer exists (logged, and the marker deleted).
     */
    Optional<Intent> pending(Store store) {
        Optional<Intent> intent;
        try {
            intent = read();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}; no digital shoot resumed", file, e.getMessage());
            return Optional.empty();
        }
        if (intent.isPresent() && store.sets().byId(intent.get().setId()).isEmpty()) {
            LOG.warn("the interrupted shoot's set {} no longer exists; not resumed", intent.get().setId());
            delete();
            return Optional.empty();
        }
        return intent;
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
