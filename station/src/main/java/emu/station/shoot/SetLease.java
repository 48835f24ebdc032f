package emu.station.shoot;

import emu.station.errors.ConflictException;
import emu.station.store.SetLeaseRepository.Lease;
import emu.station.store.Store;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This bench's hold on a set while it shoots it (issue 21: one bench at a time): taken when the
 * shoot starts, renewed three times per {@link #DURATION} so a slow renewal does not lose it,
 * released when the shoot ends. A bench that dies stops renewing; its lease runs out and another
 * bench may shoot the set. If a renewal finds another bench holding the set (this one stalled past
 * its lease), the lease is {@link #lost()} and the shoot stops before its next step.
 */
final class SetLease implements AutoCloseable {
    /** How long a lease outlives its last renewal by default: a dead bench frees its set within this. */
    static final Duration DURATION = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(SetLease.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Store store;
    private final long setId;
    private final String bench;
    private final Duration duration;
    private final ScheduledExecutorService timer;
    private volatile boolean lost;

    /**
     * This bench's leases on a catalogue, as the runner takes them. A SQLite catalogue has one bench (its
     * daemon locks the data directory): no lease, nothing written at the start of a shoot.
     */
    record Keeper(Store store, String bench, Duration duration) {
        /** At a shoot's start: 409 now if another bench shoots the set; the run then takes the lease. */
        void check(long setId) {
            if (store.isShared()) {
                SetLease.check(store, setId, bench, duration);
            }
        }

        /** The set's lease for the run, renewed until closed; null on a SQLite catalogue. */
        SetLease take(long setId) {
            return store.isShared() ? SetLease.take(store, setId, bench, duration) : null;
        }

        /** Whether the run's lease was taken over by another bench (never, without a lease). */
        static boolean lost(SetLease lease) {
            return lease != null && lease.lost();
        }
    }

    private SetLease(Store store, long setId, String bench, Duration duration) {
        this.store = store;
        this.setId = setId;
        this.bench = bench;
        this.duration = duration;
        long every = duration.toMillis() / 3;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "set-lease-" + setId);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@link #take(Store, long, String, Duration)} for the default {@link #DURATION}. */
    static SetLease take(Store store, long setId, String bench) {
        return take(store, setId, bench, DURATION);
    }

    /**
     * Takes the set's lease for {@code bench} (or renews it, if this bench holds it already).
     *
     * @throws ConflictException (409) naming the bench that shoots the set and since when
     */
    static SetLease take(Store store, long setId, String bench, Duration duration) {
        check(store, setId, bench, duration);
        return new SetLease(store, setId, bench, duration);
    }

    /** Takes or renews the lease without keeping it (the start's answer comes before the run begins). */
    static void check(Store store, long setId, String bench, Duration duration) {
        Optional<Lease> other = store.setLeases().take(setId, bench, duration);
        if (other.isPresent()) {
            throw new ConflictException("leased", "set " + setId + " is being shot at bench " + other.get().bench()
                    + " since " + HOUR.format(other.get().since()) + "; a set is shot by one bench at a time (that "
                    + "bench's lease ends " + duration.toSeconds() + " s after it stops renewing it)");
        }
    }

    private void renew() {
        try {
            if (!lost && store.setLeases().take(setId, bench, duration).isPresent()) {
                lost = true;
                LOG.warn("lost the lease on set {}: another bench shoots it now; this shoot stops", setId);
            }
        } catch (RuntimeException e) {
            LOG.warn("renewing the lease on set {} failed (retried): {}", setId, e.getMessage());
        }
    }

    boolean lost() {
        return lost;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!lost) {
                store.setLeases().release(setId, bench);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not release the lease on set {} (it runs out by itself): {}", setId, e.getMessage());
        }
    }
}
