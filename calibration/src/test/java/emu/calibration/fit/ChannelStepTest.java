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

    /**
     * The normal equations by their definition, element by element, each element's terms in pair order: what the
     * pair-by-pair loop ChannelStep replaced (BasisFitter.jointStep before session 16) summed, log domain
     * (stopsPerUnit 1). That loop skipped pairs whose term was a zero product, which adds nothing.
     */
    private static void pairByPair(int c, ToneCurve tone, double[] x, int n, int w, double[] y, double[] film,
                                   double[] a, double[] rhs, double[] support) {
        int k = tone.knots();
        int q = w + k;
        double[] gx = new double[n * w];
        double[] r = new double[n];
        int[] j = new int[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double yi = y[3 * i + c];
            double pos = tone.position(yi);
            r[i] = film[3 * i + c] - tone.apply(yi);
            j[i] = Math.min(k - 2, (int) pos);
            f[i] = pos - j[i];
            for (int t = 0; t < w; t++) {
                gx[i * w + t] = tone.slope(yi) * x[i * w + t];
            }
        }
        for (int u = 0; u < q; u++) { // row u of J'J and of J'r, then its mirror
            for (int v = u; v < q; v++) {
                double e = 0;
                for (int i = 0; i < n; i++) {
                    double ju = u < w ? gx[i * w + u] : weight(u - w, j[i], f[i]);
                    double jv = v < w ? gx[i * w + v] : weight(v - w, j[i], f[i]);
                    if (ju != 0 && jv != 0 || u < w && v < w) {
                        e += ju * jv;
                    }
                }
                a[u * q + v] = e;
                a[v * q + u] = e;
            }
            for (int i = 0; i < n; i++) {
                double ju = u < w ? gx[i * w + u] : weight(u - w, j[i], f[i]);
                rhs[u] += u < w || ju != 0 ? ju * r[i] : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            support[j[i]] += 1 - f[i];
            support[j[i] + 1] += f[i];
        }
    }

    /** A pair's interpolation weight on knot {@code m}: 1 - f on its lower knot j, f on j + 1, else none. */
    private static double weight(int m, int j, double f) {
        return m == j ? 1 - f : m == j + 1 ? f : 0;
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToRawLongBits(v[i]);
        }
        return out;
    }
}
