package emu.station.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Training runs, the models they produced (every version kept) and the files exported from them. */
public final class TrainingRepository {
    public enum RunStatus { RUNNING, DONE, FAILED, CANCELLED }

    public record Run(long id, long setId, Optional<Long> jobId, String pairsHash, RunStatus status, String reportJson,
                      Instant startedAt) {}

    /** A model; {@code dir} is relative to the data directory. */
    public record Model(long id, long setId, long runId, int version, String fitter, String dir, double heldOutDe2000,
                        Instant createdAt) {}

    /**
     * An exported file; {@code file} is relative to the data directory; {@code served} how its light is served, null on
     * a row written before V16 (not recorded).
     */
    public record Export(long id, long modelId, String format, String encoding, int size, String illuminant,
                         String file, String sha256, Instant createdAt, Served served) {}

    /**
     * How an export's light is served (V16): {@code kind} one of trained, spectral, blend, shared, input, mixed;
     * {@code lights} the trained lights standing in for an untrained one (blend, shared); {@code text} the full
     * sentence; {@code refused} why the spectral model was refused at training, null when it was not.
     */
    public record Served(String kind, List<String> lights, String text, String refused) {
        public Served {
            java.util.Objects.requireNonNull(kind, "kind");
            lights = List.copyOf(lights);
            java.util.Objects.requireNonNull(text, "text");
        }
    }

    /** A planned export that could not be made for a model, and why (the model is kept). */
    public record ExportFailure(long id, long modelId, String format, String encoding, int size, String illuminant,
                                String reason, Instant createdAt) {}

    private final Store store;

    TrainingRepository(Store store) {
        this.store = store;
    }

    public Run startRun(long setId, Long jobId, String pairsHash) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO training_runs (set_id, job_id, pairs_hash, started_at) VALUES (?, ?, ?, ?)",
                    setId, jobId, pairsHash, now);
            return new Run(id, setId, Optional.ofNullable(jobId), pairsHash, RunStatus.RUNNING, "{}", now);
        });
    }

    public void finishRun(long runId, RunStatus status, String reportJson) {
        store.transaction(c -> Rows.update(c, "UPDATE training_runs SET status = ?, report = ?, finished_at = ? WHERE id = ?",
                status, reportJson, Instant.now(), runId));
    }

    /**
     * At start: runs left running by a stopped daemon failed, with that reason (as Trainer writes a failed run's).
     * Runs of a job another worker holds an unexpired lease on are alive (PostgreSQL shared by several processes)
     * and left alone.
     */
    public int failInterrupted() {
        Instant now = Instant.now();
        // JSON by hand (this package imports no JSON library): the text holds no quote nor backslash.
        String reason = "{\"reason\":\"the station stopped during this training (a restart, a kill, a crash or a power"
                + " loss: see logs/); started again at " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}";
        return store.transaction(c -> Rows.update(c, "UPDATE training_runs SET status = 'failed', finished_at = ?, "
                + "report = ? WHERE status = 'running' AND (job_id IS NULL OR job_id NOT IN "
                + "(SELECT id FROM jobs WHERE state = 'running' AND lease_until >= ?))",
                now, reason, System.currentTimeMillis()));
    }

    public List<Run> runs(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM training_runs WHERE set_id = ? ORDER BY id",
                rs -> new Run(rs.getLong("id"), rs.getLong("set_id"), Rows.optionalLong(rs, "job_id"),
                        rs.getString("pairs_hash"), Rows.enumOf(RunStatus.class, rs.getString("status")),
                        rs.getString("report"), Rows.instant(rs, "started_at")), setId));
    }

    /** The next version number of the set's models. */
    public int nextVersion(long setId) {
        return store.transaction(c -> Rows.one(c, "SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE set_id = ?",
                rs -> rs.getInt(1), setId).orElse(1));
    }

    public Model addModel(long setId, long runId, int version, String fitter, String dir, double heldOut) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO models (set_id, training_run_id, version, fitter, dir, held_out_de2000, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", setId, runId, version, fitter, dir, heldOut, now);
            return new Model(id, setId, runId, version, fitter, dir, heldOut, now);
        });
    }

    public List<Model> models(long setId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM models WHERE set_id = ? ORDER BY version",
                TrainingRepository::mapModel, setId));
    }

    public Optional<Model> model(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM models WHERE id = ?", TrainingRepository::mapModel, id));
    }

    /** The pairs hash the set's newest model was trained on. */
    public Optional<String> lastTrainedHash(long setId) {
        return store.transaction(c -> Rows.one(c, "SELECT r.pairs_hash FROM models m JOIN training_runs r "
                + "ON r.id = m.training_run_id WHERE m.set_id = ? ORDER BY m.version DESC LIMIT 1",
                rs -> rs.getString(1), setId));
    }

    /** Records an exported file; {@code served} null: not recorded (a caller that cannot tell). */
    public Export addExport(long modelId, String format, String encoding, int size, String illuminant, String file,
                            String sha256, Served served) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO exports (model_id, format, encoding, size, illuminant, file, sha256, "
                    + "created_at, served_kind, served_lights, served, served_refused) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", modelId, format, encoding, size, illuminant, file, sha256, now,
                    served == null ? null : served.kind(), served == null ? null : String.join("\n", served.lights()),
                    served == null ? null : served.text(), served == null ? null : served.refused());
            return new Export(id, modelId, format, encoding, size, illuminant, file, sha256, now, served);
        });
    }

    public ExportFailure addExportFailure(long modelId, String format, String encoding, int size, String illuminant,
                                          String reason) {
        return store.transaction(c -> {
            Instant now = Instant.now();
            long id = Rows.insert(c, "INSERT INTO export_failures (model_id, format, encoding, size, illuminant, reason, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", modelId, format, encoding, size, illuminant, reason, now);
            return new ExportFailure(id, modelId, format, encoding, size, illuminant, reason, now);
        });
    }

    public List<ExportFailure> exportFailures(long modelId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM export_failures WHERE model_id = ? ORDER BY id",
                rs -> new ExportFailure(rs.getLong("id"), rs.getLong("model_id"), rs.getString("format"),
                        rs.getString("encoding"), rs.getInt("size"), rs.getString("illuminant"), rs.getString("reason"),
                        Rows.instant(rs, "created_at")), modelId));
    }

    /** Forgets a model's export and failure rows (a re-export records its own in the same transaction). */
    public void clearExports(long modelId) {
        store.transaction(c -> {
            Rows.update(c, "DELETE FROM exports WHERE model_id = ?", modelId);
            Rows.update(c, "DELETE FROM export_failures WHERE model_id = ?", modelId);
            return null;
        });
    }

    public List<Export> exports(long modelId) {
        return store.transaction(c -> Rows.list(c, "SELECT * FROM exports WHERE model_id = ? ORDER BY id",
                TrainingRepository::mapExport, modelId));
    }

    public Optional<Export> export(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM exports WHERE id = ?", TrainingRepository::mapExport, id));
    }

    private static Export mapExport(ResultSet rs) throws SQLException {
        return new Export(rs.getLong("id"), rs.getLong("model_id"), rs.getString("format"), rs.getString("encoding"),
                rs.getInt("size"), rs.getString("illuminant"), rs.getString("file"), rs.getString("sha256"),
                Rows.instant(rs, "created_at"), mapServed(rs));
    }

    private static Served mapServed(ResultSet rs) throws SQLException {
        String kind = rs.getString("served_kind");
        if (kind == null) {
            return null; // written before V16
        }
        String lights = rs.getString("served_lights");
        return new Served(kind, lights == null || lights.isEmpty() ? List.of() : List.of(lights.split("\n")),
                rs.getString("served"), rs.getString("served_refused"));
    }

    private static Model mapModel(ResultSet rs) throws SQLException {
        return new Model(rs.getLong("id"), rs.getLong("set_id"), rs.getLong("training_run_id"), rs.getInt("version"),
                rs.getString("fitter"), rs.getString("dir"), rs.getDouble("held_out_de2000"), Rows.instant(rs, "created_at"));
    }
}
