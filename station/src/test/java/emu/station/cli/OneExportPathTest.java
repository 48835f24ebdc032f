package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.BundleProvenance;
import emu.calibration.export.ModelBundle;
import emu.calibration.export.ModelBundles;
import emu.calibration.fit.ModelDirectory;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the daemon's training, {@code station export} and the archival bundle go through the
 * one export pipeline, so for one model and plan they write the same files under the same names,
 * byte for byte. The model is a real training on a real SQLite store (matrix fitter, synthetic
 * readings); the CLI runs in-process; the bundle is built from the trained model directory.
 */
class OneExportPathTest {
    @TempDir Path dir;

    @Test
    void trainingCliAndBundleWriteIdenticalFiles() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"",
                "[training]", "schedule = \"\"", "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3",
                "[exports]", "formats = [\"cube\", \"haldclut\", \"xmp\", \"icc\"]", "encodings = [\"acescct\", \"linear\"]",
                "sizes = [9]", "[exports.haldclut]", "encodings = [\"srgb\"]", "sizes = [16]",
                "[exports.xmp]", "encodings = [\"srgb\"]", "[exports.icc]", "encodings = [\"srgb\"]", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        Trainer.Result trained;
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = SyntheticSets.withPairs(store, "one-path");
            trained = new Trainer(store, dataDir, config.training(), config.exports()).train(set, null, List.of(), l -> { });
        }
        // cube x {acescct, linear}, haldclut, xmp, icc: 5 files for each of the 2 lights
        assertEquals(10, trained.exports().size(), trained.exports().toString());

        Path cli = dir.resolve("cli");
        List<String[]> runs = List.of(
                new String[] {"cube", "acescct", "9"}, new String[] {"cube", "linear", "9"},
                new String[] {"haldclut", "srgb", "16"}, new String[] {"xmp", "srgb", "32"},
                new String[] {"icc", "srgb", "33"});
        for (String[] r : runs) {
            CliRun run = CliRun.of("export", "--model", trained.modelDir().toString(), "--format", r[0],
                    "--encoding", r[1], "--size", r[2], "--out", cli.toString());
            assertEquals(0, run.exit(), run.err());
        }
        List<ModelBundles.Export> listed = new ArrayList<>();
        for (String[] r : runs) {
            listed.add(new ModelBundles.Export(r[0], r[1], Integer.parseInt(r[2])));
        }
        ModelDirectory model = ModelDirectory.load(trained.modelDir());
        ModelBundle.Contents bundle = ModelBundles.build(model, Files.readAllBytes(trained.modelDir().resolve("pairs.csv")),
                provenance(), listed, dir.resolve("scratch"));

        for (Path daemon : trained.exports()) {
            String name = daemon.getFileName().toString();
            byte[] bytes = Files.readAllBytes(daemon);
            assertArrayEquals(bytes, Files.readAllBytes(cli.resolve(name)), "CLI's " + name);
            assertTrue(bundle.files().containsKey("exports/" + name), name + " in " + bundle.files().keySet());
            assertArrayEquals(bytes, bundle.files().get("exports/" + name), "bundle's " + name);
        }
        try (var s = Files.list(cli)) {
            assertEquals(10, s.count(), "the CLI wrote the same set of files, no more");
        }
        String cube = Files.readString(trained.exports().stream()
                .filter(p -> p.toString().endsWith("acescct_9.cube")).findFirst().orElseThrow());
        assertTrue(cube.contains("# model-version: " + model.metadata().id() + "\n"), "one model-version form: " + cube);
    }

    private static BundleProvenance provenance() {
        return new BundleProvenance("synthetic", null, null, "C-41", "Lab", "scanner", Map.of(), "camera", "lens",
                List.of(new BundleProvenance.Illuminant("D65", 380, 5, new double[] {1, 1})), "test", Map.of());
    }
}
