package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The tone-curve smoothing chosen by patch-grouped cross-validation ({@link ToneSmoothing}) and
 * the basis fitters' {@code smooth=cv}: noise calls for more smoothing, a sharp knee for less,
 * and the chosen fit is no worse on held-out patches than the former fixed default.
 */
class ToneSmoothingTest {

    /** Exposures y (stops, one per channel, 3 readings per patch) and film = curve(y) + noise. */
    private static double[][] data(int patches, DoubleUnaryOperator curve, double noise, long seed, List<Pair> out) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3 * patches;
        double[] y = new double[3 * n];
        double[] film = new double[3 * n];
        for (int p = 0; p < patches; p++) {
            for (int e = 0; e < 3; e++) {
                int i = 3 * p + e;
                for (int c = 0; c < 3; c++) {
                    y[3 * i + c] = -5 + 10 * rnd.nextDouble();
                    film[3 * i + c] = curve.applyAsDouble(y[3 * i + c]) + noise * rnd.nextGaussian();
                }
                out.add(new Pair("f" + e, "r1", "D65", e - 1, "P" + p, 0.1, 0.1, 0.1, film[3 * i],
                        film[3 * i + 1], film[3 * i + 2]));
            }
        }
        return new double[][] {y, film};
    }

    @Test
    void noisyStraightResponseChoosesTheStrongestSmoothing() {
        List<Pair> pairs = new ArrayList<>();
        double[][] d = data(120, y -> 0.5 + 0.06 * y, 0.05, 7, pairs);
        double s = ToneSmoothing.choose(new PairSet(pairs), d[0], d[1], 5, 1, -1, ToneCurve.Shape.UNIFORM);
        assertEquals(ToneSmoothing.GRID[ToneSmoothing.GRID.length - 1], s, "chosen " + s);
    }

    @Test
    void cleanSharpKneeChoosesTheWeakestSmoothing() {
        List<Pair> pairs = new ArrayList<>();
        double[][] d = data(120, y -> 0.5 + 0.45 * Math.tanh(3 * y), 0, 7, pairs);
        double s = ToneSmoothing.choose(new PairSet(pairs), d[0], d[1], 5, 1, -1, ToneCurve.Shape.UNIFORM);
        assertEquals(ToneSmoothing.GRID[0], s, "chosen " + s);
    }

    @Test
    void tooFewPatchesFallsBack() {
        List<Pair> pairs = new ArrayList<>();
        double[][] d = data(1, y -> 0.5, 0, 7, pairs);
        assertEquals(0.7, ToneSmoothing.choose(new PairSet(pairs), d[0], d[1], 5, 1, 0.7, ToneCurve.Shape.UNIFORM));
    }

    @Test
    void adaptiveSmoothingKeepsTheFormerWeightWhereThereAreNoData() {
        // Support per knot: none past the data at both ends, dense in the middle.
        double[] support = {0, 0, 0, 5, 20, 20, 20, 5, 0, 0, 0};
        double[] uniform = ToneCurve.termWeights(1, 100, support, ToneCurve.Shape.UNIFORM, 0.25);
        double[] adaptive = ToneCurve.termWeights(1, 100, support, new ToneCurve.Shape(true, 0, 2), 0.25);
        double full = ToneCurve.penaltyWeight(1, 100, support.length);
        for (double u : uniform) {
            assertEquals(full, u, 0);
        }
        assertEquals(ToneCurve.penaltyWeight(ToneCurve.FLOOR, 100, support.length), adaptive[0], 1e-12, "no data");
        assertEquals(full, adaptive[3], 1e-12, "dense middle: the full smoothing");
        double floor = ToneCurve.penaltyWeight(ToneCurve.FLOOR, 100, support.length);
        assertTrue(floor < adaptive[1] && adaptive[1] < full, java.util.Arrays.toString(adaptive));
        assertEquals(adaptive[0], adaptive[adaptive.length - 1], 0, "symmetric support, symmetric weights");
        // At or below the floor there is nothing to adapt.
        assertArrayEquals(ToneCurve.termWeights(0.01, 100, support, ToneCurve.Shape.UNIFORM, 0.25),
                ToneCurve.termWeights(0.01, 100, support, new ToneCurve.Shape(true, 0, 2), 0.25), 0);
    }

    @Test
    void crossValidatedSmoothingOnNoisyFilmHoldsUpOnHeldOutPatches() {
        List<String> lights = List.of("D65");
        PairSet clean = SyntheticFilm.pairs(80, lights, new double[] {-2, -1, 0, 1, 2}, 11);
        // Scan noise of 0.02 per reading: the tone curves must not follow it.
        SplittableRandom rnd = new SplittableRandom(3);
        List<Pair> noisy = new ArrayList<>();
        for (Pair p : clean) {
            noisy.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), p.filmR() + 0.02 * rnd.nextGaussian(), p.filmG() + 0.02 * rnd.nextGaussian(),
                    p.filmB() + 0.02 * rnd.nextGaussian()));
        }
        PairSet train = new PairSet(noisy);
        PairSet test = SyntheticFilm.pairs(40, lights, new double[] {-1.5, 0.5, 1.5}, 12);
        IlluminantFeatures features = IlluminantFeatures.from(train);
        double cv = Evaluation.of(Candidate.parse("root-polynomial:degree=2:smooth=cv").fit(train, 1, features), test)
                .overall().mean();
        double adaptive = Evaluation.of(Candidate.parse("root-polynomial:degree=2:smooth=cv:smooth-adaptive=true")
                .fit(train, 1, features), test).overall().mean();
        double old = Evaluation.of(Candidate.parse("root-polynomial:degree=2:smooth=0.05").fit(train, 1, features),
                test).overall().mean();
        System.out.printf("held-out mean dE00: smooth=cv %.3f (adaptive %.3f), smooth=0.05 %.3f%n", cv, adaptive, old);
        assertTrue(cv <= old * 1.005, "smooth=cv " + cv + " vs 0.05 " + old);
        assertTrue(adaptive <= old * 1.005, "smooth=cv:smooth-adaptive=true " + adaptive + " vs 0.05 " + old);
        double[] probe = test.digital();
        assertArrayEquals(Candidate.parse("root-polynomial:degree=2:smooth=cv").fit(train, 1, features)
                .predict(probe, "D65"), Candidate.parse("root-polynomial:degree=2:smooth=cv").fit(train, 1, features)
                .predict(probe, "D65"), 0, "deterministic for a seed");
    }
}
