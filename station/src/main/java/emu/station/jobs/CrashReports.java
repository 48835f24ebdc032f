package emu.station.jobs;

import emu.station.store.JobRepository.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The JVM crash report ({@code hs_err_*.log}) a daemon that died while running jobs left in the data directory
 * (packaging/crash-file.bash puts it in {@code logs/}, or in the directory itself before {@code logs/} exists), so
 * that the re-queued job names it (bench/RESULTS.md, "The MLP's native crash").
 */
final class CrashReports {
    private CrashReports() {}

    /**
     * The newest report written since the first of {@code running} started, as a path relative to {@code dataDir};
     * empty when there is none, no job was running, or {@code dataDir} is null.
     */
    static Optional<String> newest(Path dataDir, List<Job> running) {
        Optional<Instant> since = running.stream().flatMap(j -> j.startedAt().stream()).min(Comparator.naturalOrder());
        if (dataDir == null || since.isEmpty()) {
            return Optional.empty();
        }
        Path best = null;
        Instant bestTime = since.get().minusSeconds(1); // started_at and file times: whole seconds apart at most
        for (Path dir : List.of(dataDir.resolve("logs"), dataDir)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("hs_err_") && name.endsWith(".log")) {
                        Instant t = Files.getLastModifiedTime(f).toInstant();
                        if (t.isAfter(bestTime)) {
                            best = f;
                            bestTime = t;
                        }
                    }
                }
            } catch (IOException e) {
                // an unreadable folder names no report; the message still says the station stopped
            }
        }
        return Optional.ofNullable(best).map(f -> dataDir.relativize(f).toString());
    }
}
