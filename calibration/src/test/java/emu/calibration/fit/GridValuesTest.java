package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grid model's node values in its side file {@code grid.bin} ({@link GridValues}) rather than in model.json. */
class GridValuesTest {

    private static final double[] EVS = {-3, -2, -1, 0, 1, 2, 3};
    private static final ModelMetadata META = new ModelMetadata("id", "stock", "set", "grid", "now", "dev", 1, "sha", 1,
            "linear", "srgb", Map.of("D65", "table"), 1, 1);

    @Test
    void aSavedModelKeepsItsValuesInASideFileBitForBit(@TempDir Path dir) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        FittedModel m = Candidate.parse("grid:size=9:illuminant=per").fit(train, 1, IlluminantFeatures.from(train));
        ModelDirectory.save(dir.resolve("m"), m, META, null);
        // One side file per light's model directory, of exactly the documented length; no values in model.json.
        for (String light : List.of("light-0", "light-1")) {
            assertEquals(GridValues.length(9), Files.size(dir.resolve("m").resolve(light).resolve("grid.bin")));
        }
        String json = Files.readString(dir.resolve("m").resolve("model.json"));
        assertFalse(json.contains("valuesr"), json);
        assertTrue(json.replace(" ", "").contains("\"values\":\"grid.bin\""), json);
        FittedModel back = ModelDirectory.load(dir.resolve("m")).model();
        // Inside, below and above the lattice: the loaded model predicts bit-identically.
        PairSet test = SyntheticFilm.pairs(40, List.of("D65", "A"), new double[] {-5, 0.25, 5}, 8);
        for (String light : List.of("D65", "A")) {
            double[] d = test.filter(p -> p.illuminant().equals(light)).digital();
            assertArrayEquals(m.predict(d, light), back.predict(d, light), 0.0, light);
        }
    }

    @Test
    void aModelWithInlineValuesStillLoadsAndPredictsAlike(@TempDir Path dir) throws Exception {
        // model.json as grid wrote it before grid.bin (values as JSON numbers): loads, predicts as the side-file one.
        PairSet train = SyntheticFilm.pairs(60, List.of("D65"), EVS, 4);
        FittedModel m = Candidate.parse("grid:size=9:illuminant=per").fitOneLight(null, train, 1);
        ModelDirectory.save(dir.resolve("side"), m, META, null);
        ObjectNode inline = m.toJson(null);
        assertTrue(inline.has("valuesr") && !inline.has("values"), inline.toString());
        ObjectNode root = Json.MAPPER.createObjectNode().put("format", ModelDirectory.FORMAT);
        root.set("metadata", Json.MAPPER.valueToTree(META));
        root.set("model", inline);
        Files.createDirectories(dir.resolve("inline"));
        Files.writeString(dir.resolve("inline").resolve("model.json"), Json.MAPPER.writeValueAsString(root));
        double[] d = SyntheticFilm.pairs(40, List.of("D65"), new double[] {-5, 0.25, 5}, 8).digital();
        double[] side = ModelDirectory.load(dir.resolve("side")).model().predict(d, "D65");
        assertArrayEquals(m.predict(d, "D65"), side, 0.0);
        assertArrayEquals(side, ModelDirectory.load(dir.resolve("inline")).model().predict(d, "D65"), 0.0);
    }

    @Test
    void aTruncatedGarbledOrMissingSideFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65"), EVS, 4);
        FittedModel m = Candidate.parse("grid:size=9:illuminant=per").fitOneLight(null, train, 1);
        Path model = dir.resolve("m");
        ModelDirectory.save(model, m, META, null);
        Path file = model.resolve("grid.bin");
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 8));
        assertRefused(model, "truncated");
        byte[] garbled = good.clone();
        garbled[good.length / 2] ^= 1; // one bit of one value
        Files.write(file, garbled);
        assertRefused(model, "checksum mismatch");
        byte[] otherSize = good.clone();
        otherSize[12] = 17; // the header's size, 9 -> 17
        Files.write(file, otherSize);
        assertRefused(model, "model.json says 3 of 9^3");
        Files.write(file, new byte[] {'{', '}'});
        assertRefused(model, "not a grid values file");
        Files.delete(file);
        assertRefused(model, "missing");
        Files.write(file, good);
        ModelDirectory.load(model); // and the intact file loads
    }

    @Test
    void aSecondGridInTheSameDirectoryIsRefusedNotOverwritten(@TempDir Path dir) throws Exception {
        // Each model part writes into its own sub-directory; two grids given one would otherwise silently share a file.
        double[][] v = {new double[27], new double[27], new double[27]};
        GridValues.write(dir.resolve("grid.bin"), 3, v);
        byte[] first = Files.readAllBytes(dir.resolve("grid.bin"));
        v[0][0] = 1;
        assertThrows(IllegalStateException.class, () -> GridValues.write(dir.resolve("grid.bin"), 3, v));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("grid.bin")));
        assertEquals(0.0, GridValues.read(dir.resolve("grid.bin"), 3)[0][0]);
    }

    private static void assertRefused(Path model, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.load(model));
        assertTrue(e.getMessage().contains(model.resolve("grid.bin").toString()) && e.getMessage().contains(why),
                e.getMessage());
    }
}
