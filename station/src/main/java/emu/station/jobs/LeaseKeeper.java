package emu.station.jobs;

import emu.station.store.Store;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews this process's lease on the job it runs (shared store only), three times per lease so one
 * slow renewal does not lose it. If a renewal finds the lease gone (this process stalled past it
 * and another worker took the job) the job is {@link #lost()} and the runner stops at its next step;
 * each renewal also reads whether a cancel was asked for the job ({@link #cancelRequested()}), so a
 * worker busy in a long step without progress lines still learns of it within a third of a lease.
 * A renewal that fails on a database error is retried at the next tick: the lease has slack.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ScheduledExecutorService timer;
    private volatile boolean lost;
    private volatile Optional<String> cancelRequested = Optional.empty();

    LeaseKeeper(Store store, long jobId) {
        long every = Math.max(200, store.leases().lease().toMillis() / 3);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-" + jobId);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (!lost && !store.jobs().renewLease(jobId)) {
                    lost = true;
                    LOG.warn("lost the lease on job {}: another worker took it over", jobId);
                }
                if (!lost) {
                    cancelRequested = store.jobs().cancelRequested(jobId);
                }
            } catch (RuntimeException e) {
                LOG.warn("renewing the lease on job {} failed (retried): {}", jobId, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    boolean lost() {
        return lost;
    }

    /** The reason of a cancel asked for the job (by any process), as of the last renewal. */
    Optional<String> cancelRequested() {
        return cancelRequested;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
