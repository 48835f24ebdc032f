package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.List;

/**
 * Weights for a {@link StackModel}, from predictions of pairs each member had not been fitted
 * on (the selection's cross-validation): non-negative weights summing to one that minimise the
 * squared film-value error, or CIEDE2000's local quadratic form ({@link PerceptualMetric}) when the
 * selection's stack loss is {@code de2000} (Breiman 1996, "Stacked regressions", sec. 3: the constraints keep
 * the combination an interpolation between members, never an extrapolation of their
 * differences). A stack's own cross-validated score is cross-fitted: the rows of each fold are
 * combined with weights chosen on the other folds only, so no row scores weights it chose.
 */
final class Stacking {

    /** Out-of-training predictions (row-major n x 3) for {@code pairs}; {@code split[i]} = the split that held row i out. */
    record Held(PairSet pairs, double[] predicted, int[] split) {
        Evaluation evaluation() {
            return Evaluation.ofPredictions(pairs, predicted);
        }
    }

    private Stacking() {}

    /** Convex weights over the rows where {@code use} is true (null: every row), by squared film error. */
    static double[] weights(List<double[]> preds, double[] film, boolean[] use) {
        return weights(preds, film, use, null);
    }

    /**
     * Convex weights minimising sum_i r_i' M_i r_i over the rows where {@code use} is true, with
     * {@code metric} the pairs' {@link PerceptualMetric} (row-major n x 9; null: the identity, squared film error).
     */
    static double[] weights(List<double[]> preds, double[] film, boolean[] use, double[] metric) {
        int m = preds.size();
        boolean[] active = new boolean[m];
        java.util.Arrays.fill(active, true);
        while (true) {
            double[] w = constrained(preds, film, use, active, metric);
            int worst = -1;
            for (int j = 0; j < m; j++) {
                if (active[j] && w[j] < 0 && (worst < 0 || w[j] < w[worst])) {
                    worst = j;
                }
            }
            if (worst < 0) {
                return w;
            }
            // Active-set step: the most negative member leaves and the rest are re-solved.
            active[worst] = false;
        }
    }

    /** Least squares of the active members with sum(w) = 1, by its KKT system (Lagrange multiplier). */
    private static double[] constrained(List<double[]> preds, double[] film, boolean[] use, boolean[] active,
                                        double[] metric) {
        int m = preds.size();
        int[] idx = java.util.stream.IntStream.range(0, m).filter(j -> active[j]).toArray();
        int a = idx.length;
        double[] k = new double[(a + 1) * (a + 1)];
        double[] rhs = new double[a + 1];
        for (int i = 0; i < film.length; i++) {
            if (use != null && !use[i / 3]) {
                continue;
            }
            // <p, q>_M over the row's three channels: row i/3's metric times channel i%3's column.
            int row = i / 3;
            int ch = i % 3;
            for (int r = 0; r < a; r++) {
                double pr = preds.get(idx[r])[i];
                if (metric == null) {
                    rhs[r] += pr * film[i];
                    for (int c = 0; c < a; c++) {
                        k[r * (a + 1) + c] += pr * preds.get(idx[c])[i];
                    }
                    continue;
                }
                for (int d = 0; d < 3; d++) {
                    double md = metric[9 * row + 3 * ch + d] * pr;
                    int col = 3 * row + d;
                    rhs[r] += md * film[col];
                    for (int c = 0; c < a; c++) {
                        k[r * (a + 1) + c] += md * preds.get(idx[c])[col];
                    }
                }
            }
        }
        double trace = 0;
        for (int r = 0; r < a; r++) {
            trace += k[r * (a + 1) + r];
        }
        for (int r = 0; r < a; r++) {
            k[r * (a + 1) + r] += 1e-9 * trace / a; // identical members stay solvable
            k[r * (a + 1) + a] = 1;
            k[a * (a + 1) + r] = 1;
        }
        rhs[a] = 1;
        double[] sol = gauss(k, rhs, a + 1);
        double[] w = new double[m];
        for (int r = 0; r < a; r++) {
            w[idx[r]] = sol[r];
        }
        return w;
    }

    /** Gaussian elimination with partial pivoting of a small dense system (the KKT matrix is indefinite). */
    private static double[] gauss(double[] a, double[] b, int n) {
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r * n + col]) > Math.abs(a[piv * n + col])) {
                    piv = r;
                }
            }
            for (int c = 0; c < n; c++) {
                double t = a[col * n + c];
                a[col * n + c] = a[piv * n + c];
                a[piv * n + c] = t;
            }
            double t = b[col];
            b[col] = b[piv];
            b[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = a[r * n + col] / a[col * n + col];
                for (int c = col; c < n; c++) {
                    a[r * n + c] -= f * a[col * n + c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r * n + c] * x[c];
            }
            x[r] = s / a[r * n + r];
        }
        return x;
    }

    /** {@code sum_m w_m preds_m}. */
    static double[] combine(List<double[]> preds, double[] w) {
        double[] out = new double[preds.get(0).length];
        for (int m = 0; m < preds.size(); m++) {
            for (int i = 0; i < out.length; i++) {
                out[i] += w[m] * preds.get(m)[i];
            }
        }
        return out;
    }

    /** Each split's rows combined with weights chosen on the other splits' rows only. */
    static double[] crossFitted(List<double[]> preds, double[] film, int[] split) {
        return crossFitted(preds, film, split, null);
    }

    /** {@link #crossFitted(List, double[], int[])} with the weights of {@link #weights(List, double[], boolean[], double[])}. */
    static double[] crossFitted(List<double[]> preds, double[] film, int[] split, double[] metric) {
        int splits = java.util.Arrays.stream(split).max().orElse(0) + 1;
        double[] out = new double[film.length];
        for (int s = 0; s < splits; s++) {
            boolean[] use = new boolean[split.length];
            for (int i = 0; i < split.length; i++) {
                use[i] = split[i] != s;
            }
            double[] w = weights(preds, film, use, metric);
            for (int i = 0; i < split.length; i++) {
                if (split[i] == s) {
                    for (int c = 0; c < 3; c++) {
                        for (int m = 0; m < preds.size(); m++) {
                            out[3 * i + c] += w[m] * preds.get(m)[3 * i + c];
                        }
                    }
                }
            }
        }
        return out;
    }
}
