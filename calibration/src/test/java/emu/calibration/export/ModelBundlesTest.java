package emu.calibration.export;

import emu.calibration.io.Hashes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.fit.Candidate;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fitted model archived as a bundle, read back and rebuilt byte for byte. */
class ModelBundlesTest {

    static final List<ModelBundles.Export> EXPORTS = List.of(
            new ModelBundles.Export("cube", "acescct", 9),
            new ModelBundles.Export("xmp", "srgb", 9),
            new ModelBundles.Export("icc", "srgb", 9),
            new ModelBundles.Export("cube-pq", "pq", 9));

    /** Pairs of a warm, contrasty "film" (sRGB-encoded) under two lights. */
    static PairSet pairs() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<Pair> out = new ArrayList<>();
        for (String light : List.of("D65", "A")) {
            for (int p = 0; p < 40; p++) {
                double[] d = {0.02 + 0.8 * rnd.nextDouble(), 0.02 + 0.8 * rnd.nextDouble(),
                    0.02 + 0.8 * rnd.nextDouble()};
                double[] f = new double[3];
                for (int c = 0; c < 3; c++) {
                    double mix = 0.85 * d[c] + 0.05 * (d[0] + d[1] + d[2]) + (c == 0 ? 0.02 : 0);
                    f[c] = Math.min(1, Math.pow(mix, 1 / 2.2));
                }
                out.add(new Pair("f" + p, "r1", light, 0, String.format("P%02d", p),
                        d[0], d[1], d[2], f[0], f[1], f[2]));
            }
        }
        return new PairSet(out);
    }

    @Test
    void aBundleRebuildsEveryExportFromItsOwnModel(@TempDir Path dir) throws Exception {
        PairSet pairs = pairs();
        byte[] csv = PairsCsv.toCsv(pairs).getBytes(StandardCharsets.UTF_8);
        FittedModel m = Candidate.parse("matrix").fit(pairs, 1, null);
        ModelMetadata meta = new ModelMetadata("m-1", "Portra 400", "set-7", "matrix",
                "2026-11-20T10:15:00Z", "0.1.0", 1, Hashes.sha256Hex(csv), pairs.size(),
                "linear", "srgb", Map.of("D65", "table", "A", "table"), 2.5, 4.0);
        ModelDirectory model = ModelDirectory.save(dir.resolve("model"), m, meta, null);

        ModelBundle.Contents built = ModelBundles.build(model, csv,
                ModelBundleTest.provenance(), EXPORTS, dir.resolve("scratch"));
        for (String light : List.of("A", "D65")) {
            // the names the one export pipeline gives (ExportNaming), as the CLI and the daemon write them
            for (String f : List.of("acescct_9.cube", "srgb_9.xmp", "srgb_9.icc", "pq_9_cube-pq.cube")) {
                assertTrue(built.files().containsKey("exports/Portra-400_" + light + "_" + f),
                        light + "/" + f + " in " + built.files().keySet());
            }
        }
        assertTrue(built.files().containsKey("model/model.json"));
        assertTrue(built.files().containsKey("pairs.csv"));

        Path zip = dir.resolve("portra-400.zip");
        ModelBundle.write(zip, built);
        ModelBundle.Contents read = ModelBundle.read(zip);
        assertEquals(EXPORTS, ModelBundles.listedExports(read));
        assertEquals(List.of(), ModelBundles.reexportDifferences(read, dir.resolve("rebuild")),
                "every export rebuilt byte for byte");

        // A different model does not pass for the archived one.
        Map<String, byte[]> altered = new TreeMap<>(read.files());
        String json = new String(altered.get("model/model.json"), StandardCharsets.UTF_8);
        String changed = json.replaceFirst("(\"beta\" : \\[ -?)0\\.", "$10.1");
        assertFalse(changed.equals(json), "the test must find the first coefficient");
        altered.put("model/model.json", changed.getBytes(StandardCharsets.UTF_8));
        List<String> differ = ModelBundles.reexportDifferences(
                new ModelBundle.Contents(read.provenance(), new TreeMap<>(altered)),
                dir.resolve("rebuild-altered"));
        assertFalse(differ.isEmpty(), "an altered model must change the exports");
        assertTrue(Files.size(zip) > 0);
    }

    @Test
    void defaultExportsAreValidForTheirFormats() {
        // one .cube per LUT input encoding, plus xmp, icc, cube-pq, cube-hlg
        assertEquals(emu.calibration.color.InputEncoding.names().size() + 4,
                ModelBundles.defaultExports().size());
        assertTrue(ModelBundles.defaultExports().contains(new ModelBundles.Export("xmp", "srgb", 32)));
    }
}
