package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import emu.station.errors.NotFoundException;

/** Film rolls and their frames: the roll log that ties each exposed frame to a plan step. */
public final class RollRepository {
    public enum Status { LOADED, SHOT, AT_LAB, SCANNED }

    /**
     * How a roll was loaded: the camera body, the box speed, how many frames it holds, whether the
     * slate stands in the frame, how the camera is fired.
     */
    public record Settings(String camera, int iso, int frames, boolean slate, FilmShootRepository.Trigger trigger) {
        /** A 36-exposure ISO 100 roll fired through the rig, no slate. */
        public static Settings defaults() {
            return new Settings("", 100, 36, false, FilmShootRepository.Trigger.RIG_SHUTTER);
        }
    }

    /**
     * A roll, labelled by {@code code} (what is written on the cassette); {@code pushPull} is set
     * once it went to a lab.
     */
    public record Roll(long id, String code, long stockId, Optional<Long> setId, Status status, Settings settings,
                       Optional<Integer> pushPull) {}

    /**
     * A frame of a roll; {@code stepId} is empty for frames not shot for a plan (leaders, tests).
     * A frame marked {@code bad} (with the operator's reason) is left out of pairs and training.
     */
    public record Frame(long id, long rollId, int number, Optional<String> stepId, Optional<Instant> shotAt,
                        boolean bad, String badReason) {}

    private final Store store;

    RollRepository(Store store) {
        this.store = store;
    }

    public Roll create(String code, long stockId, Long setId, Settings settings) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a roll needs a code");
        }
        return store.transaction(c -> {
            long id = Rows.insert(c, "INSERT INTO rolls (code, stock_id, set_id, camera, iso, frames, slate, trigger, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", code, stockId, setId, settings.camera() == null ? "" : settings.camera(),
                    settings.iso(), settings.frames(), settings.slate() ? 1 : 0, settings.trigger(), Instant.now());
            return new Roll(id, code, stockId, Optional.ofNullable(setId), Status.LOADED, settings, Optional.empty());
        });
    }

    public Optional<Roll> byCode(String code) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM rolls WHERE code = ?", RollRepository::mapRoll, code));
    }

    public Optional<Roll> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM rolls WHERE id = ?", RollRepository::mapRoll, id));
    }

    public List<Roll> bySet(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM rolls WHERE set_id = ? ORDER BY id",
                RollRepository::mapRoll, setId));
    }

    /** Records the stops the lab pushed (+) or pulled (-) the roll. */
    public void setPushPull(long rollId, int stops) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE rolls SET push_pull = ? WHERE id = ?", stops, rollId) != 1) {
                throw new NotFoundException("no roll " + rollId);
            }
            return null;
        });
    }

    /**
     * Leaves the roll out of training (its pairs leave the set's pairs, issue 20) or puts it back.
     *
     * @throws NotFoundException when there is no such roll
     */
    public void setLeftOut(long rollId, boolean leftOut) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE rolls SET left_out = ? WHERE id = ?", leftOut ? 1 : 0, rollId) != 1) {
                throw new NotFoundException("no roll " + rollId);
            }
            return null;
        });
    }

    /** The codes of the set's rolls left out of training, in creation order. */
    public List<String> leftOut(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT code FROM rolls WHERE set_id = ? AND left_out = 1 ORDER BY id",
                rs -> rs.getString(1), setId));
    }

    /**
     * Sets the roll's training weight (V15 {@code rolls.train_weight}, issue 20): 1 = normal, below 1
     * its pairs are down-weighted in the fit ({@code emu.calibration.pairs.RollWeights}).
     *
     * @throws IllegalArgumentException when {@code weight} is outside (0, 1]
     * @throws NotFoundException when there is no such roll
     */
    public void setTrainWeight(long rollId, double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("training weight " + weight + " is not in (0, 1]");
        }
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE rolls SET train_weight = ? WHERE id = ?", weight, rollId) != 1) {
                throw new NotFoundException("no roll " + rollId);
            }
            return null;
        });
    }

    /** The set's rolls (code to weight) whose training weight is below 1, in creation order. */
    public java.util.Map<String, Double> trainWeights(long setId) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        weights(setId).forEach(w -> out.put(w.roll(), w.weight()));
        return out;
    }

    /** A down-weighted roll as the API lists it: roll codes are data, never JSON keys. */
    public record Weight(String roll, double weight) {}

    /** The set's down-weighted rolls as a list, for answers, in creation order. */
    public List<Weight> weights(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT code, train_weight FROM rolls WHERE set_id = ? AND train_weight < 1 "
                + "ORDER BY id", rs -> new Weight(rs.getString(1), rs.getDouble(2)), setId));
    }

    /** The roll's training weight (1 unless down-weighted). */
    public double trainWeight(long rollId) {
        return store.transaction(c -> Rows.one(c, "SELECT train_weight FROM rolls WHERE id = ?", rs -> rs.getDouble(1),
                rollId)).orElseThrow(() -> new NotFoundException("no roll " + rollId));
    }

    public void setStatus(long rollId, Status status) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE rolls SET status = ? WHERE id = ?", status, rollId) != 1) {
                throw new NotFoundException("no roll " + rollId);
            }
            return null;
        });
    }

    /** Logs an exposed frame; {@code stepId} may be null for a frame outside the plan. */
    public Frame addFrame(long rollId, int number, String stepId, Instant shotAt) {
        return store.transaction(c -> {
            long id = Rows.insert(c, "INSERT INTO frames (roll_id, number, step_id, shot_at) VALUES (?, ?, ?, ?)",
                    rollId, number, stepId, shotAt);
            return new Frame(id, rollId, number, Optional.ofNullable(stepId), Optional.ofNullable(shotAt), false, "");
        });
    }

    /**
     * Marks frame {@code number} of a roll bad (with a reason) or good again.
     *
     * @throws IllegalArgumentException when the roll has no such frame, or marking bad without a reason
     */
    public Frame markFrameBad(long rollId, int number, boolean bad, String reason) {
        String why = Rows.badReason(bad, reason);
        return store.transaction(c -> {
            if (Rows.update(c, "UPDATE frames SET bad = ?, bad_reason = ? WHERE roll_id = ? AND number = ?",
                    bad ? 1 : 0, why, rollId, number) != 1) {
                throw new NotFoundException("roll " + rollId + " has no frame " + number);
            }
            return frame(rollId, number).orElseThrow();
        });
    }

    /**
     * A frame a film body exposed ({@code emu.devices.film.FilmExposure}, the virtual bench's film
     * camera): the light that reached it (its name and the emitted spectrum, 380-780 nm by 5 nm) and
     * the exposure.
     */
    public record SimExposure(int number, String step, String light, double[] spectrum, double ev) {}

    /** Keeps what the simulated lab needs of an exposed frame (call in the transaction adding the frame). */
    public void addSimExposure(long rollId, SimExposure e) {
        store.transaction(c -> Rows.update(c, "INSERT INTO sim_exposures (roll_id, number, step, light, spectrum, ev) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rollId, e.number(), e.step(), e.light(), numbers(e.spectrum()), e.ev()));
    }

    /** The roll's simulated exposures in frame order. */
    public List<SimExposure> simExposures(long rollId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM sim_exposures WHERE roll_id = ? ORDER BY number",
                rs -> new SimExposure(rs.getInt("number"), rs.getString("step"), rs.getString("light"),
                        parseNumbers(rs.getString("spectrum")), rs.getDouble("ev")), rollId));
    }

    /** A JSON array; Double.toString round-trips every double exactly (JLS, Double.toString). */
    private static String numbers(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(Double.toString(v[i]));
        }
        return b.append(']').toString();
    }

    private static double[] parseNumbers(String json) {
        String body = json.strip();
        if (!body.startsWith("[") || !body.endsWith("]")) {
            throw new StoreException("sim_exposures.spectrum is not a JSON array: " + json);
        }
        body = body.substring(1, body.length() - 1).strip();
        if (body.isEmpty()) {
            return new double[0];
        }
        return java.util.Arrays.stream(body.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
    }

    public List<Frame> frames(long rollId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM frames WHERE roll_id = ? ORDER BY number",
                RollRepository::mapFrame, rollId));
    }

    public Optional<Frame> frame(long rollId, int number) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM frames WHERE roll_id = ? AND number = ?",
                RollRepository::mapFrame, rollId, number));
    }

    private static Roll mapRoll(ResultSet rs) throws SQLException {
        return new Roll(rs.getLong("id"), rs.getString("code"), rs.getLong("stock_id"), Rows.optionalLong(rs, "set_id"),
                Rows.enumOf(Status.class, rs.getString("status")),
                new Settings(rs.getString("camera"), rs.getInt("iso"), rs.getInt("frames"), rs.getInt("slate") == 1,
                        Rows.enumOf(FilmShootRepository.Trigger.class, rs.getString("trigger"))),
                pushPull(rs));
    }

    private static Optional<Integer> pushPull(ResultSet rs) throws SQLException {
        int stops = rs.getInt("push_pull");
        return rs.wasNull() ? Optional.empty() : Optional.of(stops);
    }

    private static Frame mapFrame(ResultSet rs) throws SQLException {
        return new Frame(rs.getLong("id"), rs.getLong("roll_id"), rs.getInt("number"),
                Optional.ofNullable(rs.getString("step_id")), Optional.ofNullable(Rows.instant(rs, "shot_at")),
                rs.getInt("bad") == 1, rs.getString("bad_reason"));
    }
}
