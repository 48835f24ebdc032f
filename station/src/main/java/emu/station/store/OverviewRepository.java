package emu.station.store;

import java.util.List;
import java.util.Optional;

/**
 * Read-only summaries for the web UI: each set's completion, recent jobs, a set's steps with their
 * capture and scan, and file lookups by id. Queries are shaped to stay fast with 100,000 captures:
 * counts come from the covering index {@code captures_by_set_step}, per-step lookups from
 * {@code captures_by_step} and {@code frames_by_step}.
 */
public final class OverviewRepository {
    /** A set and how far it got: plan steps, steps with a capture, steps with a scan; archived ones are hidden by default. */
    public record SetProgress(long id, String name, String stock, String chart, String status, int steps,
                              int captured, int scanned, boolean archived) {}

    /**
     * One plan step with its newest capture and scan, if any; {@code clipped}: how many chart
     * patches of that capture read clipped; {@code peak}: its brightest patch's highest channel
     * (scene-linear, 1 = full scale), empty without readings.
     */
    public record StepRow(String stepId, int seq, String code, String illuminant, double ev,
                          Optional<Long> captureId, Optional<Long> scanId, Optional<Integer> frame,
                          int clipped, Optional<Double> peak) {
        /**
         * Below this peak the chart's white patch sits more than ~3.3 stops (log2(1/0.1)) under
         * full scale: the darkest patches drown in noise, so the step is reported under-exposed.
         */
        public static final double DARK_PEAK = 0.1;

        public boolean underExposed() {
            return peak.isPresent() && peak.get() < DARK_PEAK;
        }
    }

    /** A file the station holds: path relative to the data directory, content hash. */
    public record StoredFile(long id, String file, String sha256) {}

    private final Store store;

    OverviewRepository(Store store) {
        this.store = store;
    }

    public List<SetProgress> setProgress() {
        return store.transaction(c -> Rows.list(c, """
                SELECT s.id, s.name, st.name AS stock, s.chart, s.status, s.archived_at,
                  (SELECT COUNT(*) FROM plan_steps p WHERE p.set_id = s.id) AS steps,
                  (SELECT COUNT(DISTINCT c.step_id) FROM captures c WHERE c.set_id = s.id) AS captured,
                  (SELECT COUNT(DISTINCT f.step_id) FROM plan_steps p JOIN frames f ON f.step_id = p.id
                     WHERE p.set_id = s.id AND EXISTS (SELECT 1 FROM scans sc WHERE sc.frame_id = f.id AND sc.bad = 0)) AS scanned
                FROM profiling_sets s JOIN stocks st ON st.id = s.stock_id
                ORDER BY s.id DESC""", rs -> new SetProgress(rs.getLong("id"), rs.getString("name"),
                rs.getString("stock"), rs.getString("chart"), rs.getString("status"), rs.getInt("steps"),
                rs.getInt("captured"), rs.getInt("scanned"), rs.getString("archived_at") != null)));
    }

    public List<JobRepository.Job> recentJobs(int limit) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM jobs ORDER BY id DESC LIMIT ?",
                rs -> store.jobs().byId(rs.getLong("id")).orElseThrow(), limit));
    }

    public List<StepRow> steps(long setId) {
        return store.transaction(c -> Rows.list(c, """
                SELECT p.id, p.seq, p.code, p.illuminant, p.ev,
                  (SELECT MAX(c.id) FROM captures c WHERE c.step_id = p.id) AS capture_id,
                  (SELECT MAX(sc.id) FROM frames f JOIN scans sc ON sc.frame_id = f.id WHERE f.step_id = p.id AND sc.bad = 0) AS scan_id,
                  (SELECT MIN(f.number) FROM frames f WHERE f.step_id = p.id) AS frame
                FROM plan_steps p WHERE p.set_id = ? ORDER BY p.seq""",
                rs -> new StepRow(rs.getString("id"), rs.getInt("seq"), rs.getString("code"),
                        rs.getString("illuminant"), rs.getDouble("ev"), Rows.optionalLong(rs, "capture_id"),
                        Rows.optionalLong(rs, "scan_id"), Rows.optionalLong(rs, "frame").map(Long::intValue), 0,
                        Optional.empty()),
                setId)).stream().map(r -> r.captureId().map(id -> exposure(r, id)).orElse(r)).toList();
    }

    /** The step row with its capture's clipped-patch count and peak. */
    private StepRow exposure(StepRow r, long captureId) {
        return store.transaction(c -> Rows.one(c, "SELECT SUM(clipped) AS clipped, "
                // the brightest channel, portably: SQLite's multi-argument MAX is PostgreSQL's GREATEST
                + "MAX(CASE WHEN r >= g AND r >= b THEN r WHEN g >= b THEN g ELSE b END) AS peak, COUNT(*) AS n "
                + "FROM patch_readings WHERE capture_id = ?", rs -> new StepRow(r.stepId(), r.seq(), r.code(), r.illuminant(),
                r.ev(), r.captureId(), r.scanId(), r.frame(), rs.getInt("clipped"),
                rs.getInt("n") == 0 ? Optional.empty() : Optional.of(rs.getDouble("peak"))), captureId)).orElse(r);
    }

    public Optional<StoredFile> captureFile(long id) {
        return file("captures", id);
    }

    public Optional<StoredFile> scanFile(long id) {
        return file("scans", id);
    }

    public Optional<StoredFile> exportFile(long id) {
        return file("exports", id);
    }

    private Optional<StoredFile> file(String table, long id) {
        // table is one of the three constants above, never request input
        return store.transaction(c -> Rows.one(c, "SELECT id, file, sha256 FROM " + table + " WHERE id = ?",
                rs -> new StoredFile(rs.getLong("id"), rs.getString("file"), rs.getString("sha256")), id));
    }
}
