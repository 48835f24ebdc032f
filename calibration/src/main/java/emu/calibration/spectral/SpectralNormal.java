package emu.calibration.spectral;

/**
 * Normal equations h += w k² a aᵀ, b += w k a t over many rows a, as {@link SpectralAlgebra#addOuter} row by row and
 * with the very same sums (each element's terms added in row order, each term's factors in the same order), but eight
 * rows at a time: each element of h is loaded and stored once per eight rows (81 × 81 doubles do not stay in L1; 8
 * measured ~4% faster than 4). Call {@link #flush} before reading h or b. Checked by SpectralAlgebraTest.
 */
final class SpectralNormal {
    private static final int B = 8;

    private final double[][] h;
    private final double[] b;
    private final double[][] a;
    private final double[][] c;
    private final double[] k = new double[B];
    private final double[] t = new double[B];
    private int m;

    SpectralNormal(double[][] h, double[] b) {
        this.h = h;
        this.b = b;
        a = new double[B][b.length];
        c = new double[B][b.length];
    }

    /** Adds w k² row rowᵀ to h and w k row t to b (row is copied: the caller may reuse it). */
    void add(double[] row, double k, double w, double t) {
        double[] cm = c[m];
        for (int i = 0; i < row.length; i++) {
            cm[i] = w * k * row[i]; // addOuter's ai
        }
        System.arraycopy(row, 0, a[m], 0, row.length);
        this.k[m] = k;
        this.t[m] = t;
        if (++m == B) {
            flush();
        }
    }

    /** Adds the rows still buffered. */
    void flush() {
        int n = b.length;
        if (m == B) {
            double[] a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];
            for (int i = 0; i < n; i++) {
                double p0 = c[0][i], p1 = c[1][i], p2 = c[2][i], p3 = c[3][i];
                double p4 = c[4][i], p5 = c[5][i], p6 = c[6][i], p7 = c[7][i];
                b[i] = b[i] + p0 * t[0] + p1 * t[1] + p2 * t[2] + p3 * t[3] + p4 * t[4] + p5 * t[5] + p6 * t[6] + p7 * t[7];
                double q0 = p0 * k[0], q1 = p1 * k[1], q2 = p2 * k[2], q3 = p3 * k[3];
                double q4 = p4 * k[4], q5 = p5 * k[5], q6 = p6 * k[6], q7 = p7 * k[7];
                double[] hi = h[i];
                for (int j = 0; j < n; j++) {
                    hi[j] = hi[j] + q0 * a0[j] + q1 * a1[j] + q2 * a2[j] + q3 * a3[j] + q4 * a4[j] + q5 * a5[j] + q6 * a6[j]
                            + q7 * a7[j];
                }
            }
        } else {
            for (int r = 0; r < m; r++) {
                for (int i = 0; i < n; i++) {
                    b[i] += c[r][i] * t[r];
                    double q = c[r][i] * k[r];
                    for (int j = 0; j < n; j++) {
                        h[i][j] += q * a[r][j];
                    }
                }
            }
        }
        m = 0;
    }
}
