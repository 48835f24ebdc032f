package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.rolls.RollReport;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 through the trainer: a set shot on five rolls, one developed harder (log contrast x1.25),
 * trains roll-aware: {@code rolls.json} beside the model holds every roll's deviation and spread,
 * the hard roll flagged with its numbers and left out of the nominal; left out of training by the
 * operator (V9 {@code rolls.left_out}), the next training has no pairs from it and names it. A set
 * on one roll trains as before, without a roll report. Real SQLite store, real fits, real files.
 */
class RollAwareTrainingTest {
    @TempDir Path dir;

    @Test
    void aSetOnSeveralRollsTrainsTheNominalFlagsTheHardRollAndLeavesItOutOnRequest() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\", \"root-polynomial\"]", "folds = 3",
                "[exports]", "formats = [\"cube\", \"bundle\"]", "encodings = [\"srgb\"]", "sizes = [9]", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = RollSets.withRolls(store, "lottery", 1.0, 1.02, 0.98, 1.25, 1.01);
            Trainer trainer = new Trainer(store, dataDir, config.training(), config.exports());
            Trainer.Result first = trainer.train(set, null, List.of(), l -> { });
            RollReport rolls = trainer.rolls(first.model().id());
            assertEquals(5, rolls.spread().size(), rolls.toText());
            assertEquals(List.of("lottery-R4"), rolls.flagged(), rolls.toText());
            assertEquals(List.of(), rolls.leftOut(), "flagged, left to the operator (RollAwareFit.DEFAULT is pooled)");
            // measured against the pooled nominal, which R4 itself pulls towards it (1.25 vs the others),
            // so the absolute figure is lower than the pushed contrast: R4 must still stand clear of every other roll
            double r4Contrast = rolls.deviation("lottery-R4").contrast()[1];
            assertTrue(r4Contrast > 1.10, rolls.toText());
            for (String other : List.of("lottery-R1", "lottery-R2", "lottery-R3", "lottery-R5")) {
                assertTrue(r4Contrast > rolls.deviation(other).contrast()[1] + 0.1, other + ": " + rolls.toText());
            }
            assertTrue(Files.readString(first.modelDir().resolve(RollReport.FILE)).contains("\"flag_reason\""));
            assertEquals(5 * 6 * 24, trainer.pairs(set).size());
            // the archival bundle carries the rolls with the model
            Path zip = first.exports().stream().filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
            try (var z = new java.util.zip.ZipFile(zip.toFile())) {
                org.junit.jupiter.api.Assertions.assertNotNull(z.getEntry("model/rolls.json"), "rolls.json in " + zip);
                org.junit.jupiter.api.Assertions.assertNotNull(z.getEntry("model/rolls.txt"));
            }

            long r4 = store.rolls().bySet(set).get(3).id();
            store.rolls().setLeftOut(r4, true);
            assertEquals(List.of("lottery-R4"), store.rolls().leftOut(set));
            assertEquals(4 * 6 * 24, trainer.pairs(set).size(), "a left-out roll's pairs leave the set's pairs");
            Trainer.Result second = trainer.train(set, null, List.of(), l -> { });
            RollReport again = trainer.rolls(second.model().id());
            assertEquals(List.of("lottery-R4"), again.excluded());
            assertEquals(4, again.spread().size());
            assertFalse(again.spread().stream().anyMatch(s -> s.roll().equals("lottery-R4")));
            assertEquals(List.of(), again.flagged(), again.toText());

            long single = SyntheticSets.withPairs(store, "one-roll");
            Trainer.Result plain = trainer.train(single, null, List.of(), l -> { });
            assertNull(trainer.rolls(plain.model().id()), "one roll: no roll report");
            assertFalse(Files.exists(plain.modelDir().resolve(RollReport.FILE)));
        }
    }
}
