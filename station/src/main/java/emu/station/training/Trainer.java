package emu.station.training;

import emu.calibration.io.Hashes;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.export.ExportPlan;
import emu.calibration.export.Exporter;
import emu.calibration.fit.FitReport;
import emu.calibration.fit.Finishing;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.fit.ModelSelection;
import emu.calibration.io.AtomicFiles;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.pairs.RollWeights;
import emu.calibration.rolls.RollAwareFit;
import emu.calibration.rolls.RollReport;
import emu.station.config.StationConfig;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ReadingRepository.PairRow;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One training of a set: its pairs (as the pairs CSV), model selection over the configured
 * candidates (calibration's {@link ModelSelection}), the model and its report saved as a new
 * version under {@code data_dir/models/set-N/vK} (earlier versions kept), then the configured
 * exports (formats x encodings x sizes x the model's illuminants) under
 * {@code data_dir/exports/set-N/vK/}, every file and row recorded. A version appears whole or
 * not at all: the exports are written to a hidden staging folder moved into place at the end, the
 * model and export rows are recorded in one transaction after that, and a failed or cancelled
 * training deletes what it wrote (a killed one's leftovers are removed by the next training). The
 * selected model is finished as {@code station fit} finishes it ({@link Finishing}: {@code [training]
 * highlights}, {@code unseen}, {@code clipped_series}), on pairs prepared as it prepares them ({@link TrainingPairs}:
 * stuck film dropped).
 *
 * <p>Pairs from several rolls that each repeat the plan are fitted roll-aware with
 * {@link RollAwareFit#DEFAULT}, pooled: the nominal is fitted on every roll's pairs as they came,
 * each roll's deviation, spread and flag reported in {@code rolls.json}; a flagged roll is left
 * out only by the operator (V9 {@code rolls.left_out}, "leave out and refit") or down-weighted by them
 * (V15 {@code rolls.train_weight}, {@link #trainingPairs}). Correcting each
 * roll's pairs, or leaving flagged rolls out automatically, did not beat that (bench/RESULTS.md,
 * "The celluloid lottery": mean CIEDE2000 from the oracle 0.306 corrected vs 0.295
 * in-control-pooled vs 0.192 pooled with no roll pushed, 0.247 / 0.237 / 0.228 with one pushed
 * 1/3 stop; see {@link RollAwareFit}).
 */
public final class Trainer {
    /** What a training produced. */
    public record Result(TrainingRepository.Model model, Path modelDir, FitReport report, List<Path> exports,
                         List<Exporter.Failed> failedExports) {}

    private final Store store;
    private final Path dataDir;
    private final StationConfig.Training training;
    private final StationConfig.Exports exports;

    public Trainer(Store store, Path dataDir, StationConfig.Training training, StationConfig.Exports exports) {
        this.store = store;
        this.dataDir = dataDir;
        this.training = training;
        this.exports = exports;
    }

    /** The set's pairs as the pairs CSV contract has them. */
    public PairSet pairs(long setId) {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new IllegalArgumentException("no profiling set " + setId));
        ChartSpec chart = ChartSpecs.byName(set.chart());
        List<Pair> out = new ArrayList<>();
        for (PairRow r : store.readings().pairs(setId)) {
            out.add(new Pair(r.roll() + "-" + r.frame(), r.roll(), r.illuminant(), r.ev(), chart.patchId(r.patch() - 1),
                    r.digitalR(), r.digitalG(), r.digitalB(), r.filmR(), r.filmG(), r.filmB()));
        }
        return new PairSet(out);
    }

    /**
     * The pairs a training fits: the set's pairs with each down-weighted roll (V15
     * {@code rolls.train_weight} below 1) thinned to its weight by {@link RollWeights}, seeded by
     * {@code [training] seed}; the set's pairs themselves when no roll is down-weighted.
     */
    public PairSet trainingPairs(long setId) {
        return RollWeights.apply(pairs(setId), store.rolls().trainWeights(setId), training.seed());
    }

    /**
     * SHA-256 of the pairs CSV a training fits: what "the pairs changed since the last model"
     * compares (a roll's new weight changes it).
     */
    public String pairsHash(long setId) {
        return Hashes.sha256Hex(PairsCsv.toCsv(trainingPairs(setId)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Trains the set.
     *
     * @param candidates fitter specs to select from; empty = the configured {@code [training] candidates}
     * @param progress receives progress lines; it may throw to cancel (the run is recorded cancelled)
     * @throws IllegalArgumentException when the set has too few pairs
     */
    public Result train(long setId, Long jobId, List<String> candidates, Consumer<String> progress) throws IOException {
        return train(setId, jobId, candidates, exports.plan(), progress);
    }

    /**
     * The same, exporting by {@code plan} instead of the configured {@code [exports]}. Pairs from two
     * or more rolls are fitted roll-aware ({@link RollAwareFit}, issue 20): the model is the stock's
     * nominal response, and {@code rolls.json} beside it holds each roll's deviation, spread and flag;
     * rolls the operator left out of training are not in the pairs and are named there.
     */
    public Result train(long setId, Long jobId, List<String> candidates, ExportPlan plan, Consumer<String> progress)
            throws IOException {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new IllegalArgumentException("no profiling set " + setId));
        PairSet pairs = trainingPairs(setId);
        List<String> leftOut = store.rolls().leftOut(setId);
        java.util.Map<String, Double> weights = store.rolls().trainWeights(setId);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("set " + setId + " has no pairs yet: shoot it, import and pair its scans first"
                    + (leftOut.isEmpty() ? "" : " (rolls left out of training: " + String.join(", ", leftOut) + ")"));
        }
        byte[] csv = PairsCsv.toCsv(pairs).getBytes(StandardCharsets.UTF_8);
        String hash = Hashes.sha256Hex(csv);
        TrainingRepository repo = store.training();
        TrainingRepository.Run run = repo.startRun(setId, jobId, hash);
        int version = repo.nextVersion(setId);
        RunFolders.removeEnded(store, dataDir, setId);
        String folder = RunFolders.name(store, version, run.id());
        Path dir = dataDir.resolve("models").resolve("set-" + setId).resolve(folder);
        Path exportDir = dataDir.resolve("exports").resolve("set-" + setId).resolve(folder);
        Path exportStage = exportDir.resolveSibling("." + folder + ".partial");
        try {
            // A version without a model row was left by an interrupted training: never recorded, so never served.
            AtomicFiles.deleteTree(dir);
            AtomicFiles.deleteTree(exportDir);
            AtomicFiles.deleteTree(exportStage);
            if (!weights.isEmpty()) {
                progress.accept("down-weighted rolls (a share of their pairs in every light and EV): " + String.join(", ",
                        weights.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList()));
            }
            List<String> specs = candidates.isEmpty() ? training.candidates() : candidates;
            ModelSelection.Settings settings = new ModelSelection.Settings(specs, training.folds(), training.seed(), 3, 1, progress);
            Finishing.Options finishing = training.finishing();
            Finishing.Prepared prepared = TrainingPairs.prepare(pairs, finishing, progress); // as `station fit`
            PairSet fit = prepared.pairs();
            RollReport rolls = null;
            ModelSelection.Result sel;
            java.util.Optional<String> pooled = RollAwareFit.notComparable(fit);
            if (pooled.isPresent() && fit.byRoll().size() >= 2) {
                progress.accept(fit.byRoll().size() + " rolls, fitted pooled: " + pooled.get());
            }
            if (pooled.isEmpty()) {
                progress.accept(fit.byRoll().size() + " rolls: fitting the stock's nominal response and each roll's deviation"
                        + (leftOut.isEmpty() ? "" : " (left out of training: " + String.join(", ", leftOut) + ")"));
                finishing = finishing.forRollAware(progress);
                RollAwareFit.Result aware = RollAwareFit.run(fit, settings, RollAwareFit.DEFAULT);
                sel = aware.selection();
                rolls = aware.rolls().withExcluded(leftOut);
            } else {
                sel = ModelSelection.run(fit, settings);
            }
            String stock = store.stocks().all().stream().filter(s -> s.id() == set.stockId()).findFirst().orElseThrow().name();
            // one camera for every roll: its clip is estimated from all the set's pairs (as `station fit` does)
            Finishing.Finished finished = Finishing.finish(sel.model(), fit, prepared.stuck(), prepared::every,
                    training.seed(), finishing, progress);
            FittedModel fitted = finished.model();
            ModelMetadata meta = ModelDirectory.metadata(csv, sel.report(), fitted, stock, set.name());
            ModelDirectory saved = ModelDirectory.save(dir, fitted, meta, sel.report());
            ExportLights.noteRefusal(finished, dir); // kept to say with each export row
            emu.calibration.io.AtomicFiles.writeString(dir.resolve("pairs.csv"), new String(csv, StandardCharsets.UTF_8));
            if (rolls != null) {
                AtomicFiles.writeString(dir.resolve(RollReport.FILE), rolls.toJsonText());
                AtomicFiles.writeString(dir.resolve(RollReport.TEXT_FILE), rolls.toText());
                progress.accept(rolls.flagged().isEmpty() ? String.format(java.util.Locale.ROOT,
                        "rolls: spread %.2f CIEDE2000, none out of control", rolls.meanSpread())
                        : "rolls flagged: " + String.join("; ", rolls.spread().stream().filter(r -> r.flagged())
                                .map(r -> r.flagReason()).toList()));
            }
            progress.accept("model v" + version + ": " + sel.report().winner() + ", held-out CIEDE2000 mean "
                    + meta.heldOutMeanDeltaE());
            ExportPlan lit = ExportLights.plan(plan, exports, saved, progress);
            Exporter.Outcome outcome = Exporter.export(saved, lit, exportStage, bundle(setId, meta, csv, lit), progress);
            Files.createDirectories(exportDir.getParent());
            Files.move(exportStage, exportDir, StandardCopyOption.ATOMIC_MOVE);
            // The model and its exports become visible together, once every file is in place. An export
            // that failed does not discard the model: it is recorded with its reason, to re-export later.
            List<Path> files = new ArrayList<>();
            TrainingRepository.Model model = store.atomically(() -> {
                TrainingRepository.Model m = repo.addModel(setId, run.id(), version, sel.report().winner(),
                        rel(dir), meta.heldOutMeanDeltaE());
                files.addAll(record(m.id(), outcome, exportStage, exportDir, ExportLights.served(saved)));
                repo.finishRun(run.id(), TrainingRepository.RunStatus.DONE, sel.report().toJson().toString());
                return m;
            });
            if (!outcome.failed().isEmpty()) {
                progress.accept(outcome.failed().size() + " of the planned exports failed; model v" + version
                        + " is kept and can be re-exported once the export settings are fixed");
            }
            return new Result(model, dir, sel.report(), files, outcome.failed());
        } catch (RuntimeException | IOException | Error e) {
            boolean cancelled = e instanceof java.util.concurrent.CancellationException
                    || e.getCause() instanceof java.util.concurrent.CancellationException;
            AtomicFiles.deleteTree(exportStage);
            AtomicFiles.deleteTree(exportDir);
            AtomicFiles.deleteTree(dir);
            // Why it ended (a cancel's reason: who asked, from where) stays with the run.
            repo.finishRun(run.id(), cancelled ? TrainingRepository.RunStatus.CANCELLED : TrainingRepository.RunStatus.FAILED,
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                            .put("reason", String.valueOf(e.getMessage())).toString());
            throw e;
        }
    }

    /**
     * Exports a kept model again by the current {@code [exports]} plan, without refitting: into a
     * new folder {@code exports/set-N/vK.rMILLIS} staged as {@code .vK.rMILLIS.mID.partial} (a staging
     * left by a re-export killed mid-way is deleted first); the model's export and failure rows are
     * replaced in one transaction once every file is in place, then the files they pointed to are
     * deleted. Runs as a job ({@code jobs.JobQueue#EXPORT}), one per model at a time.
     *
     * @throws java.util.NoSuchElementException if there is no such model
     */
    public synchronized Exporter.Outcome reexport(long modelId, Consumer<String> progress) throws IOException {
        TrainingRepository repo = store.training();
        TrainingRepository.Model m = repo.model(modelId)
                .orElseThrow(() -> new java.util.NoSuchElementException("no model " + modelId));
        Path dir = dataDir.resolve(m.dir());
        ModelDirectory saved = ModelDirectory.load(dir);
        String name = "v" + m.version() + ".r" + System.currentTimeMillis();
        Path target = dataDir.resolve("exports").resolve("set-" + m.setId()).resolve(name);
        // The model's id in the staging name: in a shared data root two models of a set may share a version.
        String stageSuffix = ".m" + modelId + ".partial";
        Path stage = target.resolveSibling("." + name + stageSuffix);
        // A re-export killed mid-way (a worker gone) left its staging folder, never recorded: the job
        // queue runs one export of a model at a time, so any staging of this model is such a leftover.
        if (Files.isDirectory(target.getParent())) {
            try (var leftovers = Files.list(target.getParent())) {
                for (Path p : leftovers.filter(p -> p.getFileName().toString().startsWith(".v" + m.version() + ".r")
                        && p.getFileName().toString().endsWith(stageSuffix)).toList()) {
                    AtomicFiles.deleteTree(p);
                }
            }
        }
        try {
            ExportPlan lit = ExportLights.plan(exports.plan(), exports, saved, progress);
            Exporter.Outcome outcome = Exporter.export(saved, lit, stage,
                    bundle(m.setId(), saved.metadata(), null, lit), progress);
            Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
            List<TrainingRepository.Export> old = repo.exports(modelId);
            store.atomically(() -> {
                repo.clearExports(modelId);
                return record(modelId, outcome, stage, target, ExportLights.served(saved));
            });
            for (TrainingRepository.Export e : old) {
                Path f = dataDir.resolve(e.file());
                Files.deleteIfExists(f);
                try (var rest = Files.list(f.getParent())) {
                    if (rest.findAny().isEmpty()) {
                        Files.delete(f.getParent());
                    }
                }
            }
            return outcome;
        } finally {
            AtomicFiles.deleteTree(stage);
        }
    }

    /**
     * The roll report of model {@code modelId} ({@code rolls.json}), or null when it was not fitted
     * roll-aware (one roll, or trained before issue 20).
     *
     * @throws java.util.NoSuchElementException if there is no such model
     */
    public RollReport rolls(long modelId) throws IOException {
        TrainingRepository.Model m = store.training().model(modelId)
                .orElseThrow(() -> new java.util.NoSuchElementException("no model " + modelId));
        return RollReport.read(dataDir.resolve(m.dir()));
    }

    /** What the bundle needs, when {@code plan} has it; {@code csv} null = the model directory's pairs.csv. */
    private Optional<Exporter.BundleSource> bundle(long setId, ModelMetadata meta, byte[] csv, ExportPlan plan) {
        return plan.bundle()
                ? Optional.of(new Exporter.BundleSource(BundleSources.forSet(store, setId, meta), csv))
                : Optional.empty();
    }

    /** Records an export run's files (written under {@code stage}, now under {@code dir}, each light {@code served}). */
    private List<Path> record(long modelId, Exporter.Outcome outcome, Path stage, Path dir,
                              java.util.function.Function<String, TrainingRepository.Served> served) {
        TrainingRepository repo = store.training();
        List<Path> files = new ArrayList<>();
        for (Exporter.Written b : outcome.written()) {
            Path file = dir.resolve(stage.relativize(b.file()));
            repo.addExport(modelId, b.format(), b.encoding(), b.size(), b.illuminant(), rel(file), b.sha256(),
                    served.apply(b.illuminant()));
            files.add(file);
        }
        for (Exporter.Failed f : outcome.failed()) {
            repo.addExportFailure(modelId, f.format(), f.encoding(), f.size(), f.illuminant(), f.reason());
        }
        return files;
    }

    private String rel(Path p) {
        return dataDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }
}
