package emu.calibration.fit;

import emu.calibration.linalg.Ridge;

/**
 * {@link BasisFitter}'s Levenberg-Marquardt step (Marquardt 1963) for one channel under the plain squared loss: a
 * damped Gauss-Newton step on [the channel's colour-stage coefficients, its tone curve's knot values] jointly.
 *
 * <p>Per pair the prediction's gradient is g x over the colour terms (g the tone curve's slope at the pair's exposure,
 * x its design row) and (1 - f, f) on the two knots around its exposure, so the normal matrix is sum_i g_i^2 x_i x_i'
 * beside the knot blocks. That colour-colour sum (O(n w^2), the selection's largest Java cost: bench/RESULTS.md, issue
 * 24 session 16) is accumulated {@link #BLOCK} pairs at a time by {@link Ridge#addFourRows}, as Ridge's Gram matrix:
 * each element is loaded once per block and its terms added in pair order, so every sum is the one the pair-by-pair
 * loop makes, bit for bit. A product with a zero factor
 * adds nothing (no element is ever -0.0: they start +0.0 and a sum cancelling to zero rounds to +0.0), which is why
 * zero rows may be skipped or included freely.
 */
final class ChannelStep {

    /**
     * Pairs per accumulation block, {@link Ridge#addFourRows}'s four (eight were no faster and skip hybrid's zero rows,
     * one light's terms, less often).
     */
    static final int BLOCK = 4;
    private static final double[] ONES = {1, 1, 1, 1}; // 1 x g x: exact

    private ChannelStep() {}

    /** Writes the new beta_c into {@code next} (w x 3, like {@code beta}) and returns the new curve. */
    static ToneCurve step(int c, ToneCurve tone, Basis b, double[] x, int n, int w, double[] beta, double[] v,
                          double[] y, double[] film, double lambda, double[] pen, double smooth, ToneCurve.Shape shape,
                          double mu, double[] next) {
        int k = tone.knots();
        int q = w + k;
        double[] tau = tone.values();
        double[] a = new double[q * q];
        double[] rhs = new double[q];
        double[] support = new double[k];
        normalEquations(c, tone, b.linearDomain(), x, n, w, v, y, film, a, rhs, support);
        double meanDiag = 0;
        for (int t = 0; t < w; t++) {
            meanDiag += a[t * q + t];
        }
        meanDiag = Math.max(meanDiag / w, 1e-300);
        for (int t = 0; t < w; t++) {
            a[t * q + t] += pen[t] * lambda * meanDiag;
            rhs[t] -= pen[t] * lambda * meanDiag * beta[t * 3 + c];
        }
        ToneCurve.addPenalty(a, q, w, rhs, tau, ToneCurve.termWeights(smooth, n, support, shape, tone.step()),
                shape.order());
        for (int t = 0; t < q; t++) {
            a[t * q + t] *= 1 + mu;
            a[t * q + t] += 1e-12 * meanDiag;
        }
        double[] delta = Ridge.solve(a, rhs, q, 1, 0, new double[q]);
        for (int t = 0; t < w; t++) {
            next[t * 3 + c] = beta[t * 3 + c] + delta[t];
        }
        double[] nt = new double[k];
        for (int j = 0; j < k; j++) {
            nt[j] = tau[j] + delta[w + j];
        }
        return tone.withValues(nt, support);
    }

    /**
     * The Gauss-Newton normal equations of channel {@code c} (q = w + knots): into {@code a} (q x q, symmetric) and
     * {@code rhs} (J'r), and each knot's interpolation weight summed over the pairs into {@code support}.
     */
    static void normalEquations(int c, ToneCurve tone, boolean linearDomain, double[] x, int n, int w, double[] v,
                                double[] y, double[] film, double[] a, double[] rhs, double[] support) {
        int q = w + tone.knots();
        double[] gx = new double[BLOCK * w];
        int[] rows = {0, w, 2 * w, 3 * w};
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int m = Math.min(BLOCK, n - i0);
            for (int u = 0; u < m; u++) {
                int i = i0 + u;
                double yi = y[3 * i + c];
                double g = tone.slope(yi) * BasisFitter.stopsPerUnit(linearDomain, v[3 * i + c]);
                double r = film[3 * i + c] - tone.apply(yi);
                double pos = tone.position(yi);
                int j = Math.min(tone.knots() - 2, (int) pos);
                double f = pos - j;
                support[j] += 1 - f;
                support[j + 1] += f;
                for (int t = 0; t < w; t++) {
                    gx[u * w + t] = g * x[i * w + t];
                }
                // The colour-knot and knot-knot terms and J'r: a pair touches two knots, so these stay pair by pair.
                for (int s1 = 0; s1 < w; s1++) {
                    double gs = gx[u * w + s1];
                    if (gs == 0) {
                        continue;
                    }
                    a[s1 * q + w + j] += gs * (1 - f);
                    a[s1 * q + w + j + 1] += gs * f;
                    rhs[s1] += gs * r;
                }
                int rj = (w + j) * q;
                a[rj + w + j] += (1 - f) * (1 - f);
                a[rj + w + j + 1] += (1 - f) * f;
                a[(w + j + 1) * q + w + j + 1] += f * f;
                rhs[w + j] += (1 - f) * r;
                rhs[w + j + 1] += f * r;
            }
            if (m == BLOCK) {
                Ridge.addFourRows(gx, rows, ONES, w, a, q);
            } else {
                for (int u = 0; u < m; u++) {
                    Ridge.addRow(gx, u * w, 1, w, a, q);
                }
            }
        }
        // Cross terms were accumulated above the diagonal only; make A symmetric.
        for (int r1 = 0; r1 < q; r1++) {
            for (int r2 = 0; r2 < r1; r2++) {
                a[r1 * q + r2] = a[r2 * q + r1];
            }
        }
    }
}
