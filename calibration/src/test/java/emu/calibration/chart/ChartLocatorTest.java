package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

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
}
