package emu.calibration.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ExposureSeries} on readings made like a camera makes them: raw channels proportional to
 * 2^ev, each clipped at the white level before a matrix to Rec.709 with negative off-diagonals
 * (the shape of a real camera matrix), plus shot-like noise.
 */
class ExposureSeriesTest {

    static final double WHITE = 2.0;
    static final double[][] MATRIX = {{1.6, -0.45, -0.15}, {-0.2, 1.45, -0.25}, {0.0, -0.5, 1.5}};
    static final double[] EVS = {-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3};

    /** One reading: raw = colour * 2^ev * gain, each channel clipped at WHITE, noise, then the matrix. */
    static double[] reading(double[] colour, double ev, double gain, SplittableRandom rng) {
        double[] raw = new double[3];
        for (int c = 0; c < 3; c++) {
            double v = colour[c] * Math.pow(2, ev) * gain;
            v *= 1 + 0.002 * (rng.nextDouble() - 0.5);
            raw[c] = Math.min(v, WHITE);
        }
        double[] out = new double[3];
        for (int r = 0; r < 3; r++) {
            out[r] = MATRIX[r][0] * raw[0] + MATRIX[r][1] * raw[1] + MATRIX[r][2] * raw[2];
        }
        return out;
    }

    /** The brightest raw channel over the white level (1 or more: clipped). */
    static double overshoot(double[] colour, double ev, double gain) {
        double m = 0;
        for (double c : colour) {
            m = Math.max(m, c * Math.pow(2, ev) * gain / WHITE);
        }
        return m;
    }

    static Pair pair(String patch, String light, double ev, double[] d) {
        return new Pair(String.valueOf(ev), "R1", light, ev, patch, d[0], d[1], d[2], 0.5, 0.5, 0.5);
    }

    @Test
    void flagsTheReadingsWithARawChannelClippedAndNoOther() {
        SplittableRandom rng = new SplittableRandom(7);
        double[][] colours = {{0.9, 0.9, 0.85}, {0.6, 0.3, 0.1}, {0.1, 0.2, 0.5}, {0.04, 0.04, 0.04}, {0.35, 0.5, 0.3}};
        List<Pair> pairs = new ArrayList<>();
        List<Double> truth = new ArrayList<>();
        for (String light : List.of("D65", "A")) {
            double[] tint = light.equals("A") ? new double[] {1.6, 1, 0.45} : new double[] {1, 1, 1};
            for (int k = 0; k < colours.length; k++) {
                double[] c = {colours[k][0] * tint[0], colours[k][1] * tint[1], colours[k][2] * tint[2]};
                for (double ev : EVS) {
                    pairs.add(pair("P" + k, light, ev, reading(c, ev, 0.6, rng)));
                    truth.add(overshoot(c, ev, 0.6));
                }
            }
        }
        boolean[] got = ExposureSeries.clipped(new PairSet(pairs), ExposureSeries.TOLERANCE);
        int clipped = 0;
        int flagged = 0;
        for (int i = 0; i < got.length; i++) {
            double o = truth.get(i);
            clipped += o >= 1 ? 1 : 0;
            flagged += got[i] ? 1 : 0;
            if (o >= 1.05) {
                assertEquals(true, got[i], "clipped 5% or more, flagged: " + pairs.get(i) + " overshoot " + o);
            }
            if (o < 1) {
                assertEquals(false, got[i], "not clipped, not flagged: " + pairs.get(i) + " overshoot " + o);
            }
        }
        assertEquals(true, clipped >= 15, "the test set has clipped readings: " + clipped);
        assertEquals(pairs.size() - flagged, ExposureSeries.withoutClipped(new PairSet(pairs), ExposureSeries.TOLERANCE).size());
    }

    @Test
    void aLampThatDriftsInBrightnessIsNotClipping() {
        SplittableRandom rng = new SplittableRandom(3);
        List<Pair> pairs = new ArrayList<>();
        for (double ev : EVS) {
            double drift = 1 + 0.08 * Math.sin(ev * 3); // +-8% off the nominal EV, same colour
            pairs.add(pair("grey", "D65", ev, reading(new double[] {0.2, 0.2, 0.2}, ev, 0.3 * drift, rng)));
        }
        boolean[] got = ExposureSeries.clipped(new PairSet(pairs), ExposureSeries.TOLERANCE);
        for (boolean b : got) {
            assertEquals(false, b);
        }
    }

    @Test
    void aPatchReadAtOneExposureOnlyIsNeverFlagged() {
        PairSet one = new PairSet(List.of(pair("P", "D65", 0, new double[] {4.58, 1.65, 2.67}),
                pair("Q", "D65", 0, new double[] {0.2, 0.2, 0.2})));
        assertArrayEquals(new boolean[] {false, false}, ExposureSeries.clipped(one, ExposureSeries.TOLERANCE));
    }

    @Test
    void refusesANonPositiveTolerance() {
        PairSet one = new PairSet(List.of(pair("P", "D65", 0, new double[] {0.2, 0.2, 0.2})));
        assertThrows(IllegalArgumentException.class, () -> ExposureSeries.clipped(one, 0));
        assertThrows(IllegalArgumentException.class, () -> ExposureSeries.clipped(one, Double.NaN));
    }
}
