package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import emu.station.errors.NotFoundException;

/**
 * Profiling sets and their plan steps: a set is one stock x one chart x a plan of illuminants and
 * exposures; each step gets a stable UUID and a short code for the film log ({@code S<set>-<seq>}).
 */
public final class ProfilingSetRepository {
    public enum Status { PLANNED, SHOOTING, AWAITING_SCANS, COMPLETE }

    /** {@code archivedAt}: when the set was archived (hidden from the dashboard), null while it is not. */
    public record ProfilingSet(long id, String name, long stockId, String chart, Status status, Instant createdAt,
                               Instant archivedAt) {}

    /** One step of a plan. {@code ev} is relative to the metered exposure. */
    public record PlanStep(String id, long setId, int seq, String code, String illuminant, double ev) {}

    /**
     * A step that failed after its retries: {@code attempts} counts every attempt over all runs,
     * {@code reason} is the last attempt's error. Cleared when the step is captured.
     */
    public record StepFailure(String stepId, String code, int attempts, String reason, Instant failedAt) {}

    /** A step to create: the light and the exposure. */
    public record StepSpec(String illuminant, double ev) {
        /** Every illuminant at every exposure, illuminant-major: each light is set once for its bracket. */
        public static List<StepSpec> grid(List<String> illuminants, List<Double> evs) {
            List<StepSpec> out = new ArrayList<>();
            for (String i : illuminants) {
                for (double ev : evs) {
                    out.add(new StepSpec(i, ev));
                }
            }
            return List.copyOf(out);
        }
    }

    private final Store store;

    ProfilingSetRepository(Store store) {
        this.store = store;
    }

    /** Creates a set with its plan, steps numbered in the order given. */
    public ProfilingSet create(String name, long stockId, String chart, List<StepSpec> plan) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a profiling set needs a name");
        }
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("a profiling set needs at least one plan step");
        }
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO profiling_sets (name, stock_id, chart, created_at) VALUES (?, ?, ?, ?)",
                    name, stockId, chart, now);
            insertSteps(c, id, plan);
            return new ProfilingSet(id, name, stockId, chart, Status.PLANNED, now, null);
        });
    }

    private static void insertSteps(java.sql.Connection c, long setId, List<StepSpec> plan) throws SQLException {
        int seq = 1;
        for (StepSpec s : plan) {
            Rows.update(c, "INSERT INTO plan_steps (id, set_id, seq, code, illuminant, ev) VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), setId, seq, String.format("S%d-%02d", setId, seq), s.illuminant(), s.ev());
            seq++;
        }
    }

    /**
     * Renames the set and replaces its stock and plan (new steps, numbered afresh), while nothing of
     * it is shot: no capture, no film frame, no film shoot. Step failures go with the old steps.
     *
     * @throws emu.station.errors.ConflictException when something of the set was shot
     */
    public ProfilingSet edit(long setId, String name, long stockId, List<StepSpec> plan) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("a profiling set needs at least one plan step");
        }
        return store.transaction(c -> {
            ProfilingSet s = Rows.one(c, "SELECT * FROM profiling_sets WHERE id = ?", ProfilingSetRepository::mapSet, setId)
                    .orElseThrow(() -> new NotFoundException("no profiling set " + setId));
            long shot = Rows.one(c, "SELECT (SELECT COUNT(*) FROM captures WHERE set_id = ?)"
                    + " + (SELECT COUNT(*) FROM frames f JOIN rolls r ON r.id = f.roll_id WHERE r.set_id = ?)"
                    + " + (SELECT COUNT(*) FROM film_shoots f JOIN rolls r ON r.id = f.roll_id WHERE r.set_id = ?) AS n",
                    rs -> rs.getLong("n"), setId, setId, setId).orElse(0L);
            if (shot > 0) {
                throw new emu.station.errors.ConflictException(s.status().name().toLowerCase(java.util.Locale.ROOT),
                        "set " + setId + " has captures or film frames: its plan can no longer change (duplicate it instead)");
            }
            Rows.update(c, "DELETE FROM step_failures WHERE set_id = ?", setId);
            Rows.update(c, "DELETE FROM plan_steps WHERE set_id = ?", setId);
            Rows.update(c, "UPDATE profiling_sets SET name = ?, stock_id = ? WHERE id = ?", name, stockId, setId);
            insertSteps(c, setId, plan);
            return new ProfilingSet(setId, name, stockId, s.chart(), s.status(), s.createdAt(), s.archivedAt());
        });
    }

    /** Archives the set (hidden from the dashboard, data kept) or brings it back. */
    public void archive(long setId, boolean archived) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE profiling_sets SET archived_at = ? WHERE id = ?", archived ? Instant.now() : null,
                    setId) != 1) {
                throw new NotFoundException("no profiling set " + setId);
            }
            return null;
        });
    }

    public Optional<ProfilingSet> byId(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM profiling_sets WHERE id = ?",
                ProfilingSetRepository::mapSet, id));
    }

    public List<ProfilingSet> all() {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM profiling_sets ORDER BY id",
                ProfilingSetRepository::mapSet));
    }

    public List<PlanStep> steps(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM plan_steps WHERE set_id = ? ORDER BY seq",
                ProfilingSetRepository::mapStep, setId));
    }

    /** A step by its stable id or by its short code (what an operator types from the film log). */
    public Optional<PlanStep> step(String idOrCode) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM plan_steps WHERE id = ? OR code = ?",
                ProfilingSetRepository::mapStep, idOrCode, idOrCode));
    }

    public void setStatus(long setId, Status status) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE profiling_sets SET status = ? WHERE id = ?", status, setId) != 1) {
                throw new NotFoundException("no profiling set " + setId);
            }
            return null;
        });
    }

    /** Steps of the set that have no good capture yet (none, or only ones marked bad), in plan order. */
    public List<PlanStep> stepsWithoutCapture(long setId) {
        return stepsToShoot(setId, true);
    }

    /**
     * The steps a shoot of the set walks, in plan order: those without a good capture, leaving
     * out steps that failed in an earlier run unless {@code retryFailed}.
     */
    public List<PlanStep> stepsToShoot(long setId, boolean retryFailed) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM plan_steps p WHERE p.set_id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM captures k WHERE k.step_id = p.id AND k.bad = 0) "
                + (retryFailed ? "" : "AND NOT EXISTS (SELECT 1 FROM step_failures f WHERE f.step_id = p.id) ")
                + "ORDER BY p.seq", ProfilingSetRepository::mapStep, setId));
    }

    /** Records that a step failed after {@code attempts} more attempts, for {@code reason}. */
    public void recordFailure(String stepId, int attempts, String reason) {
        if (attempts < 1) {
            throw new IllegalArgumentException("a failed step had at least 1 attempt, got " + attempts);
        }
        store.transaction(c -> {
            long setId = Rows.one(c, "SELECT set_id FROM plan_steps WHERE id = ?", rs -> rs.getLong(1), stepId)
                    .orElseThrow(() -> new NotFoundException("no plan step " + stepId));
            return Rows.update(c, "INSERT INTO step_failures (step_id, set_id, attempts, reason, failed_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (step_id) DO UPDATE SET attempts = step_failures.attempts + excluded.attempts, "
                    + "reason = excluded.reason, failed_at = excluded.failed_at",
                    stepId, setId, attempts, reason == null ? "" : reason, Instant.now());
        });
    }

    /** Forgets a step's failure (it has been captured since). */
    public void clearFailure(String stepId) {
        store.transaction(c -> Rows.update(c, "DELETE FROM step_failures WHERE step_id = ?", stepId));
    }

    /** The set's failed steps in plan order. */
    public List<StepFailure> failures(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT f.*, p.code FROM step_failures f "
                + "JOIN plan_steps p ON p.id = f.step_id WHERE f.set_id = ? ORDER BY p.seq",
                rs -> new StepFailure(rs.getString("step_id"), rs.getString("code"), rs.getInt("attempts"),
                        rs.getString("reason"), Rows.instant(rs, "failed_at")), setId));
    }

    private static ProfilingSet mapSet(ResultSet rs) throws SQLException {
        return new ProfilingSet(rs.getLong("id"), rs.getString("name"), rs.getLong("stock_id"), rs.getString("chart"),
                Rows.enumOf(Status.class, rs.getString("status")), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "archived_at"));
    }

    private static PlanStep mapStep(ResultSet rs) throws SQLException {
        return new PlanStep(rs.getString("id"), rs.getLong("set_id"), rs.getInt("seq"), rs.getString("code"),
                rs.getString("illuminant"), rs.getDouble("ev"));
    }
}
