package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 session 13: {@code grid:illuminant=per} is a default candidate, and a grid model keeps its node values in
 * side files ({@code light-N/grid.bin}) beside model.json. The shipped journey's small set selects another candidate,
 * so this drives the daemon's own training with grid as the only candidate: the model directory in the data
 * directory holds one grid.bin per trained light, the training's exports (trained lights and an untrained D55) are
 * written without failures, and "Export again" (the model read back from disk) gives the same files byte for byte.
 * Real SQLite store, real fit, real files.
 */
class GridTrainingTest {
    @TempDir Path dir;

    @Test
    void aGridModelIsStoredWithItsSideFilesAndExportsAgainFromDisk() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[training]", "schedule = \"\"",
                "train_when_complete = false", "candidates = [\"grid:illuminant=per:size=9\"]", "folds = 3",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", "also_lights = [\"D55\"]",
                ""));
        StationConfig config = StationConfig.load(cfg);
        Path dataDir = config.station().dataDir().toAbsolutePath();
        try (Store store = Store.open(dataDir.resolve(Store.FILE_NAME))) {
            long set = SyntheticSets.withPairs(store, "grid"); // D65 and A x EV -1, 0, +1
            Trainer trainer = new Trainer(store, dataDir, config.training(), config.exports());
            Trainer.Result r = trainer.train(set, null, List.of(), line -> { });

            TrainingRepository repo = store.training();
            assertTrue(r.model().fitter().startsWith("grid"), r.model().toString());
            Path modelDir = dataDir.resolve(r.model().dir());
            try (Stream<Path> files = Files.walk(modelDir)) {
                assertEquals(2, files.filter(p -> p.getFileName().toString().equals("grid.bin")).count(),
                        "one grid.bin per trained light in " + modelDir);
            }
            List<TrainingRepository.Export> rows = repo.exports(r.model().id());
            assertEquals(List.of("A", "D55", "D65"), rows.stream().map(TrainingRepository.Export::illuminant).sorted()
                    .toList(), rows::toString);
            assertEquals(List.of(), repo.exportFailures(r.model().id()));
            List<byte[]> first = rows.stream().sorted(java.util.Comparator.comparing(TrainingRepository.Export::illuminant))
                    .map(e -> read(dataDir.resolve(e.file()))).toList();

            assertEquals(List.of(), trainer.reexport(r.model().id(), line -> { }).failed());
            List<TrainingRepository.Export> again = repo.exports(r.model().id()).stream()
                    .sorted(java.util.Comparator.comparing(TrainingRepository.Export::illuminant)).toList();
            assertEquals(3, again.size(), again::toString);
            for (int i = 0; i < again.size(); i++) {
                assertTrue(java.util.Arrays.equals(first.get(i), read(dataDir.resolve(again.get(i).file()))),
                        "re-export of " + again.get(i).illuminant() + " differs");
            }
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
