package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.pairs.PairSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CIEDE2000-aligned loss: its metric against CIEDE2000 itself, the fit and the stack weights that use it. */
class PerceptualLossTest {

    /** Saturated, dark, light, exactly neutral and near-neutral scanned colours. */
    private static final double[][] FILM = {
        {0.8, 0.2, 0.1}, {0.1, 0.5, 0.8}, {0.05, 0.04, 0.06}, {0.95, 0.93, 0.9}, {0.5, 0.5, 0.5},
        {0.52, 0.5, 0.49}, {0.3, 0.6, 0.2}, {0.7, 0.3, 0.6},
    };

    @Test
    void theMetricIsCiede2000sLocalQuadraticForm() {
        SplittableRandom r = new SplittableRandom(3);
        double[] m = new double[9];
        for (double[] f : FILM) {
            PerceptualMetric.at(f[0], f[1], f[2], m, 0);
            double[] lab = Cielab.fromSrgb(f[0], f[1], f[2]);
            for (int k = 0; k < 20; k++) {
                double[] d = new double[3];
                for (int c = 0; c < 3; c++) {
                    d[c] = (r.nextDouble() - 0.5) * 6e-3;
                }
                double de = DeltaE.CIEDE2000.between(lab, Cielab.fromSrgb(f[0] + d[0], f[1] + d[1], f[2] + d[2]));
                double quad = PerceptualMetric.quad(m, 0, d[0], d[1], d[2]);
                // Within 10% of dE00^2 for errors of ~0.3 dE00: second-order accurate away from neutral,
                // and near it (the dark grey here) CIEDE2000 is only approximately a quadratic form.
                assertEquals(de * de, quad, 0.10 * de * de + 1e-12, java.util.Arrays.toString(f) + " d="
                        + java.util.Arrays.toString(d));
            }
        }
    }

    @Test
    void theMetricIsScaledToMeanTraceThreeAndWeighsChromaAtSaturationLess() {
        double[] film = new double[3 * FILM.length];
        for (int i = 0; i < FILM.length; i++) {
            System.arraycopy(FILM[i], 0, film, 3 * i, 3);
        }
        double[] m = PerceptualMetric.of(film);
        double trace = 0;
        for (int i = 0; i < FILM.length; i++) {
            trace += m[9 * i] + m[9 * i + 4] + m[9 * i + 8];
        }
        assertEquals(3.0 * FILM.length, trace, 1e-9);
        // S_C = 1 + 0.045 C: the same film-value step moves a saturated red less than a grey of similar lightness.
        assertTrue(m[0] < m[9 * 4], "saturated " + m[0] + " vs grey " + m[9 * 4]);
    }

    @Test
    void aDe2000FitHasALowerPerceptualLossAndDeltaEThanTheSquaredFit() {
        // A matrix colour stage cannot follow the synthetic film's light-dependent matrix: errors
        // remain, and the two losses place them differently.
        PairSet train = FittersTest.TRAIN;
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        FittedModel plain = Candidate.parse("matrix:illuminant=per").fit(train, 1, lights);
        FittedModel perc = Candidate.parse("matrix:illuminant=per:loss=de2000").fit(train, 1, lights);
        double[] metric = PerceptualMetric.of(train.film());
        double lp = metricLoss(Evaluation.predict(plain, train), train.film(), metric);
        double lq = metricLoss(Evaluation.predict(perc, train), train.film(), metric);
        assertTrue(lq < lp, "de2000 loss " + lq + " vs squared fit's " + lp);
        double dp = Evaluation.of(plain, train).overall().mean();
        double dq = Evaluation.of(perc, train).overall().mean();
        assertTrue(dq < dp, "mean dE00 " + dq + " vs " + dp);
        // The loss is the model's spec, and the model loads like any other.
        assertEquals("matrix:illuminant=per:loss=de2000", perc.spec());
    }

    @Test
    void anUnknownLossNamesTheCandidate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fitters.get("matrix")
                .fit(FittersTest.TRAIN, new FitOptions(1, Map.of("loss", "l1"), "matrix:loss=l1", null, false)));
        assertTrue(e.getMessage().contains("matrix:loss=l1") && e.getMessage().contains("loss"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ModelSelection.Settings(List.of("matrix"), 3, 1, 1, 1, null, "l1"));
        // Specs are checked before any fitting: a bad value, or a fitter the loss does not apply to.
        assertThrows(IllegalArgumentException.class, () -> Candidate.parse("root-polynomial:loss=l1"));
        assertThrows(IllegalArgumentException.class, () -> Candidate.parse("tps:loss=de2000"));
        assertEquals("de2000", Candidate.parse("polynomial:degree=2:loss=de2000").params().get("loss"));
    }

    @Test
    void stackWeightsUnderTheMetricMinimiseItAndReduceToSquaredUnderTheIdentity() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 200;
        double[] film = new double[3 * n];
        double[] a = new double[3 * n];
        double[] b = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] f = FILM[i % FILM.length];
            for (int c = 0; c < 3; c++) {
                film[3 * i + c] = f[c];
                // a errs along the grey axis, b per channel: the two losses rank them differently.
                a[3 * i + c] = f[c] + 0.03 * (r.nextDouble() - 0.3);
                b[3 * i + c] = f[c] + 0.05 * (r.nextDouble() - 0.5);
            }
            double shift = 0.04 * (r.nextDouble() - 0.5);
            for (int c = 0; c < 3; c++) {
                a[3 * i + c] += shift;
            }
        }
        double[] identity = new double[9 * n];
        for (int i = 0; i < n; i++) {
            identity[9 * i] = 1;
            identity[9 * i + 4] = 1;
            identity[9 * i + 8] = 1;
        }
        List<double[]> preds = List.of(a, b);
        assertArrayEquals(Stacking.weights(preds, film, null), Stacking.weights(preds, film, null, identity), 1e-9);
        double[] metric = PerceptualMetric.of(film);
        double[] wm = Stacking.weights(preds, film, null, metric);
        double[] ws = Stacking.weights(preds, film, null);
        assertEquals(1, wm[0] + wm[1], 1e-12);
        double lm = metricLoss(Stacking.combine(preds, wm), film, metric);
        double ls = metricLoss(Stacking.combine(preds, ws), film, metric);
        assertTrue(lm <= ls, lm + " vs " + ls);
        // Any other convex blend is no better under the metric.
        for (double t = 0; t <= 1; t += 0.05) {
            assertTrue(lm <= metricLoss(Stacking.combine(preds, new double[] {t, 1 - t}), film, metric) + 1e-12);
        }
    }

    private static double metricLoss(double[] pred, double[] film, double[] metric) {
        double s = 0;
        for (int i = 0; i < film.length / 3; i++) {
            s += PerceptualMetric.quad(metric, i, pred[3 * i] - film[3 * i], pred[3 * i + 1] - film[3 * i + 1],
                    pred[3 * i + 2] - film[3 * i + 2]);
        }
        return s;
    }
}
