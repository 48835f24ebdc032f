package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling accuracy and the clipped / non-uniform flags, on drawn charts with known values. */
class PatchSamplerTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();
    private static final float[] BACKDROP = {0.1f, 0.1f, 0.1f};
    private static final Homography DRAWN = SyntheticChart.place(CC, 500, 350, 800, 3, 0.05);

    private static RgbImage chart() {
        return SyntheticChart.render(CC, 1000, 700, DRAWN, SyntheticChart.cc24Linear(), BACKDROP);
    }

    private static List<PatchReading> sample(RgbImage img) {
        return PatchSampler.sample(img, ChartLocator.fromCorners(img, CC, DRAWN.map(CC.gridCorners())),
                SamplingOptions.DEFAULTS);
    }

    @Test
    void meansEqualTheDrawnValuesWithinNoise() {
        RgbImage img = chart();
        double sigma = 0.01;
        SyntheticChart.noise(img, sigma, 11);
        float[][] truth = SyntheticChart.cc24Linear();
        for (PatchReading r : sample(img)) {
            // the central half of a 107 px patch: about 53 x 53 pixels
            assertTrue(r.pixels() > 2500 && r.pixels() < 3300, r.name() + " pixels " + r.pixels());
            double standardError = sigma / Math.sqrt(r.pixels());
            for (int c = 0; c < 3; c++) {
                assertEquals(truth[r.index()][c], r.mean()[c], 5 * standardError, r.name() + " channel " + c);
                assertEquals(sigma, r.std()[c], 0.1 * sigma, r.name() + " std, channel " + c);
            }
            assertFalse(r.clipped(), r.name());
            assertFalse(r.nonUniform(), r.name() + " spread " + r.spread());
        }
    }

    @Test
    void clippedPatchesAreFlagged() {
        RgbImage img = chart();
        SyntheticChart.expose(img, 1.3); // white 0.90 -> 1.17, clipped; neutral 8 0.58 -> 0.75, not
        List<PatchReading> r = sample(img);
        assertTrue(r.get(CC.patchIndex("white 9.5")).clipped());
        assertFalse(r.get(CC.patchIndex("neutral 8")).clipped());
        assertFalse(r.get(CC.patchIndex("black 2")).clipped());
        // a lower white level, e.g. a camera whose raw maximum is 0.7 of full scale
        List<PatchReading> low = PatchSampler.sample(img, ChartLocator.fromCorners(img, CC, DRAWN.map(CC.gridCorners())),
                SamplingOptions.DEFAULTS.withClipLevel(0.7));
        assertTrue(low.get(CC.patchIndex("neutral 8")).clipped());
        assertFalse(low.get(CC.patchIndex("neutral 6.5")).clipped());
    }

    @Test
    void aFingerOrAGlareIsFlaggedAndTheRobustMeanResistsIt() {
        RgbImage img = chart();
        float[][] truth = SyntheticChart.cc24Linear();
        int finger = CC.patchIndex("orange");
        int glare = CC.patchIndex("blue sky");
        // a dark finger over a sixth of the orange patch's sampled square
        paint(img, finger, 0.25, 0.42, 0.75, 0.75, (x, y, v) -> v * 0.15f);
        // a glare: a bright gradient across the blue sky patch
        paint(img, glare, 0, 0, 1, 1, (x, y, v) -> v + 0.3f * (float) x);
        SyntheticChart.noise(img, 0.005, 3);
        List<PatchReading> r = sample(img);
        assertTrue(r.get(finger).nonUniform(), "finger spread " + r.get(finger).spread());
        assertTrue(r.get(glare).nonUniform(), "glare spread " + r.get(glare).spread());
        for (int c = 0; c < 3; c++) {
            assertEquals(truth[finger][c], r.get(finger).mean()[c], 0.01 * truth[finger][c] + 0.002,
                    "robust mean under the finger, channel " + c);
        }
        for (PatchReading p : r) {
            if (p.index() != finger && p.index() != glare) {
                assertFalse(p.nonUniform(), p.name() + " spread " + p.spread());
            }
        }
    }

    @Test
    void aChartOutsideTheImageCannotBeSampled() {
        RgbImage img = new RgbImage(100, 100, new float[3 * 100 * 100]);
        Homography far = SyntheticChart.place(CC, 1000, 1000, 300, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.sample(img, CC, far, SamplingOptions.DEFAULTS));
        assertTrue(e.getMessage().contains("covers no pixel"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(0, 0.98, 0.01, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(0.5, 0.98, 1, 0.05));
    }

    interface Paint {
        float apply(double u, double v, float value);
    }

    /** Repaints the part (u0..u1, v0..v1) of patch {@code index}'s sampled square (0..1 across it). */
    private static void paint(RgbImage img, int index, double u0, double v0, double u1, double v1, Paint paint) {
        double[][] sq = CC.patchSquare(index, SamplingOptions.DEFAULTS.area());
        double side = sq[1][0] - sq[0][0];
        Homography toChart = DRAWN.inverse();
        float[] s = img.samples();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double[] c = toChart.map(x + 0.5, y + 0.5);
                double u = (c[0] - sq[0][0]) / side;
                double v = (c[1] - sq[0][1]) / side;
                if (u >= u0 && u < u1 && v >= v0 && v < v1) {
                    for (int k = 0; k < 3; k++) {
                        int o = 3 * (y * img.width() + x) + k;
                        s[o] = paint.apply(u, v, s[o]);
                    }
                }
            }
        }
    }
}
