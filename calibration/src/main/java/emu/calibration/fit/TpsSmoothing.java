package emu.calibration.fit;

import emu.calibration.linalg.Ridge;
import emu.calibration.pairs.PairSet;
import java.util.Map;

/**
 * How much the thin-plate spline ({@link TpsFitter}) smooths: the penalty's weight lambda_c of each output channel,
 * chosen by {@code folds}-fold cross-validation grouped by patch inside the training pairs (a patch never both fits
 * and scores a lambda), from a log grid relative to the kernel columns' scale: whole decades first, then the half
 * decades either side of each channel's best. Each fold's system is the whole Gram matrix less the held-out fold's,
 * so a lambda costs one solve per fold.
 */
final class TpsSmoothing {

    /** log10 of the relative smoothing tried: 10^-6 (nearly interpolating) .. 10^1 (nearly affine). */
    private static final double LOG_MIN = -6;
    private static final double LOG_MAX = 1;
    private static final double LOG_STEP = 0.5;

    private TpsSmoothing() {}

    /**
     * log10 relative smoothing per channel with the least squared error of film values predicted
     * (base + spline clamped to [0, 1], as the model does; base: the trend, or 0) on patches held out of the fit.
     */
    static double[] crossValidate(PairSet pairs, double[] x, double[] y, double[] base, double[] film,
                                  int n, int p, double[] pen,
                                  double scale, FitOptions options) {
        int folds = Math.min(options.integer("folds", 5), pairs.patches().size());
        if (folds < 2) {
            return new double[] {-3, -3, -3};
        }
        Map<String, Integer> foldOf = ModelSelection.folds(pairs.patches(), folds, options.seed());
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = foldOf.get(pairs.get(i).patch());
        }
        double[][] heldGram = new double[folds][];
        double[][] heldMoment = new double[folds][];
        double[] total = new double[p * p];
        double[] totalMoment = new double[3 * p];
        for (int f = 0; f < folds; f++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = fold[i] == f ? 1 : 0;
            }
            heldGram[f] = Ridge.gram(x, n, p, w);
            heldMoment[f] = Ridge.moment(x, n, p, w, y, 3);
            for (int t = 0; t < p * p; t++) {
                total[t] += heldGram[f][t];
            }
            for (int t = 0; t < 3 * p; t++) {
                totalMoment[t] += heldMoment[f][t];
            }
        }
        double[] g = new double[p * p];
        double[] mo = new double[3 * p];
        java.util.function.DoubleFunction<double[]> error = log -> {
            double[] penL = scaled(pen, scale * Math.pow(10, log));
            double[] err = new double[3];
            for (int f = 0; f < folds; f++) {
                for (int t = 0; t < p * p; t++) {
                    g[t] = total[t] - heldGram[f][t];
                }
                for (int t = 0; t < 3 * p; t++) {
                    mo[t] = totalMoment[t] - heldMoment[f][t];
                }
                double[] b = Ridge.solveFull(g, mo, p, 3, penL);
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        continue;
                    }
                    for (int c = 0; c < 3; c++) {
                        double v = 0;
                        for (int t = 0; t < p; t++) {
                            v += x[i * p + t] * b[3 * t + c];
                        }
                        double d = Math.max(0, Math.min(1, base[3 * i + c] + v)) - film[3 * i + c];
                        err[c] += d * d;
                    }
                }
            }
            return err;
        };
        // Coarse grid in whole decades, then the half decades either side of each channel's best:
        // 8 + at most 6 solves per fold instead of 15 for the same half-decade resolution.
        Map<Double, double[]> tried = new java.util.TreeMap<>();
        for (double log = LOG_MIN; log <= LOG_MAX + 1e-9; log += 2 * LOG_STEP) {
            tried.put(log, error.apply(log));
        }
        double[] coarse = bestPerChannel(tried);
        for (double c : coarse) {
            for (double log : new double[] {c - LOG_STEP, c + LOG_STEP}) {
                if (log >= LOG_MIN - 1e-9 && log <= LOG_MAX + 1e-9 && !tried.containsKey(log)) {
                    tried.put(log, error.apply(log));
                }
            }
        }
        return bestPerChannel(tried);
    }

    private static double[] bestPerChannel(Map<Double, double[]> tried) {
        double[] best = new double[3];
        double[] bestErr = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        tried.forEach((log, err) -> {
            for (int c = 0; c < 3; c++) {
                if (err[c] < bestErr[c]) {
                    bestErr[c] = err[c];
                    best[c] = log;
                }
            }
        });
        return best;
    }

    /** {@code pen} times {@code lambda}, a new array. */
    static double[] scaled(double[] pen, double lambda) {
        double[] out = new double[pen.length];
        for (int i = 0; i < pen.length; i++) {
            out[i] = pen[i] * lambda;
        }
        return out;
    }
}
