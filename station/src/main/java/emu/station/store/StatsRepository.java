package emu.station.store;

import java.util.List;

/**
 * Counts for monitoring ({@code /metrics}): one read per scrape, each query an aggregate over a
 * table, so a scrape costs the same with 10 or 100,000 captures (the counts use the same indexes
 * as {@link OverviewRepository}).
 */
public final class StatsRepository {
    /** A count under one or two labels (e.g. jobs by kind and state). */
    public record Count(String a, String b, double value) {}

    /** Finished jobs of one kind and state: how many, and their run time summed and at most. */
    public record JobTimes(String kind, String state, long count, double seconds, double maxSeconds) {}

    /** The newest model of a set and its held-out CIEDE2000 ({@code models.held_out_de2000}). */
    public record ModelFit(long setId, String set, int version, String fitter, double heldOutDe2000) {}

    /** Everything one scrape reads. */
    public record Snapshot(List<Count> setsByStatus, long planSteps, long stepsCaptured, long stepsFailed,
                           long captures, long capturesBad, long scans, long scansBad, List<Count> filmShoots,
                           List<Count> jobs, List<JobTimes> jobTimes, double oldestRunningJobSeconds,
                           List<ModelFit> models) {}

    private final Store store;

    StatsRepository(Store store) {
        this.store = store;
    }

    public Snapshot snapshot() {
        return store.transaction(c -> new Snapshot(
                Rows.list(c, "SELECT status, COUNT(*) AS n FROM profiling_sets GROUP BY status",
                        rs -> new Count(rs.getString("status"), "", rs.getLong("n"))),
                count(c, "SELECT COUNT(*) FROM plan_steps"),
                count(c, "SELECT COUNT(DISTINCT step_id) FROM captures WHERE bad = 0"),
                count(c, "SELECT COUNT(*) FROM step_failures"),
                count(c, "SELECT COUNT(*) FROM captures WHERE bad = 0"),
                count(c, "SELECT COUNT(*) FROM captures WHERE bad = 1"),
                count(c, "SELECT COUNT(*) FROM scans WHERE bad = 0"),
                count(c, "SELECT COUNT(*) FROM scans WHERE bad = 1"),
                Rows.list(c, "SELECT state, COUNT(*) AS n FROM film_shoots GROUP BY state",
                        rs -> new Count(rs.getString("state"), "", rs.getLong("n"))),
                Rows.list(c, "SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state",
                        rs -> new Count(rs.getString("kind"), rs.getString("state"), rs.getLong("n"))),
                // Timestamps are ISO-8601 instants; the dialect turns them into seconds.
                Rows.list(c, "SELECT kind, state, COUNT(*) AS n, SUM(" + seconds(c, "started_at", "finished_at")
                        + ") AS s, MAX(" + seconds(c, "started_at", "finished_at") + ") AS m "
                        + "FROM jobs WHERE started_at IS NOT NULL AND finished_at IS NOT NULL GROUP BY kind, state",
                        rs -> new JobTimes(rs.getString("kind"), rs.getString("state"), rs.getLong("n"),
                                rs.getDouble("s"), rs.getDouble("m"))),
                Rows.one(c, "SELECT MAX(" + seconds(c, "started_at", "?") + ") AS s FROM jobs"
                        + " WHERE state = 'running'", rs -> rs.getDouble("s"), java.time.Instant.now()).orElse(0.0),
                Rows.list(c, """
                        SELECT m.set_id, s.name, m.version, m.fitter, m.held_out_de2000 FROM models m
                        JOIN profiling_sets s ON s.id = m.set_id
                        WHERE m.version = (SELECT MAX(version) FROM models WHERE set_id = m.set_id)
                        ORDER BY m.set_id""",
                        rs -> new ModelFit(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getDouble(5)))));
    }

    /** Seconds from one ISO-8601 text instant to another. */
    private static String seconds(java.sql.Connection c, String from, String to) {
        Dialect d = Dialect.of(c);
        return "(" + d.epochSeconds(to) + " - " + d.epochSeconds(from) + ")";
    }

    private static long count(java.sql.Connection c, String sql) throws java.sql.SQLException {
        return Rows.one(c, sql, rs -> rs.getLong(1)).orElse(0L);
    }
}
