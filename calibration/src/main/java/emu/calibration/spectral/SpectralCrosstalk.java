package emu.calibration.spectral;

import java.util.List;

/**
 * One step of {@link SpectralFilm}'s alternation: y_c − x_c = Σ_{d≠c} A_cd (x_c − x_d) [+ Σ_{d≠c} K_cd f_d] + o_Lc
 * [+ γ_Lc (x_c − pivot_c)] by weighted least squares (weights g'²), o and γ coded sum-to-zero over the lights and pulled
 * to 0 by {@link SpectralOptions#rollRidge()} times the data's total weight.
 */
final class SpectralCrosstalk {
    private SpectralCrosstalk() {}

    static void fit(SpectralFilm m, List<SpectralSample> samples, List<String> lights, double[][] x, double[][] y, double[][] g,
            SpectralOptions opt) {
        int nl = lights.size();
        for (int c = 0; c < 3; c++) {
            int nd = opt.throughReadings() ? 2 : 0;
            int ng = opt.rollContrast() ? nl - 1 : 0;
            int k = 2 + nd + nl - 1 + ng;
            double mx = 0;
            for (double[] xp : x) {
                mx += xp[c] / x.length;
            }
            m.pivot[c] = mx;
            double[][] h = new double[k][k];
            double[] b = new double[k];
            for (int p = 0; p < samples.size(); p++) {
                double[] f = new double[k];
                int q = 0;
                for (int d = 0; d < 3; d++) {
                    if (d != c) {
                        f[q++] = x[p][c] - x[p][d];
                    }
                }
                for (int d = 0; d < 3 && opt.throughReadings(); d++) {
                    if (d != c) {
                        f[q++] = samples.get(p).f()[d];
                    }
                }
                int li = lights.indexOf(samples.get(p).light());
                for (int j = 0; j < nl - 1; j++) {
                    f[2 + nd + j] = li == j ? 1 : li == nl - 1 ? -1 : 0;
                }
                for (int j = 0; j < ng; j++) {
                    f[2 + nd + nl - 1 + j] = f[2 + nd + j] * (x[p][c] - m.pivot[c]);
                }
                double w = g[p][c] * g[p][c];
                double r = y[p][c] - x[p][c];
                for (int i = 0; i < k; i++) {
                    b[i] += w * f[i] * r;
                    for (int j = 0; j < k; j++) {
                        h[i][j] += w * f[i] * f[j];
                    }
                }
            }
            double tw = 0;
            for (double[] gp : g) {
                tw += gp[c] * gp[c];
            }
            for (int i = 0; i < k; i++) {
                h[i][i] += 1e-9 * (h[i][i] + 1) + (i >= 2 + nd ? opt.rollRidge() * tw : 0);
            }
            double[] sol = SpectralAlgebra.solve(h, b, false);
            int q = 0;
            for (int d = 0; d < 3; d++) {
                m.cross[c][d] = d == c ? 0 : sol[q++];
            }
            for (int d = 0; d < 3 && opt.throughReadings(); d++) {
                m.dir[c][d] = d == c ? 0 : sol[q++];
            }
            double last = 0;
            for (int j = 0; j < nl - 1; j++) {
                m.offset.get(lights.get(j))[c] = sol[2 + nd + j];
                last -= sol[2 + nd + j];
            }
            m.offset.get(lights.get(nl - 1))[c] = last;
            double lastG = 0;
            for (int j = 0; j < ng; j++) {
                m.offset.get(lights.get(j))[3 + c] = sol[2 + nd + nl - 1 + j];
                lastG -= sol[2 + nd + nl - 1 + j];
            }
            m.offset.get(lights.get(nl - 1))[3 + c] = lastG;
        }
    }
}
