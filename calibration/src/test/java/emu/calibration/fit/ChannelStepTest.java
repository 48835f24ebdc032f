package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ChannelStep} accumulates the normal equations a block of pairs at a time for speed; the models it fits must
 * stay those of the pair-by-pair loop it replaced (session 16), bit for bit, so the selection's figures and exported
 * LUTs do not move. The reference below is that loop as it was.
 */
class ChannelStepTest {

    @Test
    void theBlockedNormalEquationsAreThePairByPairOnesBitForBit() {
        // Dense rows (a global polynomial with chromaticity terms) and rows with zero runs (hybrid's per-light terms),
        // pair counts that leave a part block at the end and one that does not.
        for (int n : new int[] {4 * ChannelStep.BLOCK, 4 * ChannelStep.BLOCK + 3, 101}) {
            for (boolean sparse : new boolean[] {false, true}) {
                Random rnd = new Random(n * 31L + (sparse ? 1 : 0));
                int w = 17;
                double[] x = new double[n * w];
                for (int i = 0; i < n; i++) {
                    int light = rnd.nextInt(3);
                    for (int t = 0; t < w; t++) {
                        boolean zero = sparse && t >= 8 && (t - 8) / 3 != light;
                        x[i * w + t] = zero ? 0 : rnd.nextGaussian();
                    }
                }
                double[] v = new double[3 * n];
                double[] y = new double[3 * n];
                double[] film = new double[3 * n];
                for (int i = 0; i < 3 * n; i++) {
                    y[i] = -4 + 8 * rnd.nextDouble();
                    v[i] = y[i];
                    film[i] = rnd.nextDouble();
                }
                double[] knots = new double[12];
                for (int j = 0; j < knots.length; j++) {
                    knots[j] = 0.05 + 0.08 * j + 0.01 * rnd.nextDouble();
                }
                ToneCurve tone = new ToneCurve(-4.5, 0.8, knots);
                int q = w + knots.length;
                for (int c = 0; c < 3; c++) {
                    double[] a = new double[q * q];
                    double[] rhs = new double[q];
                    double[] support = new double[knots.length];
                    ChannelStep.normalEquations(c, tone, false, x, n, w, v, y, film, a, rhs, support);
                    double[] ra = new double[q * q];
                    double[] rr = new double[q];
                    double[] rs = new double[knots.length];
                    pairByPair(c, tone, x, n, w, y, film, ra, rr, rs);
                    String what = "n " + n + (sparse ? " sparse" : " dense") + " channel " + c;
                    assertArrayEquals(bits(ra), bits(a), what + ": normal matrix");
                    assertArrayEquals(bits(rr), bits(rhs), what + ": right-hand side");
                    assertArrayEquals(bits(rs), bits(support), what + ": knot support");
                }
            }
        }
    }

    /** The loop ChannelStep replaced (BasisFitter.jointStep before session 16), log domain (stopsPerUnit 1). */
    private static void pairByPair(int c, ToneCurve tone, double[] x, int n, int w, double[] y, double[] film,
                                   double[] a, double[] rhs, double[] support) {
        int k = tone.knots();
        int q = w + k;
        double[] gx = new double[w];
        for (int i = 0; i < n; i++) {
            double yi = y[3 * i + c];
            double g = tone.slope(yi);
            double r = film[3 * i + c] - tone.apply(yi);
            double pos = tone.position(yi);
            int j = Math.min(k - 2, (int) pos);
            double f = pos - j;
            support[j] += 1 - f;
            support[j + 1] += f;
            for (int t = 0; t < w; t++) {
                gx[t] = g * x[i * w + t];
            }
            for (int s1 = 0; s1 < w; s1++) {
                double gs = gx[s1];
                if (gs == 0) {
                    continue;
                }
                int row = s1 * q;
                for (int s2 = s1; s2 < w; s2++) {
                    a[row + s2] += gs * gx[s2];
                }
                a[row + w + j] += gs * (1 - f);
                a[row + w + j + 1] += gs * f;
                rhs[s1] += gs * r;
            }
            int rj = (w + j) * q;
            a[rj + w + j] += (1 - f) * (1 - f);
            a[rj + w + j + 1] += (1 - f) * f;
            a[(w + j + 1) * q + w + j + 1] += f * f;
            rhs[w + j] += (1 - f) * r;
            rhs[w + j + 1] += f * r;
        }
        for (int r1 = 0; r1 < q; r1++) {
            for (int r2 = 0; r2 < r1; r2++) {
                a[r1 * q + r2] = a[r2 * q + r1];
            }
        }
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToRawLongBits(v[i]);
        }
        return out;
    }
}
