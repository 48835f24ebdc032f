package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 follow-up: {@code [exports] also_lights} makes the training and "Export again" export lights the set
 * was not trained under, besides its trained ones, so a lab user gets the D55 cube from the browser, not only from
 * {@code station export --illuminant D55}. A light listed that is also trained ({@code "a"} here) is not exported
 * twice. Real SQLite store, real fit, real files.
 */
class AlsoLightsTrainingTest {
    @TempDir Path dir;

    @Test
    void theTrainingAndItsReexportCoverTheExtraLights() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"matrix\"]", "folds = 3", "[exports]",
                "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", "also_lights = [\"D55\", \"a\"]", ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = SyntheticSets.withPairs(store, "lights"); // trained under D65 and A
            Trainer trainer = new Trainer(store, dataDir, config.training(), config.exports());
            List<String> progress = new ArrayList<>();
            Trainer.Result r = trainer.train(set, null, List.of(), progress::add);

            TrainingRepository repo = store.training();
            List<TrainingRepository.Export> rows = repo.exports(r.model().id());
            assertEquals(List.of("A", "D55", "D65"), rows.stream().map(TrainingRepository.Export::illuminant).sorted()
                    .toList(), rows::toString);
            for (TrainingRepository.Export e : rows) {
                assertTrue(Files.isRegularFile(dataDir.resolve(e.file())), e::toString);
            }
            assertEquals(List.of(), repo.exportFailures(r.model().id()));
            List<String> said = progress.stream().filter(l -> l.startsWith("also_lights ")).toList();
            assertEquals(1, said.size(), progress::toString);
            assertTrue(said.get(0).startsWith("also_lights D55: not trained"), said::toString);

            List<String> again = new ArrayList<>();
            assertEquals(List.of(), trainer.reexport(r.model().id(), again::add).failed());
            assertEquals(List.of("A", "D55", "D65"), repo.exports(r.model().id()).stream()
                    .map(TrainingRepository.Export::illuminant).sorted().toList(), "Export again covers D55 too");
            assertEquals(said, again.stream().filter(l -> l.startsWith("also_lights ")).toList());
        }
    }
}
