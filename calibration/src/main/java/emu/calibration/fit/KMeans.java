package emu.calibration.fit;

import java.util.SplittableRandom;

/**
 * k-means centres for RBF fitters: k-means++ seeding (Arthur &amp; Vassilvitskii 2007) and Lloyd
 * iterations, deterministic for a seed.
 */
final class KMeans {

    private KMeans() {}

    /** {@code k} centres (row-major k x 3) of the row-major n x 3 {@code points}. */
    static double[] centres(double[] points, int k, long seed, int iterations) {
        int n = points.length / 3;
        k = Math.min(k, n);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[3 * k];
        int first = rnd.nextInt(n);
        System.arraycopy(points, 3 * first, c, 0, 3);
        double[] d2 = new double[n];
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], dist2(points, i, c, j - 1));
                total += d2[i];
            }
            double r = rnd.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                r -= d2[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            System.arraycopy(points, 3 * pick, c, 3 * j, 3);
        }
        int[] assign = new int[n];
        for (int it = 0; it < iterations; it++) {
            double[] sum = new double[3 * k];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double d = dist2(points, i, c, j);
                    if (d < bd) {
                        bd = d;
                        best = j;
                    }
                }
                assign[i] = best;
                count[best]++;
                for (int a = 0; a < 3; a++) {
                    sum[3 * best + a] += points[3 * i + a];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] > 0) {
                    for (int a = 0; a < 3; a++) {
                        c[3 * j + a] = sum[3 * j + a] / count[j];
                    }
                }
            }
        }
        return c;
    }

    private static double dist2(double[] p, int i, double[] c, int j) {
        double a = p[3 * i] - c[3 * j];
        double b = p[3 * i + 1] - c[3 * j + 1];
        double d = p[3 * i + 2] - c[3 * j + 2];
        return a * a + b * b + d * d;
    }
}
