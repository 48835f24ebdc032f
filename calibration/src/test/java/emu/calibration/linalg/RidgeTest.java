package emu.calibration.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ridge's normal equations: the Gram matrix summed four rows at a time and the Cholesky factor taken four rows at a
 * time give the one-row loops' bits (the fits resting on them must not move when they are made faster).
 */
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

    @Test
    void theGramMatrixFourRowsAtATimeIsTheRowByRowSumBitForBit() {
        // Zero weights (a held-out fold's rows), zero entries (one-hot terms), and row counts leaving 0..3 over.
        for (int n : new int[] {3, 8, 9, 10, 11, 57}) {
            SplittableRandom r = new SplittableRandom(n);
            int p = 11;
            double[] x = new double[n * p];
            double[] w = new double[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 2 - 1;
            }
            for (int i = 0; i < n; i++) {
                w[i] = r.nextInt(3) == 0 ? 0 : r.nextDouble();
            }
            for (double[] weights : new double[][] {null, w}) {
                double[] g = Ridge.gram(x, n, p, weights);
                double[] ref = new double[p * p];
                for (int i = 0; i < n; i++) { // the loop before session 16
                    double wi = weights == null ? 1 : weights[i];
                    for (int a = 0; a < p && wi != 0; a++) {
                        double xa = wi * x[i * p + a];
                        for (int b = a; b < p && xa != 0; b++) {
                            ref[a * p + b] += xa * x[i * p + b];
                        }
                    }
                }
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        double e = ref[Math.min(a, b) * p + Math.max(a, b)];
                        assertEquals(Double.doubleToRawLongBits(e), Double.doubleToRawLongBits(g[a * p + b]),
                                "n " + n + (weights == null ? "" : " weighted") + " element " + a + "," + b);
                    }
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
