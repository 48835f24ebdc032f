package emu.station.metrics;

import emu.station.store.StatsRepository;
import emu.station.store.StatsRepository.Count;
import emu.station.store.StatsRepository.JobTimes;
import emu.station.store.StatsRepository.Snapshot;
import emu.station.store.Store;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The station's own meters, refreshed from one {@link Snapshot} of the store per scrape
 * ({@link #refresh}). Counts that live in the database are gauges of what the database holds now
 * (they survive restarts; use {@code delta()} on them); rows that vanish (a deleted set) vanish
 * from the output too, as {@link MultiGauge} with overwrite drops them.
 */
final class StationMeters {
    private final MeterRegistry registry;
    private final Store store;
    private final Path dataDir;
    private volatile Snapshot last;
    private final Map<String, JobTimes> jobTimes = new ConcurrentHashMap<>();
    private final MultiGauge sets;
    private final MultiGauge steps;
    private final MultiGauge captures;
    private final MultiGauge scans;
    private final MultiGauge filmShoots;
    private final MultiGauge jobs;
    private final MultiGauge jobMax;
    private final MultiGauge modelFit;
    private final MultiGauge modelVersion;

    StationMeters(MeterRegistry registry, Store store, Path dataDir) {
        this.registry = registry;
        this.store = store;
        this.dataDir = dataDir;
        sets = multi("emu.station.sets", "profiling sets by status (planned, shooting, awaiting_scans, complete)");
        steps = multi("emu.station.steps", "plan steps: planned (all), captured (a good capture), failed (gave up after every attempt)");
        captures = multi("emu.station.captures", "captures held, good or marked bad");
        scans = multi("emu.station.scans", "scans imported, good or marked bad");
        filmShoots = multi("emu.station.film.shoots", "film shoots by state");
        jobs = multi("emu.station.jobs", "jobs by kind and state (queued, running, done, failed, cancelled)");
        jobMax = multi("emu.station.job.duration.max.seconds", "longest finished job run by kind and state");
        modelFit = multi("emu.station.model.heldout.ciede2000", "newest model's held-out CIEDE2000 per set");
        modelVersion = multi("emu.station.model.version", "newest model's version per set");
        Gauge.builder("emu.station.job.running.oldest.seconds", this, m -> m.last == null ? 0 : m.last.oldestRunningJobSeconds())
                .description("how long the longest-running job has run (0: none running)").register(registry);
        Gauge.builder("emu.station.disk.free.bytes", this, m -> m.disk(false))
                .description("usable bytes on the data directory's file system").register(registry);
        Gauge.builder("emu.station.disk.total.bytes", this, m -> m.disk(true))
                .description("size of the data directory's file system").register(registry);
    }

    private MultiGauge multi(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** Reads the store once and updates every meter; called before each scrape. */
    synchronized void refresh() {
        Snapshot s = store.stats().snapshot();
        last = s;
        sets.register(counts(s.setsByStatus(), c -> Tags.of("status", c.a())), true);
        steps.register(List.of(row(Tags.of("state", "planned"), s.planSteps()),
                row(Tags.of("state", "captured"), s.stepsCaptured()), row(Tags.of("state", "failed"), s.stepsFailed())), true);
        captures.register(List.of(row(Tags.of("bad", "false"), s.captures()), row(Tags.of("bad", "true"), s.capturesBad())), true);
        scans.register(List.of(row(Tags.of("bad", "false"), s.scans()), row(Tags.of("bad", "true"), s.scansBad())), true);
        filmShoots.register(counts(s.filmShoots(), c -> Tags.of("state", c.a())), true);
        jobs.register(counts(s.jobs(), c -> Tags.of("kind", c.a(), "state", c.b())), true);
        jobMax.register(s.jobTimes().stream().map(t -> row(Tags.of("kind", t.kind(), "state", t.state()), t.maxSeconds())).toList(), true);
        modelFit.register(s.models().stream().map(m -> row(setTags(m), m.heldOutDe2000())).toList(), true);
        modelVersion.register(s.models().stream().map(m -> row(setTags(m), m.version())).toList(), true);
        for (JobTimes t : s.jobTimes()) {
            String key = t.kind() + "\u0000" + t.state();
            if (jobTimes.put(key, t) == null) {
                // A summary (_count, _sum) per kind and state, reading the newest snapshot's figures.
                FunctionTimer.builder("emu.station.job.duration", jobTimes,
                                m -> m.get(key).count(), m -> m.get(key).seconds(), TimeUnit.SECONDS)
                        .description("finished jobs' run time (started to finished) by kind and state")
                        .tags("kind", t.kind(), "state", t.state()).register(registry);
            }
        }
    }

    private static Tags setTags(StatsRepository.ModelFit m) {
        return Tags.of("set_id", Long.toString(m.setId()), "set", m.set());
    }

    private static List<MultiGauge.Row<?>> counts(List<Count> rows, Function<Count, Tags> tags) {
        return rows.stream().<MultiGauge.Row<?>>map(c -> row(tags.apply(c), c.value())).toList();
    }

    private static MultiGauge.Row<?> row(Tags tags, double value) {
        return MultiGauge.Row.of(tags, value);
    }

    private double disk(boolean total) {
        try {
            var fs = Files.getFileStore(dataDir);
            return total ? fs.getTotalSpace() : fs.getUsableSpace();
        } catch (IOException e) {
            return Double.NaN; // shown as NaN: an alert on "free < X" then does not fire silently wrong
        }
    }
}
