package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.InputEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenColorIO's own readers ({@code ociochecklut}, {@code ociobakelut}) load our .cube (both
 * forms), .clf and OCIO look and give our values. LUTs are baked from {@link AnalyticModel}.
 */
class OcioConsumerTest {
    /** ociochecklut prints 7 significant digits; our files hold 6 decimals. */
    private static final float TOLERANCE = 2e-6f;
    /**
     * Through a shaper the 6-decimal rounding of the 1D values (up to 5e-7 of lattice coordinate)
     * is multiplied by the 3D table's slope, a few units per unit coordinate.
     */
    private static final float SHAPED_TOLERANCE = 1e-5f;
    private static final LutProvenance PROVENANCE =
            new LutProvenance("Ektar 100", "set-2", "analytic-1", "D65", "acescct", "film scan (sRGB)", 0.61);

    @TempDir Path dir;

    @Test
    void ociochecklutReadsOurAcescctCubeAndClf() throws Exception {
        ShapedLut lut = LutBaker.bake(new AnalyticModel(), "D65", InputEncoding.get("acescct"), 33).lut();
        float[][] probes = {{0, 0, 0}, {1, 1, 1}, {0.1f, 0.2f, 0.3f}, {0.45f, 0.5f, 0.62f}, {0.8f, 0.3f, 0.55f},
            {0.93f, 0.91f, 0.2f}, {0.41f, 0.41f, 0.41f}};
        for (String format : List.of("cube", "clf")) {
            Path f = dir.resolve("acescct." + format);
            TestLuts.format(format).write(lut, PROVENANCE, f);
            assertProbes(f, lut, probes, TOLERANCE);
        }
    }

    @Test
    void ociochecklutReadsOurLinearShaperCubeAndClf() throws Exception {
        ShapedLut lut = LutBaker.bake(new AnalyticModel(), "D65", InputEncoding.get("linear"), 17).lut();
        float[][] probes = {{0, 0, 0}, {0.18f, 0.18f, 0.18f}, {0.05f, 0.3f, 1.2f}, {4f, 2f, 0.5f},
            {-0.0005f, 0.002f, 0.01f}, {11f, 0.7f, 0.02f}};
        for (String format : List.of("cube", "clf")) {
            Path f = dir.resolve("linear." + format);
            TestLuts.format(format).write(lut, PROVENANCE.withInputEncoding("linear"), f);
            assertProbes(f, lut, probes, SHAPED_TOLERANCE);
        }
    }

    /** A config using our look; ociobakelut bakes it on our lattice, which must give our table back. */
    @Test
    void ocioLookSnippetWorksInAConfig() throws Exception {
        ShapedLut lut = LutBaker.bake(new AnalyticModel(), "D65", InputEncoding.get("acescct"), 17).lut();
        Path snippet = dir.resolve("ektar.ocio");
        List<Path> written = TestLuts.format("ocio").write(lut, PROVENANCE, snippet);
        assertEquals(List.of(snippet, dir.resolve("ektar.cube")), written);
        String config = """
                ocio_profile_version: 2
                search_path: "."
                roles:
                  default: acescct
                  scene_linear: acescct
                  data: raw
                displays:
                  screen:
                    - !<View> {name: raw, colorspace: acescct}
                active_displays: [screen]
                active_views: [raw]
                colorspaces:
                  - !<ColorSpace>
                    name: acescct
                    isdata: false
                  - !<ColorSpace>
                    name: raw
                    isdata: true
                """ + Files.readString(snippet);
        Path cfg = dir.resolve("config.ocio");
        Files.writeString(cfg, config);
        ExternalTool.run("ociocheck", "--iconfig", cfg.toString());
        Path baked = dir.resolve("baked.cube");
        ExternalTool.run("ociobakelut", "--iconfig", cfg.toString(), "--inputspace", "acescct", "--looks",
                OcioLookFormat.lookName(PROVENANCE), "--outputspace", "acescct", "--format", "resolve_cube",
                "--cubesize", "17", baked.toString());
        Lut3D theirs = CubeFile.read(baked).lut().cube();
        assertArrayEquals(lut.cube().table(), theirs.table(), TOLERANCE);
    }

    private static void assertProbes(Path file, ShapedLut lut, float[][] probes, float tolerance) throws Exception {
        for (float[] p : probes) {
            String out = ExternalTool.run("ociochecklut", file.toString(), Float.toString(p[0]), Float.toString(p[1]),
                    Float.toString(p[2]));
            String[] last = out.strip().lines().reduce((a, b) -> b).orElseThrow().strip().split("\\s+");
            assertEquals(3, last.length, "ociochecklut output: " + out);
            float[] ours = lut.apply(p[0], p[1], p[2], LutInterpolations.TETRAHEDRAL);
            for (int c = 0; c < 3; c++) {
                float theirs = Float.parseFloat(last[c]);
                assertEquals(ours[c], theirs, tolerance, file.getFileName() + " at " + java.util.Arrays.toString(p)
                        + " channel " + c + ": ociochecklut says " + out.strip());
            }
        }
        assertTrue(probes.length > 0);
    }
}
