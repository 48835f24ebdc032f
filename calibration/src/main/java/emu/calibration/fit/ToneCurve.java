package emu.calibration.fit;

import emu.calibration.linalg.Ridge;
import emu.calibration.io.Json;
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
     * The knot penalty's shape ({@link #termWeights}, {@link #addPenalty}): with {@code adaptive} the smoothing
     * above {@link #FLOOR} applies in proportion to each term's data support; with {@code taper} > 0 fully only
     * {@code taper} stops or more inside the data's exposure range, falling geometrically to {@link #FLOOR} at
     * its ends and past them; {@code order} 2 penalises second differences (straight lines are free), 3 third
     * differences (parabolas are free: a toe's or shoulder's bend is not straightened, and the knots past the
     * data continue it). Uniform second differences: as before any of these existed.
     */
    record Shape(boolean adaptive, double taper, int order) {
        static final Shape UNIFORM = new Shape(false, 0, 2);

        Shape {
            if (!(taper >= 0 && taper < 100)) {
                throw new IllegalArgumentException("smooth-taper must be 0..100 stops, got " + taper);
            }
            if (order != 2 && order != 3) {
                throw new IllegalArgumentException("smooth-order must be 2 or 3, got " + order);
            }
        }
    }

    /** Fits film = T(y) with smoothing {@code smooth} on second differences. */
    static ToneCurve fit(double[] y, double[] film, double smooth) {
        return fit(y, film, smooth, Shape.UNIFORM);
    }

    /** Fits film = T(y); {@code shape}: where the smoothing above {@link #FLOOR} applies ({@link #termWeights}). */
    static ToneCurve fit(double[] y, double[] film, double smooth, Shape shape) {
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
        addPenalty(g, k, 0, null, null, termWeights(smooth, y.length, count, shape, step), shape.order());
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

    /** The smoothing below which {@link Shape} leave the penalty uniform (the former default). */
    static final double FLOOR = 0.05;

    /**
     * The weight of each second difference j (knots j..j+2, {@code step} stops apart) for {@code n}
     * samples whose hat-basis support per knot is {@code support}: uniform {@link #penaltyWeight}; with
     * {@code shape.adaptive()} {@code FLOOR + (smooth - FLOOR) min(1, s_j / mean s)}, s_j the three knots'
     * support; with {@code shape.taper()} that smoothing s becomes {@code FLOOR (s / FLOOR)^min(1, d_j / taper)},
     * d_j the stops from the middle knot to the nearer end of the supported knots (0 past them).
     * Why: a stronger uniform penalty also straightens the sparse toe and shoulder ends and the
     * knots past the data, which decide the prediction beyond the trained exposures (bench/RESULTS.md,
     * issue 24 sessions 6 and 7); adaptive and tapered smoothing keep the former weight there.
     */
    static double[] termWeights(double smooth, int n, double[] support, Shape shape, double step) {
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
            double s = smooth;
            if (shape.adaptive() && mean > 0) {
                double local = support[j] + support[j + 1] + support[j + 2];
                s = floor + (smooth - floor) * Math.min(1, local / mean);
            }
            if (shape.taper() > 0 && first >= 0 && floor > 0) {
                double inside = Math.min(j + 1 - first, last - j - 1) * step;
                double t = Math.max(0, Math.min(1, inside / shape.taper()));
                // Geometric: smoothing values span decades, and a linear ramp is 10x the floor a quarter in.
                s = t < 1 ? floor * Math.pow(s / floor, t) : s;
            }
            out[j] = penaltyWeight(s, n, k);
        }
        return out;
    }

    /**
     * Adds the knot penalty sum_j kappa_j (D v)_j^2, D the {@code order}-th difference, to the normal equations
     * {@code a} (q x q) at rows/columns {@code base..base+k-1}; with {@code rhs} (a Newton step about knot values
     * {@code tau}) also its gradient. One helper for the tone-curve fit and both Levenberg-Marquardt steps.
     */
    static void addPenalty(double[] a, int q, int base, double[] rhs, double[] tau, double[] kappa, int order) {
        double[] d = order == 2 ? new double[] {1, -2, 1} : new double[] {-1, 3, -3, 1};
        int k = kappa.length + 2;
        for (int j = 0; j + order < k; j++) {
            if (rhs != null) {
                double dv = order == 2 ? tau[j] - 2 * tau[j + 1] + tau[j + 2]
                        : -tau[j] + 3 * tau[j + 1] - 3 * tau[j + 2] + tau[j + 3];
                for (int r = 0; r < d.length; r++) {
                    rhs[base + j + r] -= kappa[j] * d[r] * dv;
                }
            }
            for (int r = 0; r < d.length; r++) {
                for (int c = 0; c < d.length; c++) {
                    a[(base + j + r) * q + base + j + c] += kappa[j] * d[r] * d[c];
                }
            }
        }
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

    /** dT/dy at {@code y} (0 beyond the shape). */
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
