package emu.calibration.fit;

/**
 * How {@link GridFitter} picks lambda from its cross-validation curve (option {@code lambda}, when not a number):
 * absent, the curve's minimum (the default); {@code 1se}, the smoothest lambda whose CV error is within one standard
 * error of the minimum's (Hastie, Tibshirani and Friedman, The Elements of Statistical Learning, 7.10: the standard
 * error from the spread of the per-fold mean errors, sd / sqrt(folds)); {@code xN}, the minimum's lambda times
 * {@code N} (N > 0; e.g. x10 one decade smoother). Chart-patch CV rewards fitting the chart's reflectances; these
 * lean smoother for reflectances unlike the chart (bench/RESULTS.md, issue 24 session 13, helper gridlam).
 */
final class GridLambda {

    /** The rule named by {@code lambda}, or null when {@code lambda} is a fixed number (GridFitter checks it). */
    static GridLambda of(FitOptions options) {
        String v = options.text("lambda", null);
        if (v == null) {
            return new GridLambda(false, 1);
        }
        if (v.equals("1se")) {
            return new GridLambda(true, 1);
        }
        if (!v.startsWith("x")) {
            return null;
        }
        double f;
        try {
            f = Double.parseDouble(v.substring(1));
        } catch (NumberFormatException e) {
            f = Double.NaN;
        }
        if (!(f > 0 && Double.isFinite(f))) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': lambda must be > 0, 1se or xN"
                    + " (N > 0), got " + v);
        }
        return new GridLambda(false, f);
    }

    private final boolean oneSe;
    private final double factor;

    private GridLambda(boolean oneSe, double factor) {
        this.oneSe = oneSe;
        this.factor = factor;
    }

    /**
     * log10 lambda for one channel. {@code logs}: the candidates, smoothest first; {@code err[l]}: the pooled
     * (weighted) squared held-out error of candidate l; {@code foldErr[l][f]} the same within fold f, which holds
     * {@code foldN[f]} readings.
     */
    double choose(double[] logs, double[] err, double[][] foldErr, int[] foldN) {
        int b = 0;
        for (int l = 1; l < logs.length; l++) {
            b = err[l] < err[b] ? l : b;
        }
        if (!oneSe) {
            return factor == 1 ? logs[b] : logs[b] + Math.log10(factor);
        }
        int k = foldN.length;
        double mean = 0;
        double[] m = new double[k];
        for (int f = 0; f < k; f++) {
            m[f] = foldErr[b][f] / Math.max(foldN[f], 1);
            mean += m[f] / k;
        }
        double ss = 0;
        for (int f = 0; f < k; f++) {
            ss += (m[f] - mean) * (m[f] - mean);
        }
        double se = Math.sqrt(ss / (k - 1) / k);
        int total = 0;
        for (int f = 0; f < k; f++) {
            total += foldN[f];
        }
        double limit = err[b] / total + se;
        for (int l = 0; l < b; l++) {
            if (err[l] / total <= limit) {
                return logs[l];
            }
        }
        return logs[b];
    }
}
