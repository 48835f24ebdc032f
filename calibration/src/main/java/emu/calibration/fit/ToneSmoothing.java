package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.Map;

/**
 * Chooses the tone curves' smoothing ({@link ToneCurve#fit}'s second-difference weight) from the
 * data: K-fold cross-validation grouped by patch (a patch never both fits and scores a value, as
 * in {@link ModelSelection}) of the three channels' tone curves refitted on a fixed colour stage's
 * exposures, the value with the least held-out squared film error summed over the channels.
 *
 * <p>Why around the fit rather than inside it: with the colour stage held, a tone curve is a
 * banded least-squares fit of at most 96 knots, so the whole grid costs a few milliseconds, while
 * cross-validating the joint Levenberg-Marquardt fit would multiply its cost by folds x grid.
 * {@link BasisFitter} fits once with {@link #START}, chooses here on that fit's exposures,
 * and continues its iterations from there with the chosen value (a warm start) when it differs.
 * One value per model (not per channel) keeps the Levenberg-Marquardt step's single smoothing.
 * Training-side evidence for the grid: bench/RESULTS.md, "Issue 24, session 6: smoothing chosen by
 * the data".
 */
final class ToneSmoothing {

    /** The smoothing values tried, weakest first. */
    static final double[] GRID = {0.05, 0.2, 1, 5};

    /**
     * The first fit's smoothing: the best fixed value on the four bench stocks' patch CV (bench/RESULTS.md),
     * so the usual choices need no or few more iterations.
     */
    static final double START = 1;

    private ToneSmoothing() {}

    /**
     * The grid value with the least patch-grouped CV error of the tone curves fitted on exposures
     * {@code y} (stops, n x 3 row-major) to {@code film}; {@code fallback} when there are fewer than
     * two patches to hold out; {@code shape} as in {@link ToneCurve#fit(double[], double[], double, ToneCurve.Shape)}.
     */
    static double choose(PairSet pairs, double[] y, double[] film, int folds, long seed, double fallback,
                         ToneCurve.Shape shape) {
        int k = Math.min(folds, pairs.patches().size());
        if (k < 2) {
            return fallback;
        }
        int n = pairs.size();
        Map<String, Integer> foldOf = ModelSelection.folds(pairs.patches(), k, seed);
        int[] fold = new int[n];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            fold[i] = foldOf.get(pairs.get(i).patch());
            count[fold[i]]++;
        }
        double[] err = new double[GRID.length];
        for (int f = 0; f < k; f++) {
            int m = n - count[f];
            if (m < 4 || count[f] == 0) {
                continue;
            }
            double[] yt = new double[m];
            double[] ft = new double[m];
            for (int c = 0; c < 3; c++) {
                int o = 0;
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) {
                        yt[o] = y[3 * i + c];
                        ft[o++] = film[3 * i + c];
                    }
                }
                for (int g = 0; g < GRID.length; g++) {
                    ToneCurve t = ToneCurve.fit(yt, ft, GRID[g], shape);
                    for (int i = 0; i < n; i++) {
                        if (fold[i] == f) {
                            double d = t.apply(y[3 * i + c]) - film[3 * i + c];
                            err[g] += d * d;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int g = 1; g < GRID.length; g++) {
            if (err[g] < err[best]) {
                best = g;
            }
        }
        return GRID[best];
    }
}
