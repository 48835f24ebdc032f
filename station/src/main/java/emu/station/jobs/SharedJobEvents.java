package emu.station.jobs;

import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.Store;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a shared (PostgreSQL) store, the {@code job} and {@code job-progress} events of jobs that
 * other processes (workers elsewhere, another bench) queue, run and end, so a bench's web UI
 * follows them as it follows its own: every 2 s the queued and running jobs are read and each
 * change of state or message since the last look is told. Jobs this process runs are skipped (its
 * queue tells those as they happen).
 */
final class SharedJobEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedJobEvents.class);
    static final long EVERY_MS = 2000;

    private final Store store;
    private final BiConsumer<String, Map<String, Object>> events;
    private final LongPredicate runHere;
    private final Map<Long, Job> seen = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shared-job-events");
        t.setDaemon(true);
        return t;
    });

    SharedJobEvents(Store store, BiConsumer<String, Map<String, Object>> events, LongPredicate runHere) {
        this.store = store;
        this.events = events;
        this.runHere = runHere;
    }

    void start() {
        look(false); // what is under way now is the starting point, not news
        timer.scheduleWithFixedDelay(() -> {
            try {
                look(true);
            } catch (RuntimeException e) {
                LOG.warn("cannot read the shared job queue (retried): {}", e.getMessage());
            }
        }, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void look(boolean tell) {
        Map<Long, Job> now = new LinkedHashMap<>();
        for (JobRepository.State st : new JobRepository.State[] {JobRepository.State.QUEUED, JobRepository.State.RUNNING}) {
            for (Job j : store.jobs().inState(st)) {
                now.put(j.id(), j);
            }
        }
        for (Long gone : seen.keySet()) {
            if (!now.containsKey(gone)) {
                store.jobs().byId(gone).ifPresent(j -> now.put(j.id(), j)); // ended since: tell how, once
            }
        }
        for (Job j : now.values()) {
            Job before = seen.get(j.id());
            if (tell && !runHere.test(j.id())) {
                if (before == null || before.state() != j.state()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("id", j.id());
                    d.put("kind", j.kind());
                    d.put("state", j.state().name().toLowerCase(java.util.Locale.ROOT));
                    d.put("message", j.message());
                    if (j.worker() != null) {
                        d.put("worker", j.worker());
                    }
                    events.accept("job", d);
                } else if (!before.message().equals(j.message())) {
                    events.accept("job-progress", Map.of("id", j.id(), "message", j.message()));
                }
            }
        }
        seen.clear();
        now.values().stream().filter(j -> j.finishedAt().isEmpty()).forEach(j -> seen.put(j.id(), j));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
