package emu.station.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * This process's identity in the shared job queue and the length of its leases. A job claimed on
 * PostgreSQL carries {@code lease_owner} and {@code lease_until}; the owner renews the lease while
 * it works, and a lease left to expire (a worker killed, a machine gone) lets any other worker
 * claim the job again. On SQLite one process owns the queue and leases are not used.
 */
public final class JobLeases {
    /** Claims of one job past which it fails instead of being retried (a job that kills its workers). */
    public static final int MAX_ATTEMPTS = 3;

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile Duration lease = Duration.ofSeconds(60);

    /** {@code pid@host/random}: unique per process even when pids repeat across machines. */
    public String owner() {
        return owner;
    }

    public Duration lease() {
        return lease;
    }

    public void setLease(Duration lease) {
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a job lease must last at least 1 s, got " + lease);
        }
        this.lease = lease;
    }
}
