package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import emu.station.errors.NotFoundException;

/** Digital captures: the files the camera delivered for a plan step. */
public final class CaptureRepository {
    /**
     * A capture. {@code file} is relative to the data directory; {@code evAchieved} is the exposure
     * the camera actually reached (its nearest shutter speed), which may differ from the step's.
     * A capture marked {@code bad} (with the operator's reason) stays on file but is left out of
     * pairs and training, and its step counts as not captured.
     */
    public record Capture(long id, long setId, String stepId, String file, String sha256, double evAchieved,
                          String shutter, Instant capturedAt, boolean bad, String badReason) {}

    private final Store store;

    CaptureRepository(Store store) {
        this.store = store;
    }

    /** Records a capture whose file is already written (DESIGN.md: the row follows the file). */
    public Capture add(String stepId, String file, String sha256, double evAchieved, String shutter) {
        return store.transaction(c -> {
            long setId = Rows.one(c, "SELECT set_id FROM plan_steps WHERE id = ?", rs -> rs.getLong(1), stepId)
                    .orElseThrow(() -> new NotFoundException("no plan step " + stepId));
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO captures (set_id, step_id, file, sha256, ev_achieved, shutter, "
                    + "captured_at) VALUES (?, ?, ?, ?, ?, ?, ?)", setId, stepId, file, sha256, evAchieved, shutter, now);
            return new Capture(id, setId, stepId, file, sha256, evAchieved, shutter, now, false, "");
        });
    }

    /**
     * Marks a capture bad (with a reason) or good again.
     *
     * @throws IllegalArgumentException when there is no such capture, or marking bad without a reason
     */
    public Capture markBad(long id, boolean bad, String reason) {
        String why = Rows.badReason(bad, reason);
        return store.transaction(c -> {
            if (Rows.update(c, "UPDATE captures SET bad = ?, bad_reason = ? WHERE id = ?", bad ? 1 : 0, why, id) != 1) {
                throw new NotFoundException("no capture " + id);
            }
            return byId(id).orElseThrow();
        });
    }

    /** Marks several captures bad, each with its reason, in one transaction (all or none). */
    public void markBad(java.util.Map<Long, String> reasons) {
        store.transaction(c -> {
            for (var e : reasons.entrySet()) {
                markBad(e.getKey(), true, e.getValue());
            }
            return null;
        });
    }

    public Optional<Capture> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM captures WHERE id = ?", CaptureRepository::map, id));
    }

    public List<Capture> bySet(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT k.* FROM captures k JOIN plan_steps p ON p.id = k.step_id "
                + "WHERE k.set_id = ? ORDER BY p.seq, k.id", CaptureRepository::map, setId));
    }

    public List<Capture> byStep(String stepId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM captures WHERE step_id = ? ORDER BY id",
                CaptureRepository::map, stepId));
    }

    private static Capture map(ResultSet rs) throws SQLException {
        return new Capture(rs.getLong("id"), rs.getLong("set_id"), rs.getString("step_id"), rs.getString("file"),
                rs.getString("sha256"), rs.getDouble("ev_achieved"), rs.getString("shutter"),
                Rows.instant(rs, "captured_at"), rs.getInt("bad") == 1, rs.getString("bad_reason"));
    }
}
