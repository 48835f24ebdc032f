package emu.calibration.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ridge's normal equations: the Cholesky factor taken four rows at a time gives the one-row loop's bits. */
class RidgeTest {

    @Test
    void fourRowsAtATimeSolveBitForBitAsOneRowAtATime() {
        // p = 4 blocks of 4 + 3 left over after the diagonal, and more: every branch of the row loop.
        for (int p : new int[] {1, 5, 7, 13, 64}) {
            SplittableRandom r = new SplittableRandom(p);
            int n = 3 * p + 5;
            double[] x = new double[n * p];
            double[] y = new double[n * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextDouble() * 2 - 1;
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextDouble();
            }
            double[] g = Ridge.gram(x, n, p, null);
            double[] m = Ridge.moment(x, n, p, null, y, 2);
            double[] b = Ridge.solveFull(g, m, p, 2, new double[p * p]);
            assertArrayEquals(oneRowAtATime(g, m, p, 2), b, 0.0, "p = " + p);
            for (int a = 0; a < p; a++) { // and it solves the system
                for (int c = 0; c < 2; c++) {
                    double v = 0;
                    for (int t = 0; t < p; t++) {
                        v += g[a * p + t] * b[t * 2 + c];
                    }
                    assertEquals(m[a * 2 + c], v, 1e-8 * (1 + Math.abs(m[a * 2 + c])));
                }
            }
        }
    }

    /** Ridge.solve before issue 24 session 10 (Crout's lower Cholesky, one row per step), as the reference. */
    private static double[] oneRowAtATime(double[] gram, double[] moment, int p, int k) {
        double meanDiag = 0;
        for (int a = 0; a < p; a++) {
            meanDiag += gram[a * p + a];
        }
        meanDiag = Math.max(meanDiag / p, 1e-300);
        double[] a = gram.clone();
        for (int i = 0; i < p; i++) {
            a[i * p + i] += 1e-10 * meanDiag;
        }
        for (int j = 0; j < p; j++) {
            double d = a[j * p + j];
            for (int t = 0; t < j; t++) {
                d -= a[j * p + t] * a[j * p + t];
            }
            d = Math.sqrt(d);
            a[j * p + j] = d;
            for (int i = j + 1; i < p; i++) {
                double s = a[i * p + j];
                for (int t = 0; t < j; t++) {
                    s -= a[i * p + t] * a[j * p + t];
                }
                a[i * p + j] = s / d;
            }
        }
        double[] b = new double[p * k];
        for (int c = 0; c < k; c++) {
            double[] col = new double[p];
            for (int i = 0; i < p; i++) {
                double s = moment[i * k + c];
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
}
