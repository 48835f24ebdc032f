package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.ExportPlan;
import emu.calibration.export.Exporter;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an export that fails never throws the fitted model away. The trainer is given the
 * plan the shipped config had before the fix, at a cheaper size (cube + haldclut x linear + srgb at
 * 10: the HaldCLUT takes neither the linear shaper nor 10 points), as a config edited after start would; the
 * training still ends DONE with the model and its good exports, every failure recorded with its
 * reason. A re-export by a fixed plan then replaces exports and failures without refitting.
 * Real SQLite store, real matrix fit, real files.
 */
class ExportFailureKeepsModelTest {
    @TempDir Path dir;

    @Test
    void aFailedExportKeepsTheModelAndARexportFixesItWithoutRefitting() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        var broken = new StationConfig.Exports(ExportPlan.uniform(List.of("cube", "haldclut"), List.of("linear", "srgb"),
                List.of(10)));
        var fixed = new StationConfig.Exports(new ExportPlan(List.of(
                new ExportPlan.Entry("cube", List.of("linear", "srgb"), List.of(9)),
                new ExportPlan.Entry("haldclut", List.of("srgb"), List.of(16)),
                new ExportPlan.Entry("bundle", List.of(), List.of())), List.of()));
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = SyntheticSets.withPairs(store, "keep-me");
            Trainer.Result r = new Trainer(store, dataDir, config.training(), broken).train(set, null, List.of(), l -> { });

            TrainingRepository repo = store.training();
            assertEquals(TrainingRepository.RunStatus.DONE, repo.runs(set).get(0).status());
            assertEquals(1, repo.models(set).size(), "the model is kept");
            assertTrue(Files.isRegularFile(r.modelDir().resolve("model.json")));
            assertEquals(4, repo.exports(r.model().id()).size(), "cube linear + srgb for D65 and A");
            List<TrainingRepository.ExportFailure> failures = repo.exportFailures(r.model().id());
            // haldclut x {linear, srgb} x 2 lights, each with the format's reason and no CLI flag
            assertEquals(4, failures.size(), failures::toString);
            assertTrue(failures.stream().anyMatch(f -> f.encoding().equals("linear") && f.reason().contains("shaper")),
                    failures::toString);
            assertTrue(failures.stream().allMatch(f -> f.reason().contains("takes L^2 points per axis")
                    || f.reason().contains("shaper")), failures::toString);
            assertFalse(failures.toString().contains("--"), "no CLI flags in what the browser shows: " + failures);
            assertEquals(4, r.failedExports().size());

            String modelJson = Files.readString(r.modelDir().resolve("model.json"));
            List<String> oldFiles = repo.exports(r.model().id()).stream().map(TrainingRepository.Export::file).toList();
            Exporter.Outcome again = new Trainer(store, dataDir, config.training(), fixed)
                    .reexport(r.model().id(), l -> { });
            assertEquals(List.of(), again.failed());
            assertEquals(List.of(), repo.exportFailures(r.model().id()));
            List<TrainingRepository.Export> now = repo.exports(r.model().id());
            assertEquals(7, now.size(), "cube x 2 + haldclut for 2 lights, and the bundle: " + now);
            for (TrainingRepository.Export e : now) {
                assertTrue(Files.isRegularFile(dataDir.resolve(e.file())), e::toString);
            }
            for (String f : oldFiles) {
                assertFalse(Files.exists(dataDir.resolve(f)), "the replaced file is gone: " + f);
            }
            assertEquals(1, repo.runs(set).size(), "no new training run");
            assertEquals(1, repo.models(set).size(), "no new model");
            assertEquals(modelJson, Files.readString(r.modelDir().resolve("model.json")), "not refitted");
        }
    }
}
