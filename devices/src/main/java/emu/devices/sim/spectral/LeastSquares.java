package emu.devices.sim.spectral;

/**
 * Small dense least squares by the normal equations and Gaussian elimination with partial
 * pivoting (Golub & Van Loan, Matrix Computations, 4th ed., §5.3.1 and §3.4): enough for the
 * few-parameter fits the simulators calibrate themselves with.
 */
public final class LeastSquares {
    private LeastSquares() {}

    /**
     * The {@code x} minimising |A x − b|² for {@code a} of {@code rows x cols} (row-major).
     *
     * @throws IllegalArgumentException if the normal matrix is singular
     */
    public static double[] solve(double[][] a, double[] b) {
        int n = a[0].length;
        double[][] m = new double[n][n + 1];
        for (int r = 0; r < a.length; r++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    m[i][j] += a[r][i] * a[r][j];
                }
                m[i][n] += a[r][i] * b[r];
            }
        }
        return gauss(m);
    }

    /** Solves the square augmented system {@code m = [A | b]} in place. */
    static double[] gauss(double[][] m) {
        int n = m.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(m[p][c]) < 1e-300) {
                throw new IllegalArgumentException("singular least-squares system (column " + c + ")");
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
