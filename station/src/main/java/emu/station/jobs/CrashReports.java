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
 * that the re-queued job names it (bench/RESULTS.md, "The MLP's native crash"), and so does one that ends failed for
 * having stopped the station {@code JobLeases#MAX_ATTEMPTS} times. On a shared store the report of a worker whose
 * lease ran out is found by its name: the launcher names it with the host and the pid its lease owner carries.
 */
final class CrashReports {
    /** What a job's message says before the report's path. */
    static final String SAYS = "; the JVM's crash report: ";

    private CrashReports() {}

    /** {@link #SAYS} and the newest report written since {@code job} last started ({@link #newest}), or "". */
    static String detail(Path dataDir, Job job) {
        return newest(dataDir, List.of(job)).map(r -> SAYS + r).orElse("");
    }

    /**
     * {@link #SAYS} and the report the worker {@code owner} ({@code pid@host/random}, JobLeases#owner) left in the
     * shared data root {@code dataDir} if written since {@code since} (the job's last start), or "": the launcher's
     * {@code hs_err_HOST_pidPID.log} (HOST short, as {@code hostname -s}), in {@code logs/} or the directory itself.
     * A worker on another machine that does not share the data root names none; no other worker's report is named.
     */
    static String ofWorker(Path dataDir, String owner, Instant since) {
        int at = owner == null ? -1 : owner.indexOf('@');
        if (dataDir == null || at <= 0 || since == null
                || !owner.substring(0, at).chars().allMatch(Character::isDigit)) {
            return ""; // not a JVM's pid@host: no file name is made of it
        }
        String host = owner.substring(at + 1).replaceAll("[/.].*", "");
        String name = "hs_err_" + host + "_pid" + owner.substring(0, at) + ".log";
        for (Path f : List.of(dataDir.resolve("logs").resolve(name), dataDir.resolve(name))) {
            try {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isAfter(since.minusSeconds(1))) {
                    return SAYS + dataDir.relativize(f);
                }
            } catch (IOException e) {
                // an unreadable report is named by no message; the lease's line still says the worker stopped
            }
        }
        return "";
    }

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
