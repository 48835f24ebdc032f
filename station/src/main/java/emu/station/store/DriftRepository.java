package emu.station.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Bench drift (issue 20): reference frames of digital shoots, per-capture drift factors, lamp hours. */
public final class DriftRepository {
    /** A reference frame's neutral-row mean per channel (scene-linear). */
    public record Reference(long id, long setId, long run, int position, String file, double r, double g, double b,
                            Instant takenAt) {}

    private final Store store;

    DriftRepository(Store store) {
        this.store = store;
    }

    /**
     * Records a reference frame whose file is already written.
     *
     * @param run the run's first reference id, or 0 for the first reference of a run (it becomes its own run)
     */
    public Reference add(long setId, long run, int position, String file, String sha256, double[] rgb) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO drift_references (set_id, run, position, file, sha256, r, g, b, taken_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", setId, run, position, file, sha256, rgb[0], rgb[1], rgb[2], now);
            long r = run == 0 ? id : run;
            if (run == 0) {
                Rows.update(c, "UPDATE drift_references SET run = ? WHERE id = ?", id, id);
            }
            return new Reference(id, setId, r, position, file, rgb[0], rgb[1], rgb[2], now);
        });
    }

    /** The set's references, by run then position. */
    public List<Reference> ofSet(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM drift_references WHERE set_id = ? ORDER BY run, position, id",
                rs -> new Reference(rs.getLong("id"), rs.getLong("set_id"), rs.getLong("run"), rs.getInt("position"),
                        rs.getString("file"), rs.getDouble("r"), rs.getDouble("g"), rs.getDouble("b"),
                        Rows.instant(rs, "taken_at")), setId));
    }

    /** Sets (replaces) the drift factors of captures, in one transaction. */
    public void setFactors(Map<Long, double[]> byCapture) {
        store.transaction(c -> {
            for (var e : byCapture.entrySet()) {
                double[] f = e.getValue();
                Rows.update(c, "INSERT INTO capture_drift (capture_id, r, g, b) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT(capture_id) DO UPDATE SET r = excluded.r, g = excluded.g, b = excluded.b",
                        e.getKey(), f[0], f[1], f[2]);
            }
            return null;
        });
    }

    /** The set's captures' drift factors, by capture id (captures without one are left out). */
    public Map<Long, double[]> factors(long setId) {
        Map<Long, double[]> out = new java.util.LinkedHashMap<>();
        store.transaction(c -> Rows.list(c, "SELECT d.* FROM capture_drift d JOIN captures k ON k.id = d.capture_id "
                + "WHERE k.set_id = ? ORDER BY d.capture_id", rs -> out.put(rs.getLong("capture_id"),
                        new double[] {rs.getDouble("r"), rs.getDouble("g"), rs.getDouble("b")}), setId));
        return out;
    }

    /** Adds lamp-on time to a rig light's count. */
    public void addLampSeconds(String rig, double seconds) {
        store.transaction(c -> Rows.update(c, "INSERT INTO lamp_hours (rig, seconds) VALUES (?, ?) "
                + "ON CONFLICT(rig) DO UPDATE SET seconds = lamp_hours.seconds + excluded.seconds", rig, seconds));
    }

    /** Lamp hours the station counted for a rig light (0 when never lit in a shoot). */
    public double lampHours(String rig) {
        return store.transaction(c -> Rows.one(c, "SELECT seconds FROM lamp_hours WHERE rig = ?", rs -> rs.getDouble(1), rig))
                .orElse(0.0) / 3600;
    }

    /** Lamp hours of the counters whose name starts with {@code prefix}, by the rest of the name, sorted. */
    public Map<String, Double> lampHoursUnder(String prefix) {
        Map<String, Double> out = new java.util.TreeMap<>();
        store.transaction(c -> Rows.list(c, "SELECT rig, seconds FROM lamp_hours", rs -> {
            String name = rs.getString(1);
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                out.put(name.substring(prefix.length()), rs.getDouble(2) / 3600);
            }
            return null;
        }));
        return out;
    }
}
