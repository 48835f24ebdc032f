package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Control strips (V12, issue 20): the lab's strip run with a roll, and each strip lot's reference
 * strip. Densities are kept as the nine status M readings in the order D-min, LD, HD x R, G, B
 * ({@link #DENSITY_COLUMNS}).
 */
public final class ControlStripRepository {
    /** The density columns, in the order of every {@code densities} array here. */
    public static final List<String> DENSITY_COLUMNS = List.of("dmin_r", "dmin_g", "dmin_b", "ld_r", "ld_g", "ld_b",
            "hd_r", "hd_g", "hd_b");

    /** A roll's strip: which lab ran it, in which process, from which strip lot, on which day (ISO date). */
    public record Strip(long id, long rollId, String lab, String process, String lot, String date, String source,
                        double[] densities, Instant recordedAt) {}

    /** A lot's reference strip, its densities the lab's aims. */
    public record Reference(String process, String lot, double[] densities, Instant recordedAt) {}

    private static final String COLUMNS = String.join(", ", DENSITY_COLUMNS);
    private static final String MARKS = "?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final Store store;

    ControlStripRepository(Store store) {
        this.store = store;
    }

    /** Records the roll's strip, replacing one recorded before (a typo corrected, a strip re-read). */
    public Strip put(long rollId, String lab, String process, String lot, String date, String source, double[] densities) {
        Instant now = Instant.now();
        return store.transaction(c -> {
            Rows.update(c, "DELETE FROM control_strips WHERE roll_id = ?", rollId);
            Object[] p = params(new Object[] {rollId, lab, process, lot, date, source}, densities, now);
            long id = Rows.insert(c, "INSERT INTO control_strips (roll_id, lab, process, lot, strip_date, source, " + COLUMNS
                    + ", recorded_at) VALUES (?, ?, ?, ?, ?, ?, " + MARKS + ", ?)", p);
            return new Strip(id, rollId, lab, process, lot, date, source, densities.clone(), now);
        });
    }

    public Optional<Strip> ofRoll(long rollId) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM control_strips WHERE roll_id = ?",
                ControlStripRepository::strip, rollId));
    }

    /** A lab's strips, oldest first (by strip date, then as recorded). */
    public List<Strip> ofLab(String lab) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM control_strips WHERE lab = ? ORDER BY strip_date, id",
                ControlStripRepository::strip, lab));
    }

    /** Every lab that has a strip, by name. */
    public List<String> labs() {
        return store.transaction(c -> Rows.list(c, "SELECT DISTINCT lab FROM control_strips ORDER BY lab", rs -> rs.getString(1)));
    }

    /** Records (or replaces) a lot's reference strip. */
    public Reference putReference(String process, String lot, double[] densities) {
        Instant now = Instant.now();
        return store.transaction(c -> {
            Rows.update(c, "DELETE FROM strip_references WHERE process = ? AND lot = ?", process, lot);
            Rows.update(c, "INSERT INTO strip_references (process, lot, " + COLUMNS + ", recorded_at) VALUES (?, ?, " + MARKS
                    + ", ?)", params(new Object[] {process, lot}, densities, now));
            return new Reference(process, lot, densities.clone(), now);
        });
    }

    public Optional<Reference> reference(String process, String lot) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM strip_references WHERE process = ? AND lot = ?",
                rs -> new Reference(rs.getString("process"), rs.getString("lot"), densities(rs), Rows.instant(rs, "recorded_at")),
                process, lot));
    }

    private static Object[] params(Object[] head, double[] densities, Instant at) {
        if (densities.length != DENSITY_COLUMNS.size()) {
            throw new IllegalArgumentException("a strip has " + DENSITY_COLUMNS.size() + " densities, got " + densities.length);
        }
        Object[] p = new Object[head.length + densities.length + 1];
        System.arraycopy(head, 0, p, 0, head.length);
        for (int i = 0; i < densities.length; i++) {
            p[head.length + i] = densities[i];
        }
        p[p.length - 1] = at;
        return p;
    }

    private static double[] densities(ResultSet rs) throws SQLException {
        double[] d = new double[DENSITY_COLUMNS.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rs.getDouble(DENSITY_COLUMNS.get(i));
        }
        return d;
    }

    private static Strip strip(ResultSet rs) throws SQLException {
        return new Strip(rs.getLong("id"), rs.getLong("roll_id"), rs.getString("lab"), rs.getString("process"),
                rs.getString("lot"), rs.getString("strip_date"), rs.getString("source"), densities(rs),
                Rows.instant(rs, "recorded_at"));
    }
}
