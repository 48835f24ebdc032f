package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import emu.station.errors.NotFoundException;

/** Lab scans of film frames; a scan is matched to its frame when imported or later. */
public final class ScanRepository {
    /**
     * A scan file (relative to the data directory); {@code frameId} is empty until matched;
     * {@code bad}: set aside by the operator (a duplicate, a wrong file), out of pairs and conflicts.
     */
    public record Scan(long id, long rollId, Optional<Long> frameId, String file, String sha256, Instant importedAt,
                       boolean bad, String badReason) {}

    private final Store store;

    ScanRepository(Store store) {
        this.store = store;
    }

    public Scan add(long rollId, Long frameId, String file, String sha256) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO scans (roll_id, frame_id, file, sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
                    rollId, frameId, file, sha256, now);
            return new Scan(id, rollId, Optional.ofNullable(frameId), file, sha256, now, false, "");
        });
    }

    public void matchFrame(long scanId, long frameId) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE scans SET frame_id = ? WHERE id = ?", frameId, scanId) != 1) {
                throw new NotFoundException("no scan " + scanId);
            }
            return null;
        });
    }

    /**
     * Sets a scan aside (with a reason) or takes it back; its pairing is kept either way.
     *
     * @throws IllegalArgumentException when there is no such scan, or setting aside without a reason
     */
    public Scan markBad(long id, boolean bad, String reason) {
        String why = Rows.badReason(bad, reason);
        return store.transaction(c -> {
            if (Rows.update(c, "UPDATE scans SET bad = ?, bad_reason = ? WHERE id = ?", bad ? 1 : 0, why, id) != 1) {
                throw new emu.station.errors.NotFoundException("no scan " + id);
            }
            return byId(id).orElseThrow();
        });
    }

    public Optional<Scan> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM scans WHERE id = ?", ScanRepository::map, id));
    }

    public List<Scan> byRoll(long rollId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM scans WHERE roll_id = ? ORDER BY id",
                ScanRepository::map, rollId));
    }

    public List<Scan> byFrame(long frameId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM scans WHERE frame_id = ? ORDER BY id",
                ScanRepository::map, frameId));
    }

    /** Whether a file with this content was already imported (re-importing a folder is harmless). */
    public Optional<Scan> bySha256(String sha256) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM scans WHERE sha256 = ? ORDER BY id",
                ScanRepository::map, sha256));
    }

    private static Scan map(ResultSet rs) throws SQLException {
        return new Scan(rs.getLong("id"), rs.getLong("roll_id"), Rows.optionalLong(rs, "frame_id"), rs.getString("file"),
                rs.getString("sha256"), Rows.instant(rs, "imported_at"), rs.getInt("bad") == 1, rs.getString("bad_reason"));
    }
}
