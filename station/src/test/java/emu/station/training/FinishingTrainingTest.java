package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.ExportPlan;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24: the training finishes its model by calibration's Finishing, as {@code station fit} does. {@code [training]
 * clipped_series = "gate"} takes the same path as {@code station fit --clipped-series gate}
 * (calibration's Finishing) on a one-roll set, and on a set whose rolls repeat the plan, which is fitted roll-aware
 * and which `station fit` refuses with the gate on its command line, the training fits without the gate (as {@code
 * drop}) and says so in its progress rather than failing a nightly run; {@code unseen = "spectral"} on pairs its fit
 * fails on keeps the blend and says why (the daemon's training with it: UnseenSpectralTrainingJourneyTest). Real SQLite
 * store, real fits, real files.
 */
class FinishingTrainingTest {
    @TempDir Path dir;

    @Test
    void theGateFinishesAOneRollSetAndARollAwareFitGoesWithoutItSayingSo() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", "clipped_series = \"gate\"", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        var exports = new StationConfig.Exports(new ExportPlan(List.of(new ExportPlan.Entry("cube", List.of("srgb"),
                List.of(9))), List.of()));
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            Trainer trainer = new Trainer(store, dataDir, config.training(), exports);

            List<String> one = new ArrayList<>();
            Trainer.Result single = trainer.train(SyntheticSets.withPairs(store, "one"), null, List.of(), one::add);
            assertTrue(one.stream().anyMatch(l -> l.startsWith("clipped series (gate): ")), one::toString);
            assertTrue(one.stream().anyMatch(l -> l.startsWith("clipped series: ")), "the gate's outcome: " + one);
            assertNull(trainer.rolls(single.model().id()));

            List<String> rolls = new ArrayList<>();
            Trainer.Result aware = trainer.train(RollSets.withRolls(store, "rolls", 1.0, 1.02, 0.98), null, List.of(),
                    rolls::add);
            assertNotNull(trainer.rolls(aware.model().id()), "fitted roll-aware");
            assertTrue(rolls.contains("clipped series: the gate does not combine with a roll-aware fit; fitted without the"
                    + " readings that leave their exposure series (as clipped_series = \"drop\")"), rolls::toString);
            assertFalse(Files.readString(aware.modelDir().resolve("model.json")).contains("\"clip-gate\""));
        }
    }

    /** Made-up pairs (not a camera's nor a film's) leave the spectral fit's normal equations singular. */
    @Test
    void aSpectralFitThatFailsKeepsTheBlendAndTheTrainingItsModel() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", "unseen = \"spectral\"", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        var exports = new StationConfig.Exports(new ExportPlan(List.of(new ExportPlan.Entry("cube", List.of("srgb"),
                List.of(9))), List.of()));
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            List<String> said = new ArrayList<>();
            Trainer.Result r = new Trainer(store, dataDir, config.training(), exports).train(
                    SyntheticSets.withPairs(store, "made-up"), null, List.of(), said::add);
            String line = said.stream().filter(l -> l.startsWith("unseen lights: no spectral model (its fit failed on"
                    + " these pairs: ") && l.endsWith("); untrained lights keep the blend")).findFirst().orElseThrow(
                    () -> new AssertionError(said.toString()));
            assertFalse(Files.readString(r.modelDir().resolve("model.json")).contains("\"spectral-served\""));
            // the model folder notes the reason, the one the progress line gave, for each export row to say
            String reason = line.substring("unseen lights: no spectral model (".length(), line.length()
                    - "); untrained lights keep the blend".length());
            assertEquals(reason + "\n", Files.readString(r.modelDir().resolve(ExportLights.REFUSAL_FILE)));
        }
    }
}
