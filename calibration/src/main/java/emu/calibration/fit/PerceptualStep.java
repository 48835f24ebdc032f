package emu.calibration.fit;

import emu.calibration.linalg.Ridge;

/**
 * {@link BasisFitter}'s Levenberg-Marquardt step under the loss sum_i r_i' M_i r_i of {@link
 * PerceptualMetric} ({@code loss=de2000}): M_i couples the three channels, so the step solves for
 * the colour stage and tone-curve knots of all three channels at once (a 3(w + k) system, k knots
 * per curve) instead of one channel at a time. Same Gauss-Newton model, ridge (relative to each
 * channel's mean diagonal) and second-difference knot penalty as the per-channel step, which this
 * reduces to when every M_i is the identity.
 */
final class PerceptualStep {

    private PerceptualStep() {}

    /** Writes the new colour stage to {@code next} (w x 3, like {@code beta}) and returns the new curves. */
    static ToneCurve[] step(ToneCurve[] tone, boolean linearDomain, double[] x, int n, int w, double[] beta,
                            double[] v, double[] y, double[] film, double[] metric, double lambda, double[] pen,
                            double smooth, ToneCurve.Shape shape, double mu, double[] next) {
        int[] off = new int[4];
        for (int c = 0; c < 3; c++) {
            off[c + 1] = off[c] + w + tone[c].knots();
        }
        int q = off[3];
        double[] a = new double[q * q];
        double[] rhs = new double[q];
        double[][] support = new double[3][];
        for (int c = 0; c < 3; c++) {
            support[c] = new double[tone[c].knots()];
        }
        // Per pair and channel the prediction's gradient is g_c x over the channel's colour terms and
        // (1 - f, f) on the two knots around its exposure. The colour-colour block (c1, c2) is
        // sum_i M_i[c1][c2] g_c1 g_c2 x_i x_i', symmetric, so only its upper triangle is summed here.
        double[] g = new double[3];
        double[] res = new double[3];
        int[] knot = new int[3];
        double[] frac = new double[3];
        for (int i = 0; i < n; i++) {
            int o = i * w;
            int mo = 9 * i;
            for (int c = 0; c < 3; c++) {
                double yi = y[3 * i + c];
                g[c] = tone[c].slope(yi) * BasisFitter.stopsPerUnit(linearDomain, v[3 * i + c]);
                res[c] = film[3 * i + c] - tone[c].apply(yi);
                double pos = tone[c].position(yi);
                knot[c] = Math.min(tone[c].knots() - 2, (int) pos);
                frac[c] = pos - knot[c];
                support[c][knot[c]] += 1 - frac[c];
                support[c][knot[c] + 1] += frac[c];
            }
            for (int c1 = 0; c1 < 3; c1++) {
                double mr = metric[mo + 3 * c1] * res[0] + metric[mo + 3 * c1 + 1] * res[1]
                        + metric[mo + 3 * c1 + 2] * res[2];
                int k1 = off[c1] + w + knot[c1];
                for (int t = 0; t < w; t++) {
                    rhs[off[c1] + t] += g[c1] * x[o + t] * mr;
                }
                rhs[k1] += (1 - frac[c1]) * mr;
                rhs[k1 + 1] += frac[c1] * mr;
                for (int c2 = 0; c2 < 3; c2++) {
                    double mc = metric[mo + 3 * c1 + c2];
                    if (mc == 0) {
                        continue;
                    }
                    int k2 = off[c2] + w + knot[c2];
                    // knot(c1) x knot(c2), and colour(c1) x knot(c2) written on both sides of the diagonal.
                    a[k1 * q + k2] += mc * (1 - frac[c1]) * (1 - frac[c2]);
                    a[k1 * q + k2 + 1] += mc * (1 - frac[c1]) * frac[c2];
                    a[(k1 + 1) * q + k2] += mc * frac[c1] * (1 - frac[c2]);
                    a[(k1 + 1) * q + k2 + 1] += mc * frac[c1] * frac[c2];
                    double gm = mc * g[c1];
                    if (gm != 0) {
                        for (int t = 0; t < w; t++) {
                            double gx = gm * x[o + t];
                            int r = off[c1] + t;
                            a[r * q + k2] += gx * (1 - frac[c2]);
                            a[r * q + k2 + 1] += gx * frac[c2];
                            a[k2 * q + r] += gx * (1 - frac[c2]);
                            a[(k2 + 1) * q + r] += gx * frac[c2];
                        }
                    }
                    if (c2 < c1) {
                        continue;
                    }
                    double wg = mc * g[c1] * g[c2];
                    if (wg == 0) {
                        continue;
                    }
                    for (int s1 = 0; s1 < w; s1++) {
                        double xs = wg * x[o + s1];
                        if (xs == 0) {
                            continue;
                        }
                        int row = (off[c1] + s1) * q + off[c2];
                        for (int s2 = s1; s2 < w; s2++) {
                            a[row + s2] += xs * x[o + s2];
                        }
                    }
                }
            }
        }
        for (int c1 = 0; c1 < 3; c1++) {
            for (int c2 = c1; c2 < 3; c2++) {
                for (int s1 = 0; s1 < w; s1++) {
                    for (int s2 = 0; s2 < w; s2++) {
                        double val = a[(off[c1] + Math.min(s1, s2)) * q + off[c2] + Math.max(s1, s2)];
                        a[(off[c1] + s1) * q + off[c2] + s2] = val;
                        a[(off[c2] + s2) * q + off[c1] + s1] = val;
                    }
                }
            }
        }
        double[] meanDiag = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < w; t++) {
                meanDiag[c] += a[(off[c] + t) * q + off[c] + t];
            }
            meanDiag[c] = Math.max(meanDiag[c] / w, 1e-300);
            for (int t = 0; t < w; t++) {
                int r = off[c] + t;
                a[r * q + r] += pen[t] * lambda * meanDiag[c];
                rhs[r] -= pen[t] * lambda * meanDiag[c] * beta[t * 3 + c];
            }
            double[] tau = tone[c].values();
            // The per-channel step's knot penalty (ToneCurve.termWeights, ToneCurve.Shape).
            ToneCurve.addPenalty(a, q, off[c] + w, rhs, tau, ToneCurve.termWeights(smooth, n, support[c], shape,
                    tone[c].step()), shape.order());
        }
        double jitter = 1e-12 * (meanDiag[0] + meanDiag[1] + meanDiag[2]) / 3;
        for (int t = 0; t < q; t++) {
            a[t * q + t] *= 1 + mu;
            a[t * q + t] += jitter;
        }
        double[] delta = Ridge.solve(a, rhs, q, 1, 0, new double[q]);
        ToneCurve[] out = new ToneCurve[3];
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < w; t++) {
                next[t * 3 + c] = beta[t * 3 + c] + delta[off[c] + t];
            }
            double[] nt = tone[c].values();
            for (int j = 0; j < nt.length; j++) {
                nt[j] += delta[off[c] + w + j];
            }
            out[c] = tone[c].withValues(nt, support[c]);
        }
        return out;
    }

    /** sum_i r_i' M_i r_i of the curves {@code tone} at exposures {@code y}. */
    static double loss(ToneCurve[] tone, double[] y, double[] film, double[] metric) {
        double s = 0;
        for (int i = 0; i < y.length / 3; i++) {
            s += PerceptualMetric.quad(metric, i, tone[0].apply(y[3 * i]) - film[3 * i],
                    tone[1].apply(y[3 * i + 1]) - film[3 * i + 1], tone[2].apply(y[3 * i + 2]) - film[3 * i + 2]);
        }
        return s;
    }
}
