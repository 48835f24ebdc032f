package emu.calibration.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths of SpectralAlgebra give the very bits of the plain loops they replace. */
class SpectralAlgebraTest {
    /** The bisection as it was: a call of at per midpoint. */
    static double plainInverse(SpectralAlgebra.Curve c, double v) {
        double lo = c.t()[0] - 4 * c.h();
        double hi = c.t()[c.t().length - 1] + 4 * c.h();
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (c.at(mid) < v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    @Test
    void inverseVisitsWhatThePlainBisectionVisits() {
        Random r = new Random(7);
        for (int n = 0; n < 300; n++) {
            int k = SpectralAlgebra.Curve.K;
            double[] t = new double[k];
            double[] b = new double[k];
            double lo = r.nextGaussian() * 5;
            double h = n % 50 == 0 ? 1e-3 : 0.1 + r.nextDouble();
            for (int i = 0; i < k; i++) {
                t[i] = lo + h * (i + 0.5);
                b[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * (n % 7 == 0 ? 1e-9 : 0.2); // zeros and flat curves
            }
            if (n % 40 == 1) {
                b[3] = -0.1; // not monotone: the plain bisection
            }
            SpectralAlgebra.Curve c = new SpectralAlgebra.Curve(r.nextGaussian(), b, t, h);
            double top = c.at(t[k - 1] + 4 * h);
            double bottom = c.at(t[0] - 4 * h);
            for (int m = 0; m < 40; m++) {
                double v = bottom + (top - bottom) * (r.nextDouble() * 1.2 - 0.1); // some outside the range
                double x = plainInverse(c, v);
                double guess = m % 5 == 0 ? Double.NaN : m % 5 == 1 ? 1e300 : m % 5 == 2 ? x // anywhere, or near the answer
                        : x + r.nextGaussian() * Math.pow(10, -r.nextInt(16));
                assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(c.inverse(v, guess)),
                        "curve " + n + ", v " + v + ", guess " + guess);
            }
            assertEquals(plainInverse(c, bottom), c.inverse(bottom, 0)); // at's very values, ends included
            assertEquals(plainInverse(c, top), c.inverse(top, 0));
            assertEquals(plainInverse(c, c.at(t[5])), c.inverse(c.at(t[5]), t[5]));
        }
    }

    @Test
    void normalEquationsAddUpAsRowByRow() {
        Random r = new Random(11);
        for (int rows : new int[] {1, 7, 8, 9, 100}) {
            int n = SpectralModel.N;
            double[][] h0 = new double[n][n];
            double[] b0 = new double[n];
            double[][] h1 = new double[n][n];
            double[] b1 = new double[n];
            SpectralNormal ne = new SpectralNormal(h1, b1);
            double[] row = new double[n];
            for (int p = 0; p < rows; p++) {
                for (int i = 0; i < n; i++) {
                    row[i] = r.nextGaussian() * Math.exp(r.nextGaussian() * 3);
                }
                double k = Math.exp(r.nextGaussian() * 2);
                double w = r.nextDouble();
                double t = r.nextGaussian();
                SpectralAlgebra.addOuter(h0, b0, row, k, w, t);
                ne.add(row, k, w, t); // the same array refilled: SpectralNormal must copy it
            }
            ne.flush();
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(b0[i]), Double.doubleToRawLongBits(b1[i]), rows + " rows, b " + i);
                for (int j = 0; j < n; j++) {
                    assertEquals(Double.doubleToRawLongBits(h0[i][j]), Double.doubleToRawLongBits(h1[i][j]),
                            rows + " rows, h " + i + " " + j);
                }
            }
        }
    }
}
