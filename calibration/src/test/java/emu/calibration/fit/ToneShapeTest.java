package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.PairSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tone-curve penalty's shape ({@link ToneCurve.Shape}): the smoothing tapered towards the ends of the
 * data's exposure range ({@code smooth-taper}) and third differences instead of second ({@code smooth-order=3}),
 * the two ways tried to smooth the interior while leaving the toe and shoulder ends as the former fit had them
 * (bench/RESULTS.md, issue 24 session 7).
 */
class ToneShapeTest {

    @Test
    void taperKeepsTheFormerWeightAtAndPastTheDataEndsAndTheFullWeightInside() {
        // 21 knots 0.25 stops apart, data on knots 2..18 (as ToneCurve.fit lays them: 0.5 stops past each end).
        double[] support = new double[21];
        for (int j = 2; j <= 18; j++) {
            support[j] = 10;
        }
        double floor = ToneCurve.penaltyWeight(ToneCurve.FLOOR, 100, 21);
        double full = ToneCurve.penaltyWeight(1, 100, 21);
        double[] w = ToneCurve.termWeights(1, 100, support, new ToneCurve.Shape(false, 1, 2), 0.25);
        assertEquals(floor, w[0], 1e-12, "past the data");
        assertEquals(floor, w[1], 1e-12, "centred on the last supported knot");
        // Term j is centred on knot j + 1.
        assertEquals(ToneCurve.penaltyWeight(ToneCurve.FLOOR * Math.sqrt(1 / ToneCurve.FLOOR), 100, 21), w[3], 1e-12,
                "half a stop inside: the geometric mean of the floor and the smoothing");
        assertEquals(full, w[5], 1e-12, "a stop inside: the full smoothing");
        assertEquals(full, w[9], 1e-12, "middle");
        assertEquals(w[3], w[w.length - 4], 0, "symmetric");
        assertArrayEquals(ToneCurve.termWeights(1, 100, support, ToneCurve.Shape.UNIFORM, 0.25),
                ToneCurve.termWeights(1, 100, support, new ToneCurve.Shape(false, 0, 2), 0.25), 0, "taper 0: uniform");
        for (double v : ToneCurve.termWeights(1, 100, support, ToneCurve.Shape.UNIFORM, 0.25)) {
            assertEquals(full, v, 0, "uniform");
        }
    }

    @Test
    void taperKeepsTheShoulderBendPastTheDataThatUniformSmoothingStraightens() {
        // A film shoulder bending over at the top of the data (y up to 3): a strong uniform smoothing
        // straightens the last knots and their continuation past the data overshoots (bench/RESULTS.md,
        // session 7: consumer-200's D65 red curve ends at 0.974 with smooth 1, 0.958 with 0.05).
        double[] y = evenly(600, -3, 3);
        double[] film = film(y, v -> 0.5 + 0.45 * Math.tanh(0.6 * v));
        double past = 3.5;
        double truth = 0.5 + 0.45 * Math.tanh(0.6 * past);
        double weak = ToneCurve.fit(y, film, ToneCurve.FLOOR, ToneCurve.Shape.UNIFORM).apply(past);
        double uniform = ToneCurve.fit(y, film, 50, ToneCurve.Shape.UNIFORM).apply(past);
        double taper = ToneCurve.fit(y, film, 50, new ToneCurve.Shape(false, 1, 2)).apply(past);
        assertTrue(uniform - truth > 2 * Math.abs(taper - truth), "uniform " + uniform + " taper " + taper
                + " truth " + truth);
        assertTrue(Math.abs(taper - weak) < 0.5 * Math.abs(uniform - weak), "taper " + taper + " vs 0.05 " + weak);
        System.out.printf("past the data: truth %.4f, smooth 0.05 %.4f, 50 uniform %.4f, 50 tapered %.4f%n", truth, weak,
                uniform, taper);
    }

    @Test
    void thirdDifferencesLeaveAShoulderBendThatSecondDifferencesStraighten() {
        // A clean parabolic shoulder film = 0.9 - 0.03 (y - 3)^2 on y in [-2, 2] (0.15..0.87), heavily smoothed.
        int n = 400;
        double[] y = evenly(n, -2, 2);
        double[] film = film(y, v -> 0.9 - 0.03 * (v - 3) * (v - 3));
        ToneCurve second = ToneCurve.fit(y, film, 1000, ToneCurve.Shape.UNIFORM);
        ToneCurve third = ToneCurve.fit(y, film, 1000, new ToneCurve.Shape(false, 0, 3));
        double e2 = 0;
        double e3 = 0;
        for (int i = 0; i < n; i++) {
            e2 = Math.max(e2, Math.abs(second.apply(y[i]) - film[i]));
            e3 = Math.max(e3, Math.abs(third.apply(y[i]) - film[i]));
        }
        assertTrue(e3 < 2e-3, "third differences: a parabola costs nothing, max error " + e3);
        assertTrue(e2 > 0.02, "second differences straighten it, max error " + e2);
    }

    /** {@code n} exposures evenly from {@code lo} to {@code hi}. */
    private static double[] evenly(int n, double lo, double hi) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = lo + (hi - lo) * i / (n - 1);
        }
        return y;
    }

    private static double[] film(double[] y, java.util.function.DoubleUnaryOperator curve) {
        return java.util.Arrays.stream(y).map(curve).toArray();
    }

    @Test
    void badShapeParametersAreRefusedNamingTheCandidate() {
        PairSet pairs = SyntheticFilm.pairs(20, List.of("D65"), new double[] {-1, 0, 1}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.parse("root-polynomial:degree=2:smooth-order=4").fit(pairs, 1, IlluminantFeatures.from(pairs)));
        assertTrue(e.getMessage().contains("root-polynomial:degree=2:smooth-order=4")
                && e.getMessage().contains("smooth-order"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Candidate.parse("matrix:smooth-taper=-1").fit(pairs, 1, IlluminantFeatures.from(pairs)));
        assertTrue(e.getMessage().contains("smooth-taper"), e.getMessage());
    }
}
