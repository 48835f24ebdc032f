package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The overlay draws each sampled square where the reading sampled it, coloured by its flags. */
class ChartOverlayTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();

    @Test
    void squaresAreDrawnWhereThePatchesWereSampledAndScaledToTheSide() throws Exception {
        Homography h = SyntheticChart.place(CC, 400, 260, 520, 0, 0);
        RgbImage img = SyntheticChart.render(CC, 800, 520, h, SyntheticChart.cc24Linear(), new float[] {0.05f, 0.05f, 0.05f});
        ChartReading reading = ChartReader.read(img, CC, null, SamplingOptions.DEFAULTS);
        BufferedImage out = ChartOverlay.draw(img, true, 1, reading, null, 400);
        assertEquals(400, out.getWidth());
        assertEquals(260, out.getHeight());
        // the left edge of patch 8's sampled square (away from the label), at the middle of its height, half scale
        double[][] sq = h.map(CC.patchSquare(7, SamplingOptions.DEFAULTS.area()));
        int x = (int) Math.round(sq[0][0] / 2);
        int y = (int) Math.round((sq[0][1] + sq[3][1]) / 4);
        int best = 0;
        for (int dx = -1; dx <= 1; dx++) {
            int rgb = out.getRGB(x + dx, y);
            int g = (rgb >> 8) & 0xff;
            best = Math.max(best, g - Math.max((rgb >> 16) & 0xff, rgb & 0xff));
        }
        assertEquals(true, best > 100, "a green (used) line at the square's edge, got " + best);

        BufferedImage none = ChartOverlay.draw(img, true, 1, null, "no chart here", 800);
        assertEquals(800, none.getWidth());
    }
}
