package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.export.BundleProvenance;
import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportPlan;
import emu.calibration.export.Exporter;
import emu.calibration.export.ModelBundle;
import emu.calibration.export.ModelBundles;
import emu.calibration.fit.ModelDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station export --format dcp / icc-input} on a model fitted to the spectral virtual
 * bench's pairs (cine-250d under D65 and A): the files, the export report's statement of each
 * profile's own error against the model, and the refusals.
 */
class CameraProfileExportTest {
    @TempDir static Path shared;
    static Path modelDir;

    @TempDir Path dir;

    @BeforeAll
    static void model() throws Exception {
        modelDir = SimModel.fit(shared);
    }

    @Test
    void dcpIsOneFileForBothLightsAndStatesItsError() throws Exception {
        Path file = dir.resolve("cine.dcp");
        CliRun r = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--camera", "Nikon D750",
                "--color-matrix", "0.9020,-0.2890,-0.0715,-0.4535,1.2436,0.2348,-0.0934,0.1919,0.7086",
                "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        System.out.println(r.out());
        byte[] b = Files.readAllBytes(file);
        assertEquals("IIRC", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertTrue(new String(b, StandardCharsets.ISO_8859_1).contains("Nikon D750\0"), "UniqueCameraModel");
        for (String light : List.of("A", "D65")) {
            Matcher m = Pattern.compile(light + ": profile vs model on 210 colours mean ([0-9.]+)").matcher(r.out());
            assertTrue(m.find(), r.out());
            assertTrue(Double.parseDouble(m.group(1)) < 1.0, r.out());
        }
        Path out = dir.resolve("profiles");
        Files.createDirectories(out);
        CliRun d = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--out", out.toString());
        assertEquals(0, d.exit(), d.err());
        assertTrue(Files.isRegularFile(out.resolve("cine-250d_A-D65_camera_33.dcp")), d.out());
    }

    @Test
    void iccInputWritesV4AndV2PerLight() throws Exception {
        Path out = dir.resolve("icc");
        CliRun r = CliRun.of("export", "--model", modelDir.toString(), "--format", "icc-input", "--size", "17",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        System.out.println(r.out());
        for (String light : List.of("A", "D65")) {
            Path v4 = out.resolve("cine-250d_" + light + "_camera_17_icc-input.icc");
            Path v2 = out.resolve("cine-250d_" + light + "_camera_17_icc-input.v2.icc");
            assertEquals(4, Files.readAllBytes(v4)[8], "v4 header");
            assertEquals(2, Files.readAllBytes(v2)[8], "v2 header");
        }
        assertTrue(r.out().contains("profile vs model"), r.out());
    }

    @Test
    void refusesWhatCameraProfilesCannotTake() throws Exception {
        CliRun enc = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--encoding", "srgb",
                "--out", dir.resolve("x.dcp").toString());
        assertEquals(2, enc.exit());
        assertTrue(enc.err().contains("drop --encoding"), enc.err());
        CliRun size = CliRun.of("export", "--model", modelDir.toString(), "--format", "icc-input", "--size", "300",
                "--illuminant", "A", "--out", dir.resolve("x.icc").toString());
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("--size 300") && size.err().contains("2..255"), size.err());
        CliRun light = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--illuminant", "A",
                "--out", dir.resolve("x.dcp").toString());
        assertEquals(2, light.exit());
        assertTrue(light.err().contains("drop --illuminant"), light.err());
        CliRun camera = CliRun.of("export", "--model", modelDir.toString(), "--format", "icc-input", "--camera", "X",
                "--illuminant", "A", "--out", dir.resolve("x.icc").toString());
        assertEquals(2, camera.exit());
        assertTrue(camera.err().contains("--camera is only for --format dcp"), camera.err());
        CliRun matrix = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--color-matrix",
                "1,0,0,0,1,0,0,0", "--out", dir.resolve("x.dcp").toString());
        assertEquals(2, matrix.exit());
        assertTrue(matrix.err().contains("9 numbers"), matrix.err());
        CliRun singular = CliRun.of("export", "--model", modelDir.toString(), "--format", "dcp", "--color-matrix",
                "1,0,0,1,0,0,0,0,1", "--out", dir.resolve("x.dcp").toString());
        assertEquals(2, singular.exit());
        assertTrue(singular.err().contains("inverse"), singular.err());
        assertTrue(Files.notExists(dir.resolve("x.dcp")) && Files.notExists(dir.resolve("x.icc")));
    }

    @Test
    void aPlanWithCameraProfilesBundlesThemAndRebuildsThemByteForByte() throws Exception {
        ModelDirectory model = ModelDirectory.load(modelDir);
        ExportPlan plan = new ExportPlan(List.of(new ExportPlan.Entry("dcp", List.of(), List.of(9)),
                new ExportPlan.Entry("icc-input", List.of(), List.of(9)),
                new ExportPlan.Entry(ExportFormats.BUNDLE, List.of(), List.of())), List.of());
        BundleProvenance provenance = new BundleProvenance("cine-250d", null, null, "ECN-2", "lab", "scanner",
                Map.of(), "camera", "lens", List.of(new BundleProvenance.Illuminant("D65", 380, 5, new double[] {1, 1})),
                "test", Map.of());
        Path out = dir.resolve("training");
        Exporter.Outcome o = Exporter.export(model, plan, out, Optional.of(new Exporter.BundleSource(provenance,
                Files.readAllBytes(shared.resolve("pairs.csv")))), line -> { });
        assertEquals(List.of(), o.failed());
        List<String> names = o.written().stream().map(w -> w.file().getFileName().toString()).toList();
        assertEquals(List.of("cine-250d_A-D65_camera_9.dcp", "cine-250d_A_camera_9_icc-input.icc",
                "cine-250d_A_camera_9_icc-input.v2.icc", "cine-250d_D65_camera_9_icc-input.icc",
                "cine-250d_D65_camera_9_icc-input.v2.icc"), names.subList(0, 5));
        ModelBundle.Contents bundle = ModelBundle.read(o.written().get(5).file());
        var rebuilt = ModelBundles.exports(model, List.of(new ModelBundles.Export("dcp", "camera", 9),
                new ModelBundles.Export("icc-input", "camera", 9)), dir.resolve("scratch"));
        assertEquals(5, rebuilt.size(), rebuilt.keySet().toString());
        for (var e : rebuilt.entrySet()) {
            assertArrayEquals(e.getValue(), bundle.files().get(e.getKey()), e.getKey());
        }
    }
}
