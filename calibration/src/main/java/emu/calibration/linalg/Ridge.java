package emu.calibration.linalg;

/**
 * Weighted ridge regression by the normal equations, (X'WX + lambda P) b = X'W y, solved by
 * Cholesky decomposition (Golub & Van Loan, "Matrix Computations", 4th ed., algorithm 4.2.1).
 * P is diagonal (a penalty factor per column, 0 for free ones), and lambda is relative to the mean
 * diagonal of X'WX so one setting means the same for differently scaled features.
 */
public final class Ridge {

    private Ridge() {}

    /**
     * The Gram matrix X'WX (p x p, row-major) of row-major n x p {@code x} with row weights {@code w}. The weighted
     * rows are taken four at a time ({@link #addFourRows}), so every sum is the row-by-row loop's to the bit at about
     * half its cost (bench/RESULTS.md issue 24 session 16).
     */
    public static double[] gram(double[] x, int n, int p, double[] w) {
        double[] g = new double[p * p];
        int[] rows = new int[4];
        double[] wt = new double[4];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            rows[m] = i * p;
            wt[m++] = wi;
            if (m == 4) {
                addFourRows(x, rows, wt, p, g, p);
                m = 0;
            }
        }
        for (int u = 0; u < m; u++) {
            addRow(x, rows[u], wt[u], p, g, p);
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                g[a * p + b] = g[b * p + a];
            }
        }
        return g;
    }

    /**
     * The upper triangle of the p x p block at the top left of {@code g} (row stride {@code stride}) += wt x x' for
     * the row of {@code x} that starts at {@code row}; zero terms skipped (they add nothing: no sum is ever -0.0).
     */
    public static void addRow(double[] x, int row, double wt, int p, double[] g, int stride) {
        for (int a = 0; a < p; a++) {
            double xa = wt * x[row + a];
            if (xa == 0) {
                continue;
            }
            int ga = a * stride;
            for (int b = a; b < p; b++) {
                g[ga + b] += xa * x[row + b];
            }
        }
    }

    /**
     * As {@link #addRow} for the four rows starting at {@code rows[0..3]} with weights {@code wt[0..3]}, with the very
     * sums of four addRow calls in that order: each element is loaded and stored once per four rows and gets their
     * terms in row order (a zero term, added or not, changes nothing). ChannelStep's normal equations use it too.
     */
    public static void addFourRows(double[] x, int[] rows, double[] wt, int p, double[] g, int stride) {
        int o0 = rows[0];
        int o1 = rows[1];
        int o2 = rows[2];
        int o3 = rows[3];
        for (int a = 0; a < p; a++) {
            double a0 = wt[0] * x[o0 + a];
            double a1 = wt[1] * x[o1 + a];
            double a2 = wt[2] * x[o2 + a];
            double a3 = wt[3] * x[o3 + a];
            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                continue;
            }
            int ga = a * stride;
            for (int b = a; b < p; b++) {
                double e = g[ga + b];
                e += a0 * x[o0 + b];
                e += a1 * x[o1 + b];
                e += a2 * x[o2 + b];
                e += a3 * x[o3 + b];
                g[ga + b] = e;
            }
        }
    }

    /** X'W y for each of {@code k} targets (y row-major n x k): result row-major p x k. */
    public static double[] moment(double[] x, int n, int p, double[] w, double[] y, int k) {
        double[] m = new double[p * k];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            for (int a = 0; a < p; a++) {
                double xa = wi * x[i * p + a];
                for (int c = 0; c < k; c++) {
                    m[a * k + c] += xa * y[i * k + c];
                }
            }
        }
        return m;
    }

    /**
     * Solves (G + lambda mean(diag G) P) B = M for B (p x k), P = diag(penalty).
     *
     * @throws IllegalStateException if the system is not positive definite even after a tiny jitter
     */
    public static double[] solve(double[] gram, double[] moment, int p, int k, double lambda, double[] penalty) {
        double meanDiag = 0;
        for (int a = 0; a < p; a++) {
            meanDiag += gram[a * p + a];
        }
        meanDiag = Math.max(meanDiag / p, 1e-300);
        double[] a = gram.clone();
        for (int i = 0; i < p; i++) {
            // A 1e-10 floor keeps collinear features (e.g. a constant illuminant column) solvable.
            a[i * p + i] += penalty[i] * lambda * meanDiag + 1e-10 * meanDiag;
        }
        cholesky(a, p);
        double[] b = new double[p * k];
        double[] col = new double[p];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < p; i++) {
                col[i] = moment[i * k + c];
            }
            for (int i = 0; i < p; i++) {
                double s = col[i];
                for (int j = 0; j < i; j++) {
                    s -= a[i * p + j] * col[j];
                }
                col[i] = s / a[i * p + i];
            }
            for (int i = p - 1; i >= 0; i--) {
                double s = col[i];
                for (int j = i + 1; j < p; j++) {
                    s -= a[j * p + i] * col[j];
                }
                col[i] = s / a[i * p + i];
            }
            for (int i = 0; i < p; i++) {
                b[i * k + c] = col[i];
            }
        }
        return b;
    }

    /**
     * Solves (G + S) B = M for B (p x k) with a full symmetric positive semi-definite penalty S
     * (row-major p x p, e.g. a spline's bending-energy matrix) already scaled by its lambda.
     *
     * @throws IllegalStateException if the system is not positive definite even after a tiny jitter
     */
    public static double[] solveFull(double[] gram, double[] moment, int p, int k, double[] penalty) {
        double[] a = new double[p * p];
        for (int i = 0; i < p * p; i++) {
            a[i] = gram[i] + penalty[i];
        }
        return solve(a, moment, p, k, 0, new double[p]); // solve() adds its 1e-10 jitter
    }

    /** In-place lower Cholesky factor of a symmetric positive definite p x p matrix. */
    private static void cholesky(double[] a, int p) {
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * p + k] * a[j * p + k];
            }
            if (!(d > 0)) {
                throw new IllegalStateException("normal equations not positive definite at column " + j
                        + "; increase the ridge");
            }
            d = Math.sqrt(d);
            a[j * p + j] = d;
            int jo = j * p;
            int i = j + 1;
            // Four rows against row j at once: each row's sum runs over k in the same order as the
            // one-row loop below (bit-identical factors), the four chains overlap and row j is read once
            // for four (1.3x faster at p = 404; the thin-plate spline with hundreds of knots spends most
            // of its fit here, bench/RESULTS.md issue 24 session 10).
            for (; i + 3 < p; i += 4) {
                int x0 = i * p;
                int x1 = x0 + p;
                int x2 = x1 + p;
                int x3 = x2 + p;
                double s0 = a[x0 + j];
                double s1 = a[x1 + j];
                double s2 = a[x2 + j];
                double s3 = a[x3 + j];
                for (int k = 0; k < j; k++) {
                    double r = a[jo + k];
                    s0 -= a[x0 + k] * r;
                    s1 -= a[x1 + k] * r;
                    s2 -= a[x2 + k] * r;
                    s3 -= a[x3 + k] * r;
                }
                a[x0 + j] = s0 / d;
                a[x1 + j] = s1 / d;
                a[x2 + j] = s2 / d;
                a[x3 + j] = s3 / d;
            }
            for (; i < p; i++) {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * p + k] * a[j * p + k];
                }
                a[i * p + j] = s / d;
            }
        }
    }
}
