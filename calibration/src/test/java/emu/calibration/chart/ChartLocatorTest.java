package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Automatic detection on drawn ColorChecker images: placement, orientation, degradations, absence. */
class ChartLocatorTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();
    private static final float[] GREY_BACKDROP = {0.12f, 0.12f, 0.12f};

    /** Largest distance between located and drawn grid corners, in pixels. */
    static double cornerError(ChartLocation loc, Homography drawn) {
        double[][] truth = drawn.map(loc.spec().gridCorners());
        double worst = 0;
        for (int k = 0; k < 4; k++) {
            worst = Math.max(worst, Math.hypot(loc.corners()[k][0] - truth[k][0], loc.corners()[k][1] - truth[k][1]));
        }
        return worst;
    }

    @ParameterizedTest(name = "[{index}] centre ({0},{1}) width {2} turn {3} keystone {4} blur {5} noise {6} vignette {7}")
    @CsvSource({
        // cx,  cy,  width, degrees, keystone, blur, noise, vignette
        "600, 400, 720,  0,    0,    0,   0,     1",
        "600, 400, 720,  5,    0,    0,   0,     1",
        "600, 400, 720, -5,    0,    0,   0,     1",
        "620, 390, 700,  180,  0,    0,   0,     1",
        "600, 410, 700,  184,  0.1,  1.5, 0.01,  0.6",
        "580, 400, 700, -3,    0.15, 2.5, 0.02,  0.5",
        "300, 250, 360,  2,    0.05, 1,   0.01,  0.7",
        "600, 400, 1080, -2,   0.05, 1,   0.01,  0.7",
        "820, 560, 360,  177,  0,    1,   0.005, 0.8",
        "600, 400, 700,  92,   0.05, 1,   0.01,  0.8",
        "600, 400, 700, -88,   0,    1,   0.01,  0.8",
    })
    void findsTheChart(double cx, double cy, double width, double degrees, double keystone, double blur, double noise,
            double vignette) throws Exception {
        Homography drawn = SyntheticChart.place(CC, cx, cy, width, degrees, keystone);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
        if (blur > 0) {
            SyntheticChart.blur(img, blur);
        }
        SyntheticChart.vignette(img, vignette);
        SyntheticChart.noise(img, noise, 42);
        ChartLocation loc = ChartLocator.locate(img, CC);
        double err = cornerError(loc, drawn);
        double pitchPx = width / CC.width() * CC.pitch();
        assertTrue(err < 0.1 * pitchPx, "corner error " + err + " px, pitch " + pitchPx + " px; " + loc);
        assertTrue(loc.confidence() > 0.7, "confidence " + loc.confidence() + " " + loc.notes());
        assertEquals(ChartLocation.Method.DETECTED, loc.method());
        assertTrue(loc.patchesSeen() >= 20, "patches seen " + loc.patchesSeen());
    }

    @Test
    void upsideDownChartReadsInChartOrder() throws Exception {
        Homography drawn = SyntheticChart.place(CC, 600, 400, 760, 181, 0);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
        ChartLocation loc = ChartLocator.locate(img, CC);
        // the first corner (outer corner of dark skin) is now at the image's bottom right
        assertTrue(loc.corners()[0][0] > 800 && loc.corners()[0][1] > 500, java.util.Arrays.deepToString(loc.corners()));
        List<PatchReading> r = PatchSampler.sample(img, loc, SamplingOptions.DEFAULTS);
        assertEquals("white 9.5", r.get(18).name());
        assertTrue(r.get(18).meanLevel() > 0.8, "white reads white: " + r.get(18).meanLevel());
        assertTrue(r.get(23).meanLevel() < 0.05, "black reads black: " + r.get(23).meanLevel());
        assertTrue(loc.matchScore() > 0.9, "match " + loc.matchScore());
    }

    @ParameterizedTest(name = "gain {0}")
    @CsvSource({"0.125", "8"})
    void underAndOverExposedChartsAreFound(double gain) throws Exception {
        for (double degrees : new double[] {1, 179}) {
            Homography drawn = SyntheticChart.place(CC, 600, 400, 760, degrees, 0);
            RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
            SyntheticChart.expose(img, gain);
            SyntheticChart.noise(img, 0.002, 7);
            ChartLocation loc = ChartLocator.locate(img, CC);
            assertTrue(cornerError(loc, drawn) < 5, "gain " + gain + " turn " + degrees + ": " + cornerError(loc, drawn));
        }
    }

    @Test
    void displayEncodedEightBitImageIsFound() throws Exception {
        Homography drawn = SyntheticChart.place(CC, 500, 420, 640, -4, 0.08);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
        SyntheticChart.blur(img, 1);
        SyntheticChart.encodeSrgb(img);
        ChartLocation loc = ChartLocator.locate(img, CC);
        assertTrue(cornerError(loc, drawn) < 4, "corner error " + cornerError(loc, drawn));
        assertTrue(loc.confidence() > 0.7, loc.confidence() + " " + loc.notes());
    }

    @Test
    void ampas190GridIsFoundBothWaysUp() throws Exception {
        ChartSpec ampas = ChartSpecs.byName("ampas190");
        for (double degrees : new double[] {-2, 178}) {
            Homography drawn = SyntheticChart.place(ampas, 600, 400, 1000, degrees, 0.05);
            RgbImage img = SyntheticChart.render(ampas, 1200, 800, drawn, SyntheticChart.fromReference(ampas), GREY_BACKDROP);
            SyntheticChart.noise(img, 0.003, 3);
            ChartLocation loc = ChartLocator.locate(img, ampas);
            assertTrue(cornerError(loc, drawn) < 4, degrees + ": corner error " + cornerError(loc, drawn));
            assertTrue(loc.confidence() > 0.7, degrees + ": " + loc.confidence() + " " + loc.notes());
        }
    }

    @Test
    void emptySceneSaysWhatItSaw() {
        RgbImage img = new RgbImage(1200, 800, new float[3 * 1200 * 800]);
        java.util.Arrays.fill(img.samples(), 0.2f);
        SyntheticChart.vignette(img, 0.6);
        SyntheticChart.noise(img, 0.01, 5);
        ChartNotFoundException e = assertThrows(ChartNotFoundException.class, () -> ChartLocator.locate(img, CC));
        assertTrue(e.getMessage().contains("no colorchecker24 (4 x 6) found in the 1200 x 800 image")
                && e.getMessage().contains("uniform patch-like regions")
                && e.getMessage().contains("need 12"), e.getMessage());
    }

    @Test
    void aFewSquaresAreNotAChart() {
        // a 2 x 3 chart's worth of squares: a grid, but too small to be the ColorChecker
        ChartSpec small = new ChartSpec("small", "test", 2, 3, 46, 6.5, 12, List.of("a", "b", "c", "d", "e", "f"), "s-%d",
                new double[] {10, 20, 30, 40, 50, 60}, new int[0]);
        float[][] colours = java.util.Arrays.copyOf(SyntheticChart.cc24Linear(), 6);
        RgbImage img = SyntheticChart.render(small, 1200, 800, SyntheticChart.place(small, 600, 400, 500, 0, 0),
                colours, GREY_BACKDROP);
        ChartNotFoundException e = assertThrows(ChartNotFoundException.class, () -> ChartLocator.locate(img, CC));
        assertTrue(e.getMessage().contains("had 6 (need 12"), e.getMessage());
    }

    @Test
    void coveredPatchesLowerTheConfidenceAndSaySo() throws Exception {
        // two columns hidden under dark cloth: the 4 x 4 grid seen could sit at 3 offsets
        float[][] colours = SyntheticChart.cc24Linear();
        for (int row = 0; row < 4; row++) {
            colours[row * 6 + 4] = SyntheticChart.FRAME;
            colours[row * 6 + 5] = SyntheticChart.FRAME;
        }
        Homography drawn = SyntheticChart.place(CC, 600, 400, 760, 1, 0);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, colours, GREY_BACKDROP);
        ChartLocation loc = ChartLocator.locate(img, CC);
        assertTrue(cornerError(loc, drawn) < 3, "placed right despite the hidden columns: " + cornerError(loc, drawn));
        assertTrue(loc.confidence() < 0.8, "confidence " + loc.confidence());
        assertTrue(loc.notes().stream().anyMatch(n -> n.contains("found 16 of the 24 patches")), loc.notes().toString());
    }

    @Test
    void aGridThatIsNotTheChartIsRejected() {
        // the ColorChecker's layout with its light and dark patches swapped
        float[][] inverted = new float[24][];
        for (int p = 0; p < 24; p++) {
            float level = (float) (0.95 - CC.referenceY(p) / 100);
            inverted[p] = new float[] {level, level, level};
        }
        RgbImage img = SyntheticChart.render(CC, 1200, 800, SyntheticChart.place(CC, 600, 400, 760, 0, 0), inverted,
                GREY_BACKDROP);
        ChartNotFoundException e = assertThrows(ChartNotFoundException.class, () -> ChartLocator.locate(img, CC));
        assertTrue(e.getMessage().contains("light/dark order") && e.getMessage().contains("right chart"), e.getMessage());
    }

    @Test
    void chartRunningOffTheFrameIsReported() {
        Homography drawn = SyntheticChart.place(CC, 1000, 400, 760, 0, 0);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
        ChartNotFoundException e = assertThrows(ChartNotFoundException.class, () -> ChartLocator.locate(img, CC));
        assertTrue(e.getMessage().contains("in frame"), e.getMessage());
    }

    @Test
    void operatorCornersOverrideAndAreChecked() {
        Homography drawn = SyntheticChart.place(CC, 600, 400, 760, 2, 0.05);
        RgbImage img = SyntheticChart.render(CC, 1200, 800, drawn, SyntheticChart.cc24Linear(), GREY_BACKDROP);
        double[][] corners = drawn.map(CC.gridCorners());
        ChartLocation loc = ChartLocator.fromCorners(img, CC, corners);
        assertEquals(ChartLocation.Method.OPERATOR, loc.method());
        assertTrue(cornerError(loc, drawn) < 1e-6);
        assertTrue(loc.confidence() > 0.9 && loc.notes().isEmpty(), loc.confidence() + " " + loc.notes());

        // starting at the wrong corner turns the chart: still used, but flagged
        double[][] turned = {corners[2], corners[3], corners[0], corners[1]};
        ChartLocation wrong = ChartLocator.fromCorners(img, CC, turned);
        assertTrue(wrong.confidence() < 0.5, "confidence " + wrong.confidence());
        assertTrue(wrong.notes().stream().anyMatch(n -> n.contains("check the corner order")), wrong.notes().toString());

        double[][] mirrored = {corners[0], corners[3], corners[2], corners[1]};
        IllegalArgumentException anti = assertThrows(IllegalArgumentException.class,
                () -> ChartLocator.fromCorners(img, CC, mirrored));
        assertTrue(anti.getMessage().contains("anticlockwise") && anti.getMessage().contains("dark skin"), anti.getMessage());
        double[][] outside = {corners[0], {1300, 10}, corners[2], corners[3]};
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                () -> ChartLocator.fromCorners(img, CC, outside));
        assertTrue(off.getMessage().contains("corner 2") && off.getMessage().contains("outside"), off.getMessage());
        double[][] bowtie = {corners[0], corners[2], corners[1], corners[3]};
        assertThrows(IllegalArgumentException.class, () -> ChartLocator.fromCorners(img, CC, bowtie));
        assertThrows(IllegalArgumentException.class, () -> ChartLocator.fromCorners(img, CC, new double[3][2]));
    }

    @Test
    void spearmanHandlesTies() {
        assertEquals(1, ChartLocator.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}), 1e-12);
        assertEquals(-1, ChartLocator.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-12);
        // ties at their mean rank: ranks (0.5, 0.5, 2, 3) against (0, 1, 2, 3)
        assertEquals(0.9486832980505138, ChartLocator.spearman(new double[] {1, 1, 3, 4}, new double[] {1, 2, 3, 4}), 1e-12);
    }
}
