package emu.calibration.chart;

import java.util.Arrays;

/**
 * A plane projective transform (3 x 3 matrix, row-major, acting on column vectors (x, y, 1)).
 * Fitted by the normalised direct linear transform with h33 = 1, least squares over all point
 * pairs (Hartley and Zisserman, Multiple View Geometry, 2nd ed., section 4.4.4, algorithm 4.2).
 */
public final class Homography {
    private final double[] h;

    private Homography(double[] h) {
        this.h = h;
    }

    /** The homography with this row-major matrix. */
    public static Homography of(double[] matrix) {
        if (matrix.length != 9) {
            throw new IllegalArgumentException("a homography needs 9 matrix entries, got " + matrix.length);
        }
        for (double v : matrix) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("homography entries must be finite: " + Arrays.toString(matrix));
            }
        }
        return new Homography(matrix.clone());
    }

    public static Homography scaling(double s) {
        return new Homography(new double[] {s, 0, 0, 0, s, 0, 0, 0, 1});
    }

    /**
     * The homography taking each {@code from[k]} to {@code to[k]} (exactly for 4 points in general
     * position, least squares for more).
     *
     * @throws IllegalArgumentException for fewer than 4 pairs or a degenerate (e.g. collinear) set
     */
    public static Homography fit(double[][] from, double[][] to) {
        int n = from.length;
        if (n != to.length || n < 4) {
            throw new IllegalArgumentException("a homography needs at least 4 point pairs, got " + n + " and " + to.length);
        }
        double[] tf = normaliser(from);
        double[] tt = normaliser(to);
        // normal equations A^T A h = A^T b of the 2n x 8 system (H&Z eq. 4.3 with h33 = 1)
        double[][] ata = new double[8][8];
        double[] atb = new double[8];
        double[] r = new double[8];
        for (int k = 0; k < n; k++) {
            double x = (from[k][0] - tf[0]) * tf[2];
            double y = (from[k][1] - tf[1]) * tf[2];
            double u = (to[k][0] - tt[0]) * tt[2];
            double v = (to[k][1] - tt[1]) * tt[2];
            double[][] rows = {{x, y, 1, 0, 0, 0, -u * x, -u * y}, {0, 0, 0, x, y, 1, -v * x, -v * y}};
            double[] rhs = {u, v};
            for (int e = 0; e < 2; e++) {
                System.arraycopy(rows[e], 0, r, 0, 8);
                for (int i = 0; i < 8; i++) {
                    atb[i] += r[i] * rhs[e];
                    for (int j = 0; j < 8; j++) {
                        ata[i][j] += r[i] * r[j];
                    }
                }
            }
        }
        double[] s = solve(ata, atb);
        if (s == null) {
            throw new IllegalArgumentException("points are degenerate (collinear or repeated): no homography fits them");
        }
        double[] hn = {s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], 1};
        // H = T_to^-1 * Hn * T_from
        double[] tFrom = {tf[2], 0, -tf[2] * tf[0], 0, tf[2], -tf[2] * tf[1], 0, 0, 1};
        double[] tToInv = {1 / tt[2], 0, tt[0], 0, 1 / tt[2], tt[1], 0, 0, 1};
        return Homography.of(normalise(multiply(tToInv, multiply(hn, tFrom))));
    }

    /** Centroid and the scale giving a mean distance of sqrt(2) from it (H&Z section 4.4.4). */
    private static double[] normaliser(double[][] p) {
        double cx = 0;
        double cy = 0;
        for (double[] q : p) {
            cx += q[0];
            cy += q[1];
        }
        cx /= p.length;
        cy /= p.length;
        double d = 0;
        for (double[] q : p) {
            d += Math.hypot(q[0] - cx, q[1] - cy);
        }
        d /= p.length;
        return new double[] {cx, cy, d > 0 ? Math.sqrt(2) / d : 1};
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(a[i][c]) > Math.abs(a[p][c])) {
                    p = i;
                }
            }
            if (Math.abs(a[p][c]) <= 1e-12 * scale) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double tb = b[c];
            b[c] = b[p];
            b[p] = tb;
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                for (int j = c; j < n; j++) {
                    a[i][j] -= f * a[c][j];
                }
                b[i] -= f * b[c];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < n; j++) {
                s -= a[i][j] * x[j];
            }
            x[i] = s / a[i][i];
        }
        return x;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    private static double[] normalise(double[] m) {
        double s = m[8] != 0 ? m[8] : 1;
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            r[i] = m[i] / s;
        }
        return r;
    }

    /** This transform followed by {@code next}. */
    public Homography then(Homography next) {
        return new Homography(normalise(multiply(next.h, h)));
    }

    public Homography inverse() {
        double[] m = h;
        double[] adj = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
        double det = m[0] * adj[0] + m[1] * adj[3] + m[2] * adj[6];
        if (Math.abs(det) < 1e-300) {
            throw new IllegalStateException("singular homography has no inverse");
        }
        return new Homography(normalise(adj));
    }

    /** The image of point (x, y). */
    public double[] map(double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }

    public double[][] map(double[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = map(points[i][0], points[i][1]);
        }
        return out;
    }

    /** The row-major matrix, scaled so that h33 = 1. */
    public double[] matrix() {
        return h.clone();
    }

    @Override
    public String toString() {
        return "Homography" + Arrays.toString(h);
    }
}
