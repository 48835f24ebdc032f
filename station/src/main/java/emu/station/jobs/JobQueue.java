package emu.station.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.training.Trainer;
import emu.station.errors.NotFoundException;
import emu.station.config.StationConfig;
import emu.station.store.JobLeases;
import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue on the store's jobs: one worker runs one job at a time, a training (kind {@code
 * train}, payload {@code {"set": N}}), a kept model's re-export (kind {@code export}) or long work
 * of another kind registered with {@link #runs} (a chart re-read); queued jobs survive restarts and
 * jobs a stopped daemon left running go back to the queue at start. A running job is cancelled at
 * its next progress step, also when another process runs it (the request is written on its row).
 * A scheduler enqueues, at each time of the {@code [training] schedule} cron, every set whose
 * pairs changed since its last model.
 */
public final class JobQueue implements AutoCloseable {
    public static final String KIND = "train";
    /** A kept model exported again by the current {@code [exports]} plan, without refitting. */
    public static final String EXPORT = "export";
    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Trainer trainer;
    private final TrainerJobs trainerJobs;
    private final Optional<com.cronutils.model.Cron> schedule;
    private final BiConsumer<String, Map<String, Object>> events;
    private final Object lock = new Object();
    private volatile boolean closed;
    private volatile long running = -1;
    private volatile boolean cancelRunning;
    private Thread worker;
    private TrainingSchedule scheduler;
    private SharedJobEvents shared;
    private final Clock clock;
    private final Map<String, Runner> runners = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.nio.file.Path crashReports;

    /** Long work of another kind than training, run by the queue's worker one job at a time. */
    public interface Runner {
        /**
         * Runs the job; {@code progress} throws {@link CancellationException} when the job is
         * cancelled. Returns the job's final message.
         */
        String run(Job job, Progress progress) throws Exception;
    }

    /** Reports a running job's progress (fraction 0..1 and a line). */
    public interface Progress {
        void report(double fraction, String message);
    }

    public JobQueue(Store store, Trainer trainer, StationConfig.Training cfg,
                         BiConsumer<String, Map<String, Object>> events) {
        this(store, trainer, cfg, events, Clock.systemDefaultZone());
    }

    /** @param clock the scheduler's time (the cron is read in its zone); tests move it near a firing */
    JobQueue(Store store, Trainer trainer, StationConfig.Training cfg,
                  BiConsumer<String, Map<String, Object>> events, Clock clock) {
        this.store = store;
        this.trainer = trainer;
        this.trainerJobs = new TrainerJobs(trainer);
        this.schedule = cfg.schedule();
        this.events = events;
        this.clock = clock;
    }

    /** Registers the runner of jobs of {@code kind} (before {@link #start}, so requeued ones find it). */
    public void runs(String kind, Runner runner) {
        if (kind.equals(KIND) || kind.equals(EXPORT) || runners.putIfAbsent(kind, runner) != null) {
            throw new IllegalStateException("job kind " + kind + " has a runner already");
        }
    }

    /**
     * The data directory, where the launcher has the JVM write its crash report (packaging/crash-file.bash: its
     * {@code logs/}, or the directory itself): a job re-queued at start, or ended failed for stopping it too often,
     * names the report of a JVM that died while running it; on a shared store, so does a job whose worker's lease ran
     * out, when that worker shares this data root ({@link CrashReports#ofWorker}). Before {@link #start}.
     */
    public void crashReportsIn(java.nio.file.Path dataDir) {
        this.crashReports = dataDir;
    }

    /** Requeues interrupted jobs and starts the worker and the scheduler. */
    public void start() {
        int failed = store.jobs().failRepeatedlyInterrupted(job -> CrashReports.detail(crashReports, job));
        if (failed > 0) {
            LOG.warn("{} job(s) interrupted by {} restarts each end failed instead of running again (see /api/jobs)",
                    failed, JobLeases.MAX_ATTEMPTS);
        }
        int n = store.jobs().requeueInterrupted(CrashReports.newest(crashReports,
                store.jobs().inState(JobRepository.State.RUNNING)).map(r -> CrashReports.SAYS + r).orElse(""));
        store.training().failInterrupted();
        if (n > 0) {
            LOG.warn("{} job(s) left running when the station stopped (a restart, a kill, a crash or a power loss)"
                    + " are queued again (see /api/jobs)", n);
        }
        if (store.isShared()) {
            shared = new SharedJobEvents(store, events, id -> id == running);
            shared.start();
        }
        worker = new Thread(this::work, "training-queue");
        worker.setDaemon(true);
        worker.start();
        if (schedule.isPresent()) {
            scheduler = new TrainingSchedule(schedule.get(), clock, this::enqueueChanged);
            scheduler.start();
        }
    }

    /** Queues a training of the set (unless one is already queued or running for it). */
    public Job enqueue(long setId) {
        store.sets().byId(setId).orElseThrow(() -> new NotFoundException("no profiling set " + setId));
        return active(KIND, j -> setOf(j) == setId).orElseGet(() -> submit(KIND, "{\"set\":" + setId + "}"));
    }

    /** The first queued or running job of {@code kind} that {@code matches}. */
    private Optional<Job> active(String kind, java.util.function.Predicate<Job> matches) {
        for (JobRepository.State st : List.of(JobRepository.State.QUEUED, JobRepository.State.RUNNING)) {
            for (Job j : store.jobs().inState(st)) {
                if (j.kind().equals(kind) && matches.test(j)) {
                    return Optional.of(j);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Queues a training of the set by another export plan than the config's (the API's
     * {@code "exports"}, already checked by {@code ExportPlans.fromJson}); joins only a queued job
     * with the very same plan.
     */
    public Job enqueue(long setId, JsonNode exports) {
        store.sets().byId(setId).orElseThrow(() -> new NotFoundException("no profiling set " + setId));
        return submit(KIND, "{\"set\":" + setId + ",\"exports\":" + exports + "}");
    }

    /**
     * Queues an export of kept model {@code modelId} by the current {@code [exports]} plan, unless
     * one of it is already queued or running (two at once would each replace the other's rows).
     */
    public Job enqueueExport(long modelId) {
        var model = store.training().model(modelId).orElseThrow(() -> new NotFoundException("no model " + modelId));
        String payload = TrainerJobs.exportPayload(model.setId(), modelId);
        return active(EXPORT, j -> j.payload().equals(payload)).orElseGet(() -> submit(EXPORT, payload));
    }

    /**
     * Queues a job of a registered kind, or returns the same job already queued (not yet running)
     * with the same payload; the payload's {@code set} is told in the {@code job} events.
     */
    public Job submit(String kind, String payloadJson) {
        if (!kind.equals(KIND) && !kind.equals(EXPORT) && !runners.containsKey(kind)) {
            throw new IllegalArgumentException("no runner for job kind " + kind);
        }
        for (Job j : store.jobs().inState(JobRepository.State.QUEUED)) {
            if (j.kind().equals(kind) && j.payload().equals(payloadJson)) {
                return j;
            }
        }
        Job j = store.jobs().enqueue(kind, payloadJson);
        synchronized (lock) {
            lock.notifyAll();
        }
        events.accept("job", Map.of("id", j.id(), "kind", kind, "state", "queued", "set", setOf(j)));
        return j;
    }

    /** {@link #cancel(long, String)} with the reason "cancelled on request". */
    public boolean cancel(long jobId) {
        return cancel(jobId, "cancelled on request");
    }

    /**
     * Cancels a queued job at once, a running one at its next step: run here, at once; run by
     * another process (a worker on another machine), the request is written on the job's row and
     * that process stops at its next progress step or lease renewal, ending the job cancelled with
     * {@code reason}.
     *
     * @return false when the job is neither queued nor running
     */
    public boolean cancel(long jobId, String reason) {
        if (store.jobs().cancelQueued(jobId)) {
            return true;
        }
        if (!store.jobs().requestCancel(jobId, reason)) {
            return false;
        }
        if (running == jobId) {
            cancelRunning = true;
        }
        return true;
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

    /** The kinds this queue's worker runs: on a shared store it claims only these. */
    public java.util.Set<String> kinds() {
        java.util.Set<String> out = new java.util.TreeSet<>(runners.keySet());
        out.add(KIND);
        out.add(EXPORT);
        return out;
    }

    private void work() {
        while (!closed) {
            Optional<Job> next;
            try {
                next = store.jobs().claimNext(store.isShared() ? kinds() : null,
                        (owner, since) -> CrashReports.ofWorker(crashReports, owner, since));
            } catch (RuntimeException e) {
                // A shared database away for a moment must not end the worker: try again shortly.
                LOG.warn("cannot claim a job: {}", e.getMessage());
                next = Optional.empty();
            }
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
            Runner runner = job.kind().equals(KIND) ? trainerJobs::train
                    : job.kind().equals(EXPORT) ? trainerJobs::export : runners.get(job.kind());
            if (runner == null) {
                store.jobs().finish(job.id(), JobRepository.State.FAILED, "unknown job kind " + job.kind());
                continue;
            }
            runJob(job, runner);
        }
    }

    private void runJob(Job job, Runner runner) {
        running = job.id();
        cancelRunning = false;
        try {
            new JobRun(store, events, () -> cancelRunning, () -> closed).run(job, runner, setOf(job));
        } finally {
            running = -1;
        }
    }

    private static long setOf(Job j) {
        try {
            return JSON.readTree(j.payload()).path("set").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Waits until no job is queued or running (for the CLI and tests). */
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
            scheduler.close();
        }
        if (shared != null) {
            shared.close();
        }
        if (worker != null) {
            worker.join(5000);
        }
    }
}
