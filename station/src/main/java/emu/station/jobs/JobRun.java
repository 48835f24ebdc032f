package emu.station.jobs;

import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.Store;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed job run to its end by {@link JobQueue}'s worker: its progress steps, which are also
 * its cancel points (a cancel asked here, by another process on the job's row, or a stopping
 * queue; a lease lost to another worker), the lease kept on a shared store, and its final state
 * and events. A cancel ends the job with the asker's reason; a stopping worker hands the job back
 * (shared store) or leaves it for the next start to re-queue (SQLite).
 */
final class JobRun {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final Store store;
    private final BiConsumer<String, Map<String, Object>> events;
    private final BooleanSupplier cancelledHere;
    private final BooleanSupplier closing;

    /**
     * @param cancelledHere whether this process's queue was asked to cancel the running job
     * @param closing whether the queue is stopping
     */
    JobRun(Store store, BiConsumer<String, Map<String, Object>> events, BooleanSupplier cancelledHere,
           BooleanSupplier closing) {
        this.store = store;
        this.events = events;
        this.cancelledHere = cancelledHere;
        this.closing = closing;
    }

    void run(Job job, JobQueue.Runner runner, long setId) {
        events.accept("job", Map.of("id", job.id(), "kind", job.kind(), "state", "running", "set", setId));
        LeaseKeeper lease = store.isShared() ? new LeaseKeeper(store, job.id()) : null;
        try {
            String message = retried(job, runner.run(job, (fraction, line) -> step(job, lease, fraction, line)));
            if (lease != null) {
                lease.close();
            }
            if (!store.jobs().finish(job.id(), JobRepository.State.DONE, message)) {
                LOG.warn("{} job {} finished here after its lease ran out: the worker that took it over decides", job.kind(), job.id());
                return;
            }
            events.accept("job", Map.of("id", job.id(), "kind", job.kind(), "state", "done", "set", setId,
                    "message", message));
        } catch (Exception e) {
            ended(job, lease, setId, e);
        }
    }

    /**
     * {@code message} with why this run is a retry (the claim's message, JobRepository#claimNext) after it: a job
     * that a stopped station (a crash, a power loss) left running says so when it ends, not only while queued.
     */
    private static String retried(Job job, String message) {
        return job.message() != null && job.message().startsWith("retried: ") ? message + " (" + job.message() + ")"
                : message;
    }

    /** A progress step: a cancel point first, then the step recorded (which reads a cancel asked meanwhile). */
    private void step(Job job, LeaseKeeper lease, double fraction, String line) {
        if (lease != null && lease.lost()) {
            throw new CancellationException(job.kind() + " job " + job.id() + ": lease lost, another worker has it");
        }
        boolean here = cancelledHere.getAsBoolean();
        Optional<String> asked = here ? store.jobs().cancelRequested(job.id())
                : lease != null ? lease.cancelRequested() : Optional.empty();
        if (here || closing.getAsBoolean() || asked.isPresent()) {
            throw new CancellationException(asked.orElse(job.kind() + " job " + job.id() + " cancelled"));
        }
        // The step's write also reads a cancel asked meanwhile by another process (its API).
        asked = store.jobs().progress(job.id(), fraction, line.length() > 200 ? line.substring(0, 200) : line);
        if (asked.isPresent()) {
            throw new CancellationException(asked.get());
        }
        events.accept("job-progress", Map.of("id", job.id(), "message", line));
    }

    private void ended(Job job, LeaseKeeper lease, long setId, Exception e) {
        boolean cancelled = e instanceof CancellationException || e.getCause() instanceof CancellationException;
        if (lease != null) {
            lease.close();
            if (lease.lost()) {
                return; // another worker runs it now
            }
        }
        // A cancel asked for this job (here or by another process) ends it with the asker's reason.
        Optional<String> asked = cancelled ? store.jobs().cancelRequested(job.id()) : Optional.empty();
        boolean stopping = closing.getAsBoolean() && cancelled && asked.isEmpty();
        if (stopping && lease != null) {
            store.jobs().release(job.id()); // a stopping worker hands it back at once
            return;
        }
        if (stopping) {
            return; // a stopping daemon leaves it running; the next start requeues it
        }
        String message = retried(job, asked.orElse(String.valueOf(e.getMessage())));
        store.jobs().finish(job.id(), cancelled ? JobRepository.State.CANCELLED : JobRepository.State.FAILED, message);
        events.accept("job", Map.of("id", job.id(), "kind", job.kind(), "state", cancelled ? "cancelled" : "failed",
                "set", setId, "message", message));
        if (!cancelled) {
            LOG.error("{} job {} of set {} failed", job.kind(), job.id(), setId, e);
        }
    }
}
