package emu.calibration.spectral;

import emu.calibration.linalg.Ridge;
import java.util.Arrays;

/**
 * The small linear algebra of {@link SpectralCamera} and {@link SpectralFilm}: normal equations, the Whittaker
 * smoothness penalty (Eilers 2003), a non-negative solve (cyclic coordinate descent on the normal equations), and
 * the monotone curve from log exposure to film reading. From the session-7 bench study (its figures, bench/RESULTS.md
 * "unseen lights ...", depend on every operation's order; SpectralNormal, Curve.inverse's bracket keep it: same bits).
 */
final class SpectralAlgebra {
    static final int N = SpectralModel.N;

    private SpectralAlgebra() {}

    /** h += w k² a aᵀ, b += w k a t. */
    static void addOuter(double[][] h, double[] b, double[] a, double k, double w, double t) {
        for (int i = 0; i < a.length; i++) {
            double ai = w * k * a[i];
            b[i] += ai * t;
            for (int j = 0; j < a.length; j++) {
                h[i][j] += ai * k * a[j];
            }
        }
    }

    /** Second differences DᵀD (Whittaker smoother). */
    static double[][] penalty() {
        double[][] p = new double[N][N];
        for (int i = 0; i + 2 < N; i++) {
            double[] d = new double[N];
            d[i] = 1;
            d[i + 1] = -2;
            d[i + 2] = 1;
            addOuter(p, new double[N], d, 1, 1, 0);
        }
        return p;
    }

    /** h + lam · (tr h / tr p) · p: the smoothness weight relative to the data term. */
    static double[][] addPenalty(double[][] h, double[][] p, double lam) {
        double th = 0;
        double tp = 0;
        for (int i = 0; i < N; i++) {
            th += h[i][i];
            tp += p[i][i];
        }
        double k = lam * th / tp;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                h[i][j] += k * p[i][j];
            }
            h[i][i] += 1e-10 * th / N;
        }
        return h;
    }

    /** Solves h x = b (symmetric positive definite), or with {@code nonNeg} x ≥ 0 by cyclic coordinate descent. */
    static double[] solve(double[][] h, double[] b, boolean nonNeg) {
        int n = b.length;
        if (!nonNeg) {
            double[] g = new double[n * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(h[i], 0, g, i * n, n);
            }
            return Ridge.solveFull(g, b, n, 1, new double[n * n]);
        }
        double[] x = solve(h, b, false);
        for (int i = 0; i < n; i++) {
            x[i] = Math.max(0, x[i]);
        }
        for (int sweep = 0; sweep < 2000; sweep++) {
            double change = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double g = -b[i];
                for (int j = 0; j < n; j++) {
                    g += h[i][j] * x[j];
                }
                double next = Math.max(0, x[i] - g / h[i][i]);
                change = Math.max(change, Math.abs(next - x[i]));
                scale = Math.max(scale, Math.abs(next));
                x[i] = next;
            }
            if (change <= 1e-10 * scale) {
                break;
            }
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] times(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * b[i];
        }
        return out;
    }

    /** A monotone curve: c0 + Σ_k b_k σ((x − t_k) / h), b_k ≥ 0, knots spread over the data's range. */
    record Curve(double c0, double[] b, double[] t, double h) {
        static final int K = 16;

        static Curve fit(double[] x, double[] f) {
            double lo = Arrays.stream(x).min().orElse(0);
            double hi = Arrays.stream(x).max().orElse(1);
            double[] t = new double[K];
            for (int k = 0; k < K; k++) {
                t[k] = lo + (hi - lo) * (k + 0.5) / K;
            }
            double h = (hi - lo) / K;
            // c0 via a very large column of ones that is non-negative after shifting f by its minimum
            double fmin = Arrays.stream(f).min().orElse(0);
            double[][] hh = new double[K + 1][K + 1];
            double[] bb = new double[K + 1];
            double[] row = new double[K + 1];
            SpectralNormal ne = new SpectralNormal(hh, bb);
            for (int p = 0; p < x.length; p++) {
                row[0] = 1;
                for (int k = 0; k < K; k++) {
                    row[k + 1] = sig((x[p] - t[k]) / h);
                }
                ne.add(row, 1, 1, f[p] - fmin + 1);
            }
            ne.flush();
            for (int i = 0; i <= K; i++) {
                hh[i][i] += 1e-8 * (hh[i][i] + 1);
            }
            double[] sol = solve(hh, bb, true);
            return new Curve(sol[0] + fmin - 1, Arrays.copyOfRange(sol, 1, K + 1), t, h);
        }

        static double sig(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        double at(double x) {
            double s = c0;
            for (int k = 0; k < b.length; k++) {
                s += b[k] * sig((x - t[k]) / h);
            }
            return s;
        }

        double slope(double x) {
            double s = 0;
            for (int k = 0; k < b.length; k++) {
                double g = sig((x - t[k]) / h);
                s += b[k] * g * (1 - g) / h;
            }
            return s;
        }

        /**
         * x with at(x) = v, by bisection over the knots' range widened by 4 steps (clamped at its ends): 60 halvings,
         * each keeping the half where at(mid) &lt; v decides. at is non-decreasing in floating point too when b ≥ 0 and
         * h &gt; 0 (Math.exp is semi-monotonic, rounding is monotone), so a point known below (at &lt; v) or above (at ≥ v)
         * decides every midpoint beyond it without a call: {@link #bracket} looks for two such points ulps apart from
         * {@code guess}, and the bisection visits and returns exactly what it did with a call per midpoint.
         */
        double inverse(double v, double guess) {
            double lo = t[0] - 4 * h;
            double hi = t[t.length - 1] + 4 * h;
            double[] known = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}; // below, above
            if (monotone() && v == v) {
                bracket(v, guess >= lo && guess <= hi ? guess : 0.5 * (lo + hi), lo, hi, known);
            }
            for (int i = 0; i < 60; i++) {
                double mid = 0.5 * (lo + hi);
                boolean less;
                if (mid <= known[0] || mid >= known[1]) { // decided by monotonicity (or the very point, visited again)
                    less = mid <= known[0];
                } else {
                    less = at(mid) < v;
                    known[less ? 0 : 1] = mid;
                }
                if (less) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }

        /** Whether at is non-decreasing in floating point: finite, b ≥ 0, h &gt; 0. */
        private boolean monotone() {
            boolean ok = h > 0 && h < Double.POSITIVE_INFINITY && Double.isFinite(c0);
            for (int k = 0; k < b.length && ok; k++) {
                ok = b[k] >= 0 && b[k] < Double.POSITIVE_INFINITY && Double.isFinite(t[k]);
            }
            return ok;
        }

        /**
         * Narrows known[0] (at &lt; v) and known[1] (at ≥ v) about at⁻¹(v) within [lo, hi] from x: Newton steps kept
         * inside what is known (the ends at most), then steps of growing ulps past the root. Only speed depends on it.
         */
        private void bracket(double v, double x, double lo, double hi, double[] known) {
            double[] slope = new double[1];
            double probe = 0;
            for (int it = 0; it < 16; it++) {
                double f = at(x, slope) - v;
                known[f < 0 ? 0 : 1] = f < 0 ? Math.max(known[0], x) : Math.min(known[1], x);
                double a = Math.max(known[0], lo);
                double z = Math.min(known[1], hi);
                if (known[0] >= hi || known[1] <= lo || Math.nextUp(a) >= z) {
                    return; // every midpoint decided
                }
                double next = x - f / slope[0];
                if (Math.abs(next - x) <= Math.ulp(x)) { // converged: cross the root
                    probe = probe == 0 ? Math.ulp(x) : 2 * probe;
                    next = f < 0 ? x + probe : x - probe;
                }
                x = next > a && next < z ? next
                        : next <= lo && known[0] < lo ? lo : next >= hi && known[1] > hi ? hi : 0.5 * (a + z);
            }
        }

        /** at(x), the very same operations, and its slope in {@code slope[0]}. */
        private double at(double x, double[] slope) {
            double s = c0;
            double d = 0;
            for (int k = 0; k < b.length; k++) {
                double g = sig((x - t[k]) / h);
                s += b[k] * g;
                d += b[k] * g * (1 - g);
            }
            slope[0] = d / h;
            return s;
        }
    }
}
