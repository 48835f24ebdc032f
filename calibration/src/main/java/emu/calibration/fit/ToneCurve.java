package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A film channel's characteristic curve: film value as a monotone, piecewise-linear function of
 * log exposure (stops), flat beyond its ends as a film's toe and shoulder are.
 *
 * <p>Fitted as a penalised spline (P-spline, Eilers &amp; Marx 1996, "Flexible smoothing with
 * B-splines and penalties", Stat. Sci. 11(2)) of degree 1 on uniform knots: least squares plus
 * a second-difference penalty, then made non-decreasing by pool-adjacent-violators (Barlow et
 * al. 1972) on the knot values, because film density never falls as exposure rises, and held
 * in 0..1, the scan's code range (DESIGN.md pairs contract): with film values pinned at 0 or 1
 * the unconstrained end knots overshoot (a prediction of -0.46 seen on an extreme input).
 */
final class ToneCurve {

    private static final double SPACING = 0.25;
    private static final int MAX_KNOTS = 96;

    private final double start;
    private final double step;
    private final double[] values;

    ToneCurve(double start, double step, double[] values) {
        this.start = start;
        this.step = step;
        this.values = values;
    }

    /**
     * Where the smoothing above {@link #FLOOR} applies ({@link #termWeights}): with {@code adaptive} in
     * proportion to each second difference's data support; with {@code taper} > 0 fully only
     * {@code taper} stops or more inside the data's exposure range, falling linearly to {@link #FLOOR}
     * at its ends and past them. Both off: uniform, as before either existed.
     */
    record Ends(boolean adaptive, double taper) {
        static final Ends UNIFORM = new Ends(false, 0);

        Ends {
            if (!(taper >= 0 && taper < 100)) {
                throw new IllegalArgumentException("smooth-taper must be 0..100 stops, got " + taper);
            }
        }
    }

    /** Fits film = T(y) with smoothing {@code smooth} on second differences. */
    static ToneCurve fit(double[] y, double[] film, double smooth) {
        return fit(y, film, smooth, Ends.UNIFORM);
    }

    /** Fits film = T(y); {@code ends}: where the smoothing above {@link #FLOOR} applies ({@link #termWeights}). */
    static ToneCurve fit(double[] y, double[] film, double smooth, Ends ends) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        lo -= 0.5;
        hi += 0.5;
        int k = (int) Math.min(MAX_KNOTS, Math.max(4, Math.ceil((hi - lo) / SPACING) + 1));
        double step = (hi - lo) / (k - 1);
        // Banded normal equations of the hat basis: at most two non-zero basis values per sample.
        double[] g = new double[k * k];
        double[] m = new double[k];
        double[] count = new double[k];
        for (int i = 0; i < y.length; i++) {
            double t = (y[i] - lo) / step;
            int j = Math.min(k - 2, Math.max(0, (int) Math.floor(t)));
            double f = t - j;
            double a = 1 - f;
            g[j * k + j] += a * a;
            g[j * k + j + 1] += a * f;
            g[(j + 1) * k + j] += a * f;
            g[(j + 1) * k + j + 1] += f * f;
            m[j] += a * film[i];
            m[j + 1] += f * film[i];
            count[j] += a;
            count[j + 1] += f;
        }
        double[] kappa = termWeights(smooth, y.length, count, ends, step);
        for (int j = 0; j + 2 < k; j++) {
            int[] idx = {j, j + 1, j + 2};
            double[] d = {1, -2, 1};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    g[idx[r] * k + idx[c]] += kappa[j] * d[r] * d[c];
                }
            }
        }
        double[] pen = new double[k];
        java.util.Arrays.fill(pen, 1);
        double[] v = Ridge.solve(g, m, k, 1, 1e-9, pen);
        return new ToneCurve(lo, step, clampToScanRange(pav(v, count)));
    }

    /** Knot values held in 0..1; a clamp keeps a non-decreasing sequence non-decreasing. */
    private static double[] clampToScanRange(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(1, Math.max(0, v[i]));
        }
        return v;
    }

    /** Pool-adjacent-violators: the closest non-decreasing sequence, weighted by data support. */
    private static double[] pav(double[] v, double[] support) {
        int n = v.length;
        double[] val = new double[n];
        double[] wt = new double[n];
        int[] len = new int[n];
        int top = 0;
        for (int i = 0; i < n; i++) {
            val[top] = v[i];
            wt[top] = Math.max(support[i], 1e-3);
            len[top] = 1;
            while (top > 0 && val[top - 1] > val[top]) {
                double w = wt[top - 1] + wt[top];
                val[top - 1] = (val[top - 1] * wt[top - 1] + val[top] * wt[top]) / w;
                wt[top - 1] = w;
                len[top - 1] += len[top];
                top--;
            }
            top++;
        }
        double[] out = new double[n];
        int o = 0;
        for (int b = 0; b < top; b++) {
            for (int r = 0; r < len[b]; r++) {
                out[o++] = val[b];
            }
        }
        return out;
    }

    int knots() {
        return values.length;
    }

    /** Stops between knots. */
    double step() {
        return step;
    }

    /** Knot index j and fraction f with T(y) = (1 - f) v[j] + f v[j+1], clamped at the ends. */
    double position(double y) {
        double t = (y - start) / step;
        return Math.max(0, Math.min(values.length - 1, t));
    }

    /** The same knots with new values, made non-decreasing. */
    ToneCurve withValues(double[] v, double[] support) {
        return new ToneCurve(start, step, clampToScanRange(pav(v, support)));
    }

    double[] values() {
        return values.clone();
    }

    /** The smoothing below which {@link Ends} leave the penalty uniform (the former default). */
    static final double FLOOR = 0.05;

    /**
     * The weight of each second difference j (knots j..j+2, {@code step} stops apart) for {@code n}
     * samples whose hat-basis support per knot is {@code support}: uniform {@link #penaltyWeight}; with
     * {@code ends.adaptive()} {@code FLOOR + (smooth - FLOOR) min(1, s_j / mean s)}, s_j the three knots'
     * support; with {@code ends.taper()} also times {@code min(1, d_j / taper)}, d_j the stops from the
     * middle knot to the nearer end of the supported knots (0 past them).
     * Why: a stronger uniform penalty also straightens the sparse toe and shoulder ends and the
     * knots past the data, which decide the prediction beyond the trained exposures (bench/RESULTS.md,
     * issue 24 sessions 6 and 7); adaptive and tapered smoothing keep the former weight there.
     */
    static double[] termWeights(double smooth, int n, double[] support, Ends ends, double step) {
        int k = support.length;
        double[] out = new double[Math.max(0, k - 2)];
        double mean = 0;
        int first = -1;
        int last = -1;
        for (int j = 0; j < k; j++) {
            if (support[j] > 0) {
                first = first < 0 ? j : first;
                last = j;
            }
        }
        for (int j = 0; j + 2 < k; j++) {
            mean += support[j] + support[j + 1] + support[j + 2];
        }
        mean /= Math.max(1, k - 2);
        double floor = Math.min(FLOOR, smooth);
        for (int j = 0; j + 2 < k; j++) {
            double share = 1;
            if (ends.adaptive() && mean > 0) {
                share = Math.min(1, (support[j] + support[j + 1] + support[j + 2]) / mean);
            }
            if (ends.taper() > 0 && first >= 0) {
                double inside = Math.min(j + 1 - first, last - j - 1) * step;
                share *= Math.max(0, Math.min(1, inside / ends.taper()));
            }
            out[j] = penaltyWeight(share == 1 ? smooth : floor + (smooth - floor) * share, n, k);
        }
        return out;
    }

    /** The second-difference penalty weight {@link #fit} uses for {@code n} samples. */
    static double penaltyWeight(double smooth, int n, int knots) {
        return smooth * Math.max(1, n / (double) knots);
    }

    double apply(double y) {
        double t = (y - start) / step;
        if (t <= 0) {
            return values[0];
        }
        if (t >= values.length - 1) {
            return values[values.length - 1];
        }
        int j = (int) t;
        double f = t - j;
        return values[j] * (1 - f) + values[j + 1] * f;
    }

    /** dT/dy at {@code y} (0 beyond the ends). */
    double slope(double y) {
        double t = (y - start) / step;
        if (t <= 0 || t >= values.length - 1) {
            return 0;
        }
        int j = (int) t;
        return (values[j + 1] - values[j]) / step;
    }

    /** A y with T(y) = v: the ends beyond the range, the middle of a flat run. */
    double inverse(double v) {
        int n = values.length;
        if (v <= values[0]) {
            return start;
        }
        if (v >= values[n - 1]) {
            return start + (n - 1) * step;
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double d = values[hi] - values[lo];
        double f = d > 0 ? (v - values[lo]) / d : 0.5;
        return start + (lo + f) * step;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("start", start);
        o.put("step", step);
        Json.putArray(o, "values", values);
        return o;
    }

    static ToneCurve fromJson(JsonNode o) {
        return new ToneCurve(o.get("start").asDouble(), o.get("step").asDouble(), Json.doubles(o.get("values")));
    }
}
