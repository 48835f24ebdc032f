package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sampled chart patches of captures and scans, the pairs they make per set (a capture and a scan
 * of the same plan step, patch by patch), and operator-set chart corners per set.
 */
public final class ReadingRepository {
    /** Where an image came from: the digital camera or a film scan. */
    public enum Source { CAPTURE, SCAN }

    /**
     * One patch as stored: {@code patch} is 1-based in chart order; values are those of the pairs
     * contract (digital: scene-linear, film: scan values 0..1); {@code noise} the largest channel
     * standard deviation.
     */
    public record PatchValue(int patch, double r, double g, double b, double noise, boolean clipped, boolean noisy) {}

    /** A pair row: one patch of one step seen by the camera and by the film. */
    public record PairRow(long setId, String stepId, String stepCode, String illuminant, double ev, String roll,
                          int frame, long captureId, long scanId, int patch,
                          double digitalR, double digitalG, double digitalB, double filmR, double filmG, double filmB) {}

    private final Store store;

    ReadingRepository(Store store) {
        this.store = store;
    }

    /** Stores the readings of a capture (call inside the transaction that adds the capture). */
    public void addForCapture(long captureId, List<PatchValue> patches) {
        add("capture_id", captureId, patches);
    }

    /** Stores (replacing any earlier) the readings of a scan. */
    public void addForScan(long scanId, List<PatchValue> patches) {
        replace(Source.SCAN, scanId, patches);
    }

    /**
     * Replaces the readings of one capture or scan in one transaction: its old rows go, {@code
     * patches} come in (empty leaves it without readings, so out of the pairs).
     */
    public void replace(Source source, long id, List<PatchValue> patches) {
        String column = column(source);
        store.transaction(c -> {
            Rows.update(c, "DELETE FROM patch_readings WHERE " + column + " = ?", id);
            add(column, id, patches);
            return null;
        });
    }

    private static String column(Source source) {
        return source == Source.CAPTURE ? "capture_id" : "scan_id";
    }

    private void add(String column, long id, List<PatchValue> patches) {
        store.transaction(c -> {
            for (PatchValue p : patches) {
                Rows.update(c, "INSERT INTO patch_readings (" + column + ", patch, r, g, b, noise, clipped, noisy) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, p.patch(), p.r(), p.g(), p.b(), p.noise(),
                        p.clipped() ? 1 : 0, p.noisy() ? 1 : 0);
            }
            return null;
        });
    }

    public List<PatchValue> ofCapture(long captureId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM patch_readings WHERE capture_id = ? ORDER BY patch",
                ReadingRepository::mapPatch, captureId));
    }

    public List<PatchValue> ofScan(long scanId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM patch_readings WHERE scan_id = ? ORDER BY patch",
                ReadingRepository::mapPatch, scanId));
    }

    /**
     * The set's pairs: every step with a capture and a scan paired to one of its frames, patch by
     * patch, leaving out patches clipped on either side and captures, frames and scans marked bad. The
     * digital values are divided by the capture's bench drift factors when it has them (issue 20).
     */
    public List<PairRow> pairs(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT p.set_id, p.id AS step_id, p.code, p.illuminant, p.ev, "
                + "r.code AS roll, f.number, k.id AS capture_id, s.id AS scan_id, cr.patch, "
                + "cr.r / COALESCE(d.r, 1) AS dr, cr.g / COALESCE(d.g, 1) AS dg, cr.b / COALESCE(d.b, 1) AS db, "
                + "sr.r AS fr, sr.g AS fg, sr.b AS fb "
                + "FROM plan_steps p JOIN captures k ON k.step_id = p.id "
                + "JOIN frames f ON f.step_id = p.id JOIN rolls r ON r.id = f.roll_id "
                + "JOIN scans s ON s.frame_id = f.id "
                + "JOIN patch_readings cr ON cr.capture_id = k.id "
                + "JOIN patch_readings sr ON sr.scan_id = s.id AND sr.patch = cr.patch "
                + "LEFT JOIN capture_drift d ON d.capture_id = k.id "
                + "WHERE p.set_id = ? AND cr.clipped = 0 AND sr.clipped = 0 AND k.bad = 0 AND f.bad = 0 AND s.bad = 0 "
                + "AND r.left_out = 0 "
                + "ORDER BY p.seq, f.number, s.id, k.id, cr.patch",
                rs -> new PairRow(rs.getLong("set_id"), rs.getString("step_id"), rs.getString("code"),
                        rs.getString("illuminant"), rs.getDouble("ev"), rs.getString("roll"), rs.getInt("number"),
                        rs.getLong("capture_id"), rs.getLong("scan_id"), rs.getInt("patch"), rs.getDouble("dr"),
                        rs.getDouble("dg"), rs.getDouble("db"), rs.getDouble("fr"), rs.getDouble("fg"), rs.getDouble("fb")),
                setId));
    }

    /** Steps of the set that have both a good capture and a scan paired to one of their good frames. */
    public int stepsPaired(long setId) {
        return store.transaction(c -> Rows.one(c, "SELECT COUNT(*) FROM plan_steps p WHERE p.set_id = ? "
                + "AND EXISTS (SELECT 1 FROM captures k WHERE k.step_id = p.id AND k.bad = 0) "
                + "AND EXISTS (SELECT 1 FROM frames f JOIN scans s ON s.frame_id = f.id WHERE f.step_id = p.id AND f.bad = 0 AND s.bad = 0)",
                rs -> rs.getInt(1), setId).orElse(0));
    }

    /** Remembers operator-set corners (JSON {@code [[x,y] x 4]}) for the set's captures or scans. */
    public void setCorners(long setId, Source source, String cornersJson) {
        store.transaction(c -> Rows.update(c, "INSERT INTO chart_corners (set_id, source, corners, updated_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (set_id, source) DO UPDATE SET corners = excluded.corners, "
                + "updated_at = excluded.updated_at", setId, source, cornersJson, Instant.now()));
    }

    /** Forgets the operator's corners: detection takes over again. */
    public void clearCorners(long setId, Source source) {
        store.transaction(c -> Rows.update(c, "DELETE FROM chart_corners WHERE set_id = ? AND source = ?", setId, source));
    }

    public Optional<String> corners(long setId, Source source) {
        return store.transaction(c -> Rows.one(c, "SELECT corners FROM chart_corners WHERE set_id = ? AND source = ?",
                rs -> rs.getString(1), setId, source));
    }

    private static PatchValue mapPatch(ResultSet rs) throws SQLException {
        return new PatchValue(rs.getInt("patch"), rs.getDouble("r"), rs.getDouble("g"), rs.getDouble("b"),
                rs.getDouble("noise"), rs.getInt("clipped") == 1, rs.getInt("noisy") == 1);
    }
}
