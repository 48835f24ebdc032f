package emu.station.training;

import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.export.Exporter;
import emu.calibration.fit.FitReport;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.fit.ModelSelection;
import emu.calibration.io.AtomicFiles;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
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
 * training deletes what it wrote (a killed one's leftovers are removed by the next training).
 */
public final class Trainer {
    /** What a training produced. */
    public record Result(TrainingRepository.Model model, Path modelDir, FitReport report, List<Path> exports) {}

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

    /** SHA-256 of the set's pairs CSV: what "the pairs changed since the last model" compares. */
    public String pairsHash(long setId) {
        return ModelDirectory.sha256(PairsCsv.toCsv(pairs(setId)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Trains the set.
     *
     * @param candidates fitter specs to select from; empty = the configured {@code [training] candidates}
     * @param progress receives progress lines; it may throw to cancel (the run is recorded cancelled)
     * @throws IllegalArgumentException when the set has too few pairs
     */
    public Result train(long setId, Long jobId, List<String> candidates, Consumer<String> progress) throws IOException {
        ProfilingSet set = store.sets().byId(setId).orElseThrow(() -> new IllegalArgumentException("no profiling set " + setId));
        PairSet pairs = pairs(setId);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("set " + setId + " has no pairs yet: shoot it, import and pair its scans first");
        }
        byte[] csv = PairsCsv.toCsv(pairs).getBytes(StandardCharsets.UTF_8);
        String hash = ModelDirectory.sha256(csv);
        TrainingRepository repo = store.training();
        TrainingRepository.Run run = repo.startRun(setId, jobId, hash);
        int version = repo.nextVersion(setId);
        Path dir = dataDir.resolve("models").resolve("set-" + setId).resolve("v" + version);
        Path exportDir = dataDir.resolve("exports").resolve("set-" + setId).resolve("v" + version);
        Path exportStage = exportDir.resolveSibling(".v" + version + ".partial");
        try {
            // A version without a model row was left by an interrupted training: never recorded, so never served.
            AtomicFiles.deleteTree(dir);
            AtomicFiles.deleteTree(exportDir);
            AtomicFiles.deleteTree(exportStage);
            List<String> specs = candidates.isEmpty() ? training.candidates() : candidates;
            ModelSelection.Result sel = ModelSelection.run(pairs, new ModelSelection.Settings(specs, training.folds(),
                    training.seed(), 3, 1, progress));
            String stock = store.stocks().all().stream().filter(s -> s.id() == set.stockId()).findFirst().orElseThrow().name();
            ModelMetadata meta = ModelDirectory.metadata(csv, sel.report(), sel.model(), stock, set.name());
            ModelDirectory saved = ModelDirectory.save(dir, sel.model(), meta, sel.report());
            emu.calibration.io.AtomicFiles.writeString(dir.resolve("pairs.csv"), new String(csv, StandardCharsets.UTF_8));
            progress.accept("model v" + version + ": " + sel.report().winner() + ", held-out CIEDE2000 mean "
                    + meta.heldOutMeanDeltaE());
            Optional<Exporter.BundleSource> bundle = exports.plan().bundle()
                    ? Optional.of(new Exporter.BundleSource(BundleSources.forSet(store, setId, meta), csv))
                    : Optional.empty();
            Exporter.Outcome outcome = Exporter.export(saved, exports.plan(), exportStage, bundle, progress);
            if (!outcome.failed().isEmpty()) {
                throw new IllegalStateException(String.join("; ",
                        outcome.failed().stream().map(Exporter.Failed::describe).toList()));
            }
            Files.createDirectories(exportDir.getParent());
            Files.move(exportStage, exportDir, StandardCopyOption.ATOMIC_MOVE);
            // The model and its exports become visible together, once every file is in place.
            List<Path> files = new ArrayList<>();
            TrainingRepository.Model model = store.atomically(() -> {
                TrainingRepository.Model m = repo.addModel(setId, run.id(), version, sel.report().winner(),
                        rel(dir), meta.heldOutMeanDeltaE());
                for (Exporter.Written b : outcome.written()) {
                    Path file = exportDir.resolve(exportStage.relativize(b.file()));
                    repo.addExport(m.id(), b.format(), b.encoding(), b.size(), b.illuminant(), rel(file), b.sha256());
                    files.add(file);
                }
                repo.finishRun(run.id(), TrainingRepository.RunStatus.DONE, sel.report().toJson().toString());
                return m;
            });
            return new Result(model, dir, sel.report(), files);
        } catch (RuntimeException | IOException | Error e) {
            boolean cancelled = e instanceof java.util.concurrent.CancellationException
                    || e.getCause() instanceof java.util.concurrent.CancellationException;
            AtomicFiles.deleteTree(exportStage);
            AtomicFiles.deleteTree(exportDir);
            AtomicFiles.deleteTree(dir);
            repo.finishRun(run.id(), cancelled ? TrainingRepository.RunStatus.CANCELLED : TrainingRepository.RunStatus.FAILED,
                    "{}");
            throw e;
        }
    }

    private String rel(Path p) {
        return dataDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }
}
