package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Issue 24 session 6: the station's training rebuilds clipped highlights by default ({@code [training]
 * highlights}), as `station fit` does, and leaves them as read with {@code highlights = "none"}. Real SQLite
 * store, real fit, real files; the set's camera clips at 1.0 and its clipped patches are flagged, so they are
 * missing from the top of their EV series.
 */
class HighlightsTrainingTest {
    @TempDir Path dir;

    @Test
    void theTrainingRebuildsHighlightsUnlessTurnedOff() throws Exception {
        for (String mode : List.of("", "highlights = \"none\"")) {
            Path home = dir.resolve(mode.isEmpty() ? "default" : "none");
            Files.createDirectories(home);
            Path cfg = home.resolve("config.toml");
            Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                    "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", mode, ""));
            StationConfig config = StationConfig.load(cfg);
            Path dataDir = config.station().dataDir().toAbsolutePath();
            var exports = new StationConfig.Exports(new ExportPlan(List.of(new ExportPlan.Entry("cube", List.of("srgb"),
                    List.of(9))), List.of()));
            try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
                long set = SyntheticSets.withPairs(store, "bright", List.of(-1.0, 0.0, 1.0, 2.0), 1.0);
                List<String> progress = new ArrayList<>();
                Trainer.Result r = new Trainer(store, dataDir, config.training(), exports).train(set, null, List.of(),
                        progress::add);
                String model = Files.readString(r.modelDir().resolve("model.json"));
                if (mode.isEmpty()) {
                    assertTrue(model.contains("\"highlights\"") && model.replace(" ", "").contains("\"channels\":2"), model);
                    assertTrue(progress.stream().anyMatch(l -> l.startsWith("highlights: camera clip estimated")), progress::toString);
                } else {
                    assertFalse(model.contains("\"highlights\""), model);
                    assertFalse(progress.stream().anyMatch(l -> l.startsWith("highlights:")), progress::toString);
                }
            }
        }
    }
}
