package emu.calibration.rolls;

import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.linalg.Ridge;
import emu.calibration.pairs.PairSet;

/**
 * Estimates one roll's {@link RollDeviation} against a reference response: the nine parameters
 * minimising the squared scan-value residuals of the roll's pairs plus a Gaussian prior,
 * Σ (film − roll(x))² / σ_e² + Σ (p_j / σ_j)², by Gauss-Newton (Nocedal &amp; Wright, Numerical
 * Optimization, 2nd ed., §10.3) with step halving. The Jacobian is taken by forward differences;
 * the contrast and offset columns reuse the reference's prediction, so one iteration costs four
 * predictions of the roll's pairs.
 *
 * <p>Prior: σ_e = 0.01 (a scan value's noise plus the reference's own error), σ = 0.05 log H for a
 * shift, 0.05 for ln contrast and 0.05 for an offset: a few times the spread a lab's process
 * control allows, so the data decide wherever they can and the prior only settles what the data
 * cannot tell apart (a shift from an offset on the straight line).
 */
final class RollEstimator {
    private static final double SIGMA_E = 0.01;
    private static final double[] SIGMA = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05};
    private static final int ITERATIONS = 12;
    private static final double H = 1e-4;

    private RollEstimator() {}

    /** The deviation of {@code roll}'s pairs from {@code reference}. */
    static RollDeviation estimate(String roll, ColourModel reference, PairSet pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("roll " + roll + " has no pairs");
        }
        double[] film = pairs.film();
        double[] p = new double[9];
        double[] base = shifted(reference, pairs, p);
        double cost = cost(film, RollDeviation.ofParams(roll, p).scanSide(base), p);
        int m = film.length;
        for (int it = 0; it < ITERATIONS; it++) {
            RollDeviation d = RollDeviation.ofParams(roll, p);
            double[] now = d.scanSide(base);
            double[] jac = new double[m * 9];
            for (int j = 0; j < 9; j++) {
                double[] q = p.clone();
                q[j] += H;
                double[] moved = j < 3 ? RollDeviation.ofParams(roll, q).scanSide(shifted(reference, pairs, q))
                        : RollDeviation.ofParams(roll, q).scanSide(base);
                for (int i = 0; i < m; i++) {
                    jac[i * 9 + j] = (moved[i] - now[i]) / H;
                }
            }
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
                r[i] = film[i] - now[i];
            }
            double[] gram = Ridge.gram(jac, m, 9, null);
            double[] moment = Ridge.moment(jac, m, 9, null, r, 1);
            double[] penalty = new double[81];
            for (int j = 0; j < 9; j++) {
                double w = SIGMA_E * SIGMA_E / (SIGMA[j] * SIGMA[j]);
                penalty[j * 9 + j] = w;
                moment[j] -= w * p[j];
            }
            double[] step = Ridge.solveFull(gram, moment, 9, 1, penalty);
            double t = 1;
            boolean improved = false;
            for (int half = 0; half < 8 && !improved; half++, t /= 2) {
                double[] q = p.clone();
                for (int j = 0; j < 9; j++) {
                    q[j] += t * step[j];
                }
                double[] qBase = shifted(reference, pairs, q);
                double c = cost(film, RollDeviation.ofParams(roll, q).scanSide(qBase), q);
                if (c < cost) {
                    improved = true;
                    double gain = cost - c;
                    p = q;
                    base = qBase;
                    cost = c;
                    if (gain < 1e-9 * Math.max(1, cost)) {
                        return RollDeviation.ofParams(roll, p);
                    }
                }
            }
            if (!improved) {
                break;
            }
        }
        return RollDeviation.ofParams(roll, p);
    }

    /** The reference's prediction for the pairs' digital values shifted by {@code p}'s exposure shifts. */
    private static double[] shifted(ColourModel reference, PairSet pairs, double[] p) {
        RollDeviation shiftOnly = new RollDeviation("", new double[] {p[0], p[1], p[2]}, new double[] {1, 1, 1}, new double[3]);
        return Evaluation.predict(new RollModel(reference, shiftOnly), pairs);
    }

    private static double cost(double[] film, double[] pred, double[] p) {
        double c = 0;
        for (int i = 0; i < film.length; i++) {
            double r = (film[i] - pred[i]) / SIGMA_E;
            c += r * r;
        }
        for (int j = 0; j < 9; j++) {
            c += (p[j] / SIGMA[j]) * (p[j] / SIGMA[j]);
        }
        return c;
    }
}
