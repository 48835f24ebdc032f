package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.export.ExportPlan;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.pairs.PairsCsv;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training prepares its pairs as {@code station fit} does (calibration's Finishing.prepare): film pinned at 1 in a
 * channel (a scan stuck at its end) is dropped and said in the progress, so the daemon's model equals {@code station
 * fit}'s on the set's pairs CSV with the same candidates and seed. Before, the training fitted the pinned readings as
 * exact values. Real SQLite store, real fits, the real CLI in-process, real files.
 */
class StuckFilmTrainingTest {
    @TempDir Path dir;

    @Test
    void theTrainingDropsStuckFilmAndGivesStationFitsModel() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        var exports = new StationConfig.Exports(new ExportPlan(List.of(new ExportPlan.Entry("cube", List.of("srgb"),
                List.of(9))), List.of()));
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = SyntheticSets.withPairs(store, "pinned", List.of(-1.0, 0.0, 1.0, 2.0), 1.0, 1.6);
            Trainer trainer = new Trainer(store, dataDir, config.training(), exports);
            var pairs = trainer.pairs(set);
            long stuck = pairs.size() - pairs.withoutStuckFilm(0.002).size();
            assertTrue(stuck > 0 && stuck < pairs.size() / 2, "some film pinned at 1: " + stuck + " of " + pairs.size());
            String hash = trainer.pairsHash(set);
            List<String> progress = new ArrayList<>();
            Trainer.Result r = trainer.train(set, null, List.of(), progress::add);
            assertTrue(progress.contains("stuck film: dropped " + stuck + " of " + pairs.size() + " pairs with a film channel"
                    + " within 0.002 of 0 or 1 (a scan pinned at its end), as station fit does; not clip evidence"),
                    progress::toString);
            // the pairs hash and the saved pairs CSV still mean the set's pairs, stuck film included
            assertEquals(hash, trainer.pairsHash(set));
            Path csv = r.modelDir().resolve("pairs.csv");
            assertEquals(PairsCsv.toCsv(pairs), Files.readString(csv));

            Path out = dir.resolve("fit");
            int exit = emu.station.cli.Main.execute("fit", "--pairs", csv.toString(), "--out", out.toString(),
                    "--candidates", "matrix", "--folds", "3", "--seed", Long.toString(config.training().seed()),
                    "--finalists", "3", "--threads", "1");
            assertEquals(0, exit);
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree(out.resolve("model.json").toFile()).get("model"),
                    json.readTree(r.modelDir().resolve("model.json").toFile()).get("model"), "the same model");
            var daemon = ModelDirectory.load(r.modelDir()).model();
            var cli = ModelDirectory.load(out).model();
            for (double[] probe : new double[][] {{0.18, 0.18, 0.18}, {0.9, 0.6, 0.3}, {1.2, 1.1, 0.4}}) {
                for (String light : List.of("D65", "A")) {
                    assertArrayEquals(cli.predict(probe, light), daemon.predict(probe, light), 0.0);
                }
            }
        }
    }
}
