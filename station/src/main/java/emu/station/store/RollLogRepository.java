package emu.station.store;

import java.time.Instant;
import java.util.List;

/** A roll's life, one timestamped entry per stage with its details (lab, process, ...) as JSON. */
public final class RollLogRepository {
    /** The stages, in the order a roll goes through them. */
    public enum Stage { LOADED, SHOT, SENT_TO_LAB, SCANS_RECEIVED, PAIRED }

    public record Entry(long id, long rollId, Stage stage, String detailsJson, Instant at) {}

    private final Store store;

    RollLogRepository(Store store) {
        this.store = store;
    }

    public Entry log(long rollId, Stage stage, String detailsJson) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO roll_events (roll_id, event, details, at) VALUES (?, ?, ?, ?)",
                    rollId, stage, detailsJson, now);
            return new Entry(id, rollId, stage, detailsJson, now);
        });
    }

    public List<Entry> entries(long rollId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM roll_events WHERE roll_id = ? ORDER BY id",
                rs -> new Entry(rs.getLong("id"), rs.getLong("roll_id"), Rows.enumOf(Stage.class, rs.getString("event")),
                        rs.getString("details"), Rows.instant(rs, "at")), rollId));
    }
}
