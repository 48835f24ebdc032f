package emu.station.training;

import com.cronutils.model.time.ExecutionTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.config.StationConfig;
import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training queue on the store's jobs (kind {@code train}, payload {@code {"set": N}}): one
 * worker runs one training at a time; queued jobs survive restarts and jobs a stopped daemon left
 * running go back to the queue at start. A running job is cancelled at its next progress step.
 * A scheduler enqueues, at each time of the {@code [training] schedule} cron, every set whose
 * pairs changed since its last model.
 */
public final class TrainingQueue implements AutoCloseable {
    public static final String KIND = "train";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Trainer trainer;
    private final Optional<com.cronutils.model.Cron> schedule;
    private final BiConsumer<String, Map<String, Object>> events;
    private final Object lock = new Object();
    private volatile boolean closed;
    private volatile long running = -1;
    private volatile boolean cancelRunning;
    private Thread worker;
    private Thread scheduler;
    private final Clock clock;

    public TrainingQueue(Store store, Trainer trainer, StationConfig.Training cfg,
                         BiConsumer<String, Map<String, Object>> events) {
        this(store, trainer, cfg, events, Clock.systemDefaultZone());
    }

    /** @param clock the scheduler's time (the cron is read in its zone); tests move it near a firing */
    TrainingQueue(Store store, Trainer trainer, StationConfig.Training cfg,
                  BiConsumer<String, Map<String, Object>> events, Clock clock) {
        this.store = store;
        this.trainer = trainer;
        this.schedule = cfg.schedule();
        this.events = events;
        this.clock = clock;
    }

    /** Requeues interrupted jobs and starts the worker and the scheduler. */
    public void start() {
        int n = store.jobs().requeueInterrupted();
        store.training().failInterrupted();
        if (n > 0) {
            LOG.info("{} training job(s) interrupted by a restart are queued again", n);
        }
        worker = new Thread(this::work, "training-queue");
        worker.setDaemon(true);
        worker.start();
        if (schedule.isPresent()) {
            scheduler = new Thread(this::schedule, "training-schedule");
            scheduler.setDaemon(true);
            scheduler.start();
        }
    }

    /** Queues a training of the set (unless one is already queued or running for it). */
    public Job enqueue(long setId) {
        store.sets().byId(setId).orElseThrow(() -> new IllegalArgumentException("no profiling set " + setId));
        for (JobRepository.State st : List.of(JobRepository.State.QUEUED, JobRepository.State.RUNNING)) {
            for (Job j : store.jobs().inState(st)) {
                if (j.kind().equals(KIND) && setOf(j) == setId) {
                    return j;
                }
            }
        }
        Job j = store.jobs().enqueue(KIND, "{\"set\":" + setId + "}");
        synchronized (lock) {
            lock.notifyAll();
        }
        events.accept("job", Map.of("id", j.id(), "state", "queued", "set", setId));
        return j;
    }

    /**
     * Cancels a queued job at once, a running one at its next step.
     *
     * @return false when the job is neither queued nor running
     */
    public boolean cancel(long jobId) {
        if (store.jobs().cancelQueued(jobId)) {
            return true;
        }
        if (running == jobId) {
            cancelRunning = true;
            return true;
        }
        return false;
    }

    /** Enqueues every set whose pairs changed since its last model; returns how many. */
    public int enqueueChanged() {
        int n = 0;
        for (ProfilingSet s : store.sets().all()) {
            if (store.readings().pairs(s.id()).isEmpty()) {
                continue;
            }
            String hash = trainer.pairsHash(s.id());
            if (!store.training().lastTrainedHash(s.id()).map(hash::equals).orElse(false)) {
                enqueue(s.id());
                n++;
            }
        }
        return n;
    }

    private void work() {
        while (!closed) {
            Optional<Job> next = store.jobs().claimNext();
            if (next.isEmpty()) {
                synchronized (lock) {
                    try {
                        lock.wait(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            Job job = next.get();
            if (!job.kind().equals(KIND)) {
                store.jobs().finish(job.id(), JobRepository.State.FAILED, "unknown job kind " + job.kind());
                continue;
            }
            runJob(job);
        }
    }

    private void runJob(Job job) {
        running = job.id();
        cancelRunning = false;
        long setId = setOf(job);
        events.accept("job", Map.of("id", job.id(), "state", "running", "set", setId));
        try {
            Trainer.Result r = trainer.train(setId, job.id(), List.of(), line -> {
                if (cancelRunning || closed) {
                    throw new CancellationException("training job " + job.id() + " cancelled");
                }
                store.jobs().progress(job.id(), 0, line.length() > 200 ? line.substring(0, 200) : line);
                events.accept("job-progress", Map.of("id", job.id(), "message", line));
            });
            store.jobs().finish(job.id(), JobRepository.State.DONE, "model v" + r.model().version() + " ("
                    + r.model().fitter() + "), " + r.exports().size() + " exports");
            events.accept("job", Map.of("id", job.id(), "state", "done", "set", setId, "model", r.model().id()));
        } catch (Exception e) {
            boolean cancelled = e instanceof CancellationException || e.getCause() instanceof CancellationException;
            if (closed && cancelled) {
                return; // a stopping daemon leaves it running; the next start requeues it
            }
            store.jobs().finish(job.id(), cancelled ? JobRepository.State.CANCELLED : JobRepository.State.FAILED,
                    String.valueOf(e.getMessage()));
            events.accept("job", Map.of("id", job.id(), "state", cancelled ? "cancelled" : "failed", "set", setId,
                    "message", String.valueOf(e.getMessage())));
            if (!cancelled) {
                LOG.error("training job {} of set {} failed", job.id(), setId, e);
            }
        } finally {
            running = -1;
        }
    }

    private void schedule() {
        ExecutionTime times = ExecutionTime.forCron(schedule.orElseThrow());
        while (!closed) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            Duration wait = times.timeToNextExecution(now).orElse(Duration.ofHours(1));
            try {
                Thread.sleep(Math.max(1000, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                int n = enqueueChanged();
                LOG.info("scheduled training: {} set(s) changed since their last model", n);
            }
        }
    }

    private static long setOf(Job j) {
        try {
            return JSON.readTree(j.payload()).path("set").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits until no training job is queued or running (for the CLI and tests). */
    public void awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (store.jobs().inState(JobRepository.State.QUEUED).isEmpty()
                    && store.jobs().inState(JobRepository.State.RUNNING).isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("training still busy after " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (scheduler != null) {
            scheduler.interrupt();
        }
        if (worker != null) {
            worker.join(5000);
        }
    }
}
