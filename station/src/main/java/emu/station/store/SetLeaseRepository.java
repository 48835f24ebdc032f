package emu.station.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which bench is shooting a set (issue 21): one lease per set in {@code set_leases}, taken when a
 * shoot starts, renewed while it runs, released when it ends. A lease whose end has passed (its
 * bench died or lost the catalogue) no longer counts and another bench may take it. Taking is one
 * statement (an upsert whose update only applies to a free, expired or own lease), so two benches
 * starting the same set at once cannot both win on either engine.
 */
public final class SetLeaseRepository {
    /** A live lease: {@code bench} has been shooting the set since {@code since}. */
    public record Lease(long setId, String bench, Instant since, Instant until) {}

    private final Store store;

    SetLeaseRepository(Store store) {
        this.store = store;
    }

    /**
     * Takes or renews the lease of {@code setId} for {@code bench} until now + {@code lease}.
     *
     * @return empty when taken (or renewed); otherwise the other bench's live lease
     */
    public Optional<Lease> take(long setId, String bench, Duration lease) {
        return store.transaction(c -> {
            long now = System.currentTimeMillis();
            // The update's WHERE keeps another bench's live lease; `since` stays while the same bench renews.
            int n = Rows.update(c, "INSERT INTO set_leases (set_id, bench, since, lease_until) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (set_id) DO UPDATE SET "
                    + "since = CASE WHEN set_leases.bench = excluded.bench AND set_leases.lease_until >= ? "
                    + "THEN set_leases.since ELSE excluded.since END, "
                    + "bench = excluded.bench, lease_until = excluded.lease_until "
                    + "WHERE set_leases.bench = excluded.bench OR set_leases.lease_until < ?",
                    setId, bench, Instant.ofEpochMilli(now), now + lease.toMillis(), now, now);
            return n == 1 ? Optional.<Lease>empty() : live(c, setId, now);
        });
    }

    /** Gives the lease up if {@code bench} holds it (the shoot ended). */
    public void release(long setId, String bench) {
        store.transaction(c -> Rows.update(c, "DELETE FROM set_leases WHERE set_id = ? AND bench = ?", setId, bench));
    }

    /** The set's live lease, if any. */
    public Optional<Lease> of(long setId) {
        return store.transaction(c -> live(c, setId, System.currentTimeMillis()));
    }

    /** Every live lease, by set. */
    public List<Lease> all() {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM set_leases WHERE lease_until >= ? ORDER BY set_id",
                SetLeaseRepository::lease, System.currentTimeMillis()));
    }

    private static Optional<Lease> live(java.sql.Connection c, long setId, long now) throws java.sql.SQLException {
        return Rows.one(c, "SELECT * FROM set_leases WHERE set_id = ? AND lease_until >= ?", SetLeaseRepository::lease, setId, now);
    }

    private static Lease lease(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Lease(rs.getLong("set_id"), rs.getString("bench"), Rows.instant(rs, "since"),
                Instant.ofEpochMilli(rs.getLong("lease_until")));
    }
}
