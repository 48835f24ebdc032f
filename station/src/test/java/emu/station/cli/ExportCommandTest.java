package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.lut.CubeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station export} on a real model directory: virtual-bench pairs from {@code station sim
 * pairs}, fitted by the selection code with one cheap candidate (root-polynomial, one per light).
 */
class ExportCommandTest {
    @TempDir static Path shared;
    static Path modelDir;

    @TempDir Path dir;

    @BeforeAll
    static void model() throws Exception {
        modelDir = SimModel.fit(shared);
    }

    @Test
    void exportsEveryIlluminantIntoADirectory() throws Exception {
        Path out = dir.resolve("luts");
        CliRun r = CliRun.of("export", "--model", modelDir.toString(), "--format", "cube", "--encoding", "acescct",
                "--size", "17", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String light : List.of("A", "D65")) {
            Path f = out.resolve("cine-250d_" + light + "_acescct_17.cube");
            CubeFile cube = CubeFile.read(f);
            assertEquals(17, cube.lut().cube().size());
            assertTrue(cube.title().contains("cine-250d") && cube.title().contains(light), cube.title());
            assertTrue(cube.comments().stream().anyMatch(c -> c.startsWith("held-out-ciede2000-mean: ")),
                    cube.comments().toString());
            assertTrue(cube.comments().contains("set: export-test"), cube.comments().toString());
        }
        assertTrue(r.out().contains("neutral axis") && r.out().contains("max second difference"), r.out());
    }

    @Test
    void exportsOneIlluminantInEachFormat() throws Exception {
        Path hald = dir.resolve("d65.png");
        CliRun h = CliRun.of("export", "--model", modelDir.toString(), "--format", "haldclut", "--encoding", "srgb",
                "--illuminant", "D65", "--out", hald.toString());
        assertEquals(0, h.exit(), h.err());
        assertEquals(512, ImageIO.read(hald.toFile()).getWidth(), "default HaldCLUT size 64 = level 8");

        Path clf = dir.resolve("d65.clf");
        CliRun c = CliRun.of("export", "--model", modelDir.toString(), "--format", "clf", "--encoding", "linear",
                "--size", "9", "--illuminant", "D65", "--out", clf.toString());
        assertEquals(0, c.exit(), c.err());
        String xml = Files.readString(clf);
        assertTrue(xml.contains("<LUT1D") && xml.contains("<Array dim=\"9 9 9 3\">"), xml.substring(0, 400));

        Path ocio = dir.resolve("look.ocio");
        CliRun o = CliRun.of("export", "--model", modelDir.toString(), "--format", "ocio", "--encoding", "acescct",
                "--size", "9", "--illuminant", "A", "--out", ocio.toString());
        assertEquals(0, o.exit(), o.err());
        assertTrue(Files.readString(ocio).contains("src: \"look.cube\""));
        assertTrue(Files.exists(dir.resolve("look.cube")));
    }

    @Test
    void aConfigsPlanIsExportedAsTheTrainingWouldAndABadOneIsRefusedAtItsLine() throws Exception {
        Path cfg = Files.writeString(dir.resolve("config.toml"), "[exports]\nformats = [\"cube\", \"haldclut\"]\n"
                + "encodings = [\"acescct\"]\nsizes = [9]\n[exports.haldclut]\nsizes = [16]\n");
        Path out = dir.resolve("plan");
        CliRun r = CliRun.of("export", "--model", modelDir.toString(), "--config", cfg.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        try (var files = Files.list(out)) {
            assertEquals(4, files.count(), "cube acescct 9 and haldclut srgb 16, for D65 and A");
        }
        assertTrue(r.out().contains("4 files, 0 failed"), r.out());

        Files.writeString(cfg, "[exports]\nformats = [\"haldclut\"]\n[exports.haldclut]\nsizes = [33]\n");
        CliRun bad = CliRun.of("export", "--model", modelDir.toString(), "--config", cfg.toString(), "--out", out.toString());
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains(cfg + ":4:10: exports.haldclut.sizes: the haldclut format takes L^2"), bad.err());
    }

    @Test
    void badRequestsExitTwoSayingWhy() throws Exception {
        assertBad("unknown export format 'png'", "--format", "png", "--encoding", "srgb", "--out", dir.toString());
        assertBad("unknown input encoding 'log'", "--encoding", "log", "--out", dir.toString());
        assertBad("--encoding linear: the haldclut format cannot carry the 1D shaper", "--format", "haldclut",
                "--encoding", "linear", "--out", dir.toString());
        // every bad combination at once, each named by its flag
        assertBad("--encoding linear: the haldclut format cannot carry the 1D shaper the 'linear' encoding needs;"
                + " give it encodings that need none (e.g. srgb, acescct, logc3); --size 33: the haldclut format takes"
                + " L^2 points per axis", "--format", "haldclut", "--encoding", "linear", "--size", "33",
                "--out", dir.toString());
        // An evaluator may ask for any light: a known one the model never saw is served by blending
        // (FL7, a continuous-spectrum lamp, by the broadband D65), an unknown name is refused.
        assertBad("unknown illuminant 'LED-X9': not in this model (D65, A)", "--encoding", "acescct", "--size", "9",
                "--illuminant", "LED-X9", "--out", dir.resolve("x9.cube").toString());
        CliRun unseen = CliRun.of("export", "--model", modelDir.toString(), "--encoding", "acescct", "--size", "9",
                "--illuminant", "FL7", "--out", dir.resolve("fl7.cube").toString());
        assertEquals(0, unseen.exit(), unseen.err());
        assertTrue(unseen.out().contains("note: FL7: not trained; served by") && unseen.out().contains("D65")
                && unseen.out().contains("(nearest of its spectral family)"), unseen.out());
        assertEquals(9, CubeFile.read(dir.resolve("fl7.cube")).lut().cube().size());
        assertBad("--size 300: the cube format takes 2..256 points per axis, not 300", "--encoding", "srgb", "--size", "300", "--out", dir.toString());
        Path file = Files.writeString(dir.resolve("x.cube"), "");
        assertBad("must be a directory", "--encoding", "srgb", "--out", file.toString());
        CliRun notModel = CliRun.of("export", "--model", dir.toString(), "--encoding", "srgb", "--out", dir.toString());
        assertEquals(2, notModel.exit());
        assertTrue(notModel.err().contains("is not a model directory"), notModel.err());
    }

    private static void assertBad(String message, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "export";
        full[1] = "--model";
        full[2] = modelDir.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        CliRun r = CliRun.of(full);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
    }
}
