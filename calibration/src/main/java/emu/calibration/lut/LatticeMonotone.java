package emu.calibration.lut;

/**
 * Makes a baked lattice monotone in each channel's own input: along every lattice line in input
 * channel c, output c never falls (a brighter red never gives a darker red, however the fitted
 * model wiggles between the training readings).
 *
 * <p>Each line is replaced by its isotonic regression (pool adjacent violators: Barlow et al.
 * 1972, "Statistical inference under order restrictions"; Best &amp; Chakravarti 1990), the
 * least-squares closest non-decreasing sequence. Lines of output c along input c share no value
 * with each other, so the three passes are independent and the result is exact. The projection
 * onto a convex set is non-expansive, so if the truth along a line is non-decreasing, the line
 * moves no farther from it in the least-squares sense.
 */
public final class LatticeMonotone {

    private LatticeMonotone() {}

    /** The share of own-channel lattice steps that fall (output c lower at the next node in input c). */
    public static double fallingShare(Lut3D cube) {
        int n = cube.size();
        long steps = 0;
        long falls = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 1; k < n; k++) {
                        steps++;
                        falls += value(cube, c, i, j, k) < value(cube, c, i, j, k - 1) ? 1 : 0;
                    }
                }
            }
        }
        return (double) falls / steps;
    }

    /** {@code cube} with every own-channel line made non-decreasing (same size and domain). */
    public static Lut3D ownChannel(Lut3D cube) {
        int n = cube.size();
        return ownChannel(cube, new int[] {0, 0, 0}, new int[] {n - 1, n - 1, n - 1});
    }

    /**
     * {@code cube} with the own-channel lines made non-decreasing inside the index box {@code from..to}
     * (inclusive, per input channel); nodes outside it are left as baked.
     */
    public static Lut3D ownChannel(Lut3D cube, int[] from, int[] to) {
        int n = cube.size();
        float[] table = cube.table();
        double[] line = new double[n];
        double[] w = new double[n];
        double[] pooled = new double[n];
        int[] len = new int[n];
        for (int c = 0; c < 3; c++) {
            int u = c == 0 ? 1 : 0; // the other two inputs, in channel order
            int v = c == 2 ? 1 : 2;
            int m = to[c] - from[c] + 1;
            if (m < 2) {
                continue;
            }
            for (int i = from[u]; i <= to[u]; i++) {
                for (int j = from[v]; j <= to[v]; j++) {
                    double[] seg = m == n ? line : new double[m];
                    for (int k = 0; k < m; k++) {
                        seg[k] = table[offset(n, c, i, j, from[c] + k)];
                    }
                    isotonic(seg, w, pooled, len);
                    for (int k = 0; k < m; k++) {
                        table[offset(n, c, i, j, from[c] + k)] = (float) seg[k];
                    }
                }
            }
        }
        return new Lut3D(n, table, cube.domainMin(), cube.domainMax());
    }

    /** In place: the non-decreasing sequence closest to {@code y} in least squares (pool adjacent violators). */
    static void isotonic(double[] y, double[] w, double[] mean, int[] len) {
        int blocks = 0;
        for (double v : y) {
            mean[blocks] = v;
            w[blocks] = 1;
            len[blocks] = 1;
            blocks++;
            while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
                double sw = w[blocks - 2] + w[blocks - 1];
                mean[blocks - 2] = (w[blocks - 2] * mean[blocks - 2] + w[blocks - 1] * mean[blocks - 1]) / sw;
                w[blocks - 2] = sw;
                len[blocks - 2] += len[blocks - 1];
                blocks--;
            }
        }
        int at = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < len[b]; k++) {
                y[at++] = mean[b];
            }
        }
    }

    /** Output c at step k along input c, the other two inputs at lattice indices i and j (in channel order). */
    private static float value(Lut3D cube, int c, int i, int j, int k) {
        return switch (c) {
            case 0 -> cube.get(k, i, j, 0);
            case 1 -> cube.get(i, k, j, 1);
            default -> cube.get(i, j, k, 2);
        };
    }

    private static int offset(int n, int c, int i, int j, int k) {
        int r = c == 0 ? k : i;
        int g = c == 0 ? i : c == 1 ? k : j;
        int b = c == 2 ? k : j;
        return 3 * (r + n * (g + n * b)) + c;
    }
}
