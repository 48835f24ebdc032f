package emu.calibration.fit;

import emu.calibration.linalg.Ridge;
import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;

/**
 * Fits a {@link TpsModel}: a penalised thin-plate regression spline in log exposure with
 * {@code centres} k-means centres ({@link KMeans}) as knots. The kernel coefficients are
 * parameterised in the null space of the centres' affine terms, where the bending energy
 * w' E w (E_ij = -|kappa_i - kappa_j|) is a positive semi-definite quadratic form (Wahba 1990,
 * "Spline Models for Observational Data", sec. 2.4; low-rank knots as in Ruppert, Wand &amp;
 * Carroll 2003, "Semiparametric Regression", sec. 13.4); minimised: sum of squared film errors
 * + lambda_c w_c' E w_c per channel. The smoothing lambda_c is chosen per output channel by
 * {@code folds}-fold cross-validation grouped by patch inside the training pairs, from a log grid
 * relative to the kernel columns' scale ({@link TpsSmoothing}). With
 * {@code illuminant=per} each light gets its own spline and its own smoothing.
 *
 * <p>Parameters: {@code centres} (default 200, at most half the pairs; 300 scores 1.5-4.8% better CV on
 * the bench's training CSVs at ~2x the fit's cost, but made the selection pick the spline alone where it
 * extrapolates worse to held-out dark EVs: bench/RESULTS.md, issue 24 session 10),
 * {@code folds} (default 5), {@code lambda} (a fixed log10 relative smoothing instead of the
 * cross-validated one), {@code log-lambdas} (three fixed ones, red, green, blue: what the cross-validation chose, as
 * {@link #tune} gives it), {@code trend} (a parametric trend the spline models the residuals of, e.g.
 * {@code root-polynomial/degree=3}, {@link TpsTrend}) and {@code trend-linear} (whether the spline keeps its
 * linear terms over a trend; default false).
 */
final class TpsFitter implements Fitter {

    @Override
    public String name() {
        return "tps";
    }

    @Override
    public java.util.Set<String> parameters() {
        return java.util.Set.of("centres", "folds", "lambda", FitOptions.LOG_LAMBDAS, "trend", "trend-linear");
    }

    @Override
    public void validate(FitOptions options) {
        options.require(options.integer("centres", 200) >= 8, "centres must be at least 8, got "
                + options.text("centres", ""));
        options.require(options.integer("folds", 5) >= 2, "folds must be at least 2, got " + options.text("folds", ""));
        double lambda = options.number("lambda", 0);
        options.require(Double.isFinite(lambda), "lambda (log10) must be finite, got " + lambda);
        TpsTrend.fittedAffine(0, false, options);
        TpsTrend.candidate(options);
        options.logLambdas();
        // hybrid's per-light terms belong to the basis fitters; tps would silently fit the conditional model instead
        options.require(!options.perLightTerms(), "tps takes illuminant=per or conditional");
    }

    @Override
    public FittedModel fit(PairSet pairs, FitOptions options) {
        Design d = Design.of(pairs, options);
        int p = d.p;
        double[] given = options.logLambdas();
        double[] logLambda = given != null ? given : options.text("lambda", null) != null ? fixed(options)
                : TpsSmoothing.crossValidate(pairs, d.x, d.y, d.base, d.film, d.n, p, d.pen, d.scale, options);
        double[] moment = Ridge.moment(d.x, d.n, p, null, d.y, 3);
        double[] beta = new double[3 * p];
        for (int c = 0; c < 3; c++) {
            double[] b = Ridge.solveFull(d.gram, moment, p, 3,
                    TpsSmoothing.scaled(d.pen, d.scale * Math.pow(10, logLambda[c])));
            for (int t = 0; t < p; t++) {
                beta[3 * t + c] = b[3 * t + c];
            }
        }
        double[] affine = new double[3 * d.full];
        for (int t = 0, col = 0; t < d.full; t++) {
            if (d.keep[t]) {
                System.arraycopy(beta, 3 * col++, affine, 3 * t, 3);
            }
        }
        int m = d.m;
        double[] weights = new double[3 * d.k];
        for (int j = 0; j < d.k; j++) {
            for (int l = 0; l < m; l++) {
                for (int c = 0; c < 3; c++) {
                    weights[3 * j + c] += d.nb[j * m + l] * beta[3 * (d.pa + l) + c];
                }
            }
        }
        return new TpsModel(options.spec(), d.centres, affine, weights, logLambda, options.illuminants(),
                pairs.illuminants(), d.trend);
    }

    /**
     * The smoothing {@link #fit} would cross-validate on {@code pairs}, as {@code log-lambdas} ({@link Fitter#tune}):
     * the selection chooses it once per light and its folds reuse it. Nothing when the spec fixes it.
     */
    @Override
    public java.util.Map<String, String> tune(PairSet pairs, FitOptions options) {
        if (options.logLambdas() != null || options.text("lambda", null) != null) {
            return java.util.Map.of();
        }
        Design d = Design.of(pairs, options);
        double[] l = TpsSmoothing.crossValidate(pairs, d.x, d.y, d.base, d.film, d.n, d.p, d.pen, d.scale, options);
        return java.util.Map.of(FitOptions.LOG_LAMBDAS, l[0] + "/" + l[1] + "/" + l[2]);
    }

    private static double[] fixed(FitOptions options) {
        double[] logLambda = new double[3];
        java.util.Arrays.fill(logLambda, options.number("lambda", 0));
        return logLambda;
    }

    /** One fit's design: the knots, the regression matrix x (n x p), the penalty, targets and Gram matrix. */
    private record Design(int n, int p, int pa, int k, int m, int full, boolean[] keep, double[] centres, double[] nb,
                          double[] x, double[] pen, double[] film, double[] base, double[] y, FittedModel trend,
                          double[] gram, double scale) {

        static Design of(PairSet pairs, FitOptions options) {
            double[] s = TpsModel.shapedInputs(pairs, "tps");
            int n = pairs.size();
            int want = options.integer("centres", 200);
            if (want < 8) {
                throw new IllegalArgumentException("candidate '" + options.spec() + "': centres must be at least 8");
            }
            double[] centres = KMeans.centres(s, Math.min(want, n / 2), options.seed(), 12);
            int k = centres.length / 3;
            int m = k - 4;
            double[] nb = nullBasis(centres, k);
            boolean conditional = options.illuminants() != null;
            Candidate trendCandidate = TpsTrend.candidate(options);
            int full = TpsModel.affineWidth(conditional ? 2 : 0);
            boolean[] keep = TpsTrend.fittedAffine(full, trendCandidate != null, options);
            int pa = 0;
            for (boolean b : keep) {
                pa += b ? 1 : 0;
            }
            int p = pa + m;
            double[] x = new double[n * p];
            double[] kr = new double[k];
            double[] qa = new double[full];
            for (int i = 0; i < n; i++) {
                double[] f = conditional ? options.illuminants().feature(pairs.get(i).illuminant()) : null;
                TpsModel.affineRow(s[3 * i], s[3 * i + 1], s[3 * i + 2], f, qa, 0);
                for (int t = 0, col = i * p; t < full; t++) {
                    if (keep[t]) {
                        x[col++] = qa[t];
                    }
                }
                TpsModel.kernelRow(s[3 * i], s[3 * i + 1], s[3 * i + 2], centres, kr, 0);
                // The kernel row times the null basis, accumulated over the centres in order (the same sums
                // as a dot product per column) with the basis read row by row: with hundreds of knots, a
                // column walk strides k x m doubles and cost a third of the fit.
                int o = i * p + pa;
                for (int j = 0; j < k; j++) {
                    double v = kr[j];
                    int nj = j * m;
                    for (int l = 0; l < m; l++) {
                        x[o + l] += v * nb[nj + l];
                    }
                }
            }
            double[] pen = penalty(centres, nb, k, m, pa, p);
            double[] film = pairs.film();
            // With a trend the spline fits its residuals; base is what the spline's output is added to.
            FittedModel trend = trendCandidate == null ? null : TpsTrend.fit(trendCandidate, pairs, options);
            double[] base = trend == null ? new double[3 * n] : TpsTrend.predict(trend, pairs);
            double[] y = new double[3 * n];
            for (int i = 0; i < 3 * n; i++) {
                y[i] = film[i] - base[i];
            }
            double[] gram = Ridge.gram(x, n, p, null);
            double scale = 0;
            double penDiag = 0;
            for (int l = pa; l < p; l++) {
                scale += gram[l * p + l];
                penDiag += pen[l * p + l];
            }
            scale /= Math.max(penDiag, 1e-300);
            return new Design(n, p, pa, k, m, full, keep, centres, nb, x, pen, film, base, y, trend, gram, scale);
        }
    }

    /**
     * The p x p penalty: zero on the affine columns, N' E N on the kernel columns, E_ij =
     * -|kappa_i - kappa_j| (the bending energy up to a constant factor, which lambda absorbs).
     */
    private static double[] penalty(double[] centres, double[] nb, int k, int m, int pa, int p) {
        double[] e = new double[k * k];
        double[] row = new double[k];
        for (int i = 0; i < k; i++) {
            TpsModel.kernelRow(centres[3 * i], centres[3 * i + 1], centres[3 * i + 2], centres, row, 0);
            for (int j = 0; j < k; j++) {
                e[i * k + j] = -row[j];
            }
        }
        double[] en = new double[k * m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = e[i * k + j];
                for (int l = 0; l < m; l++) {
                    en[i * m + l] += v * nb[j * m + l];
                }
            }
        }
        double[] out = new double[p * p];
        for (int i = 0; i < k; i++) { // N' (E N), summed over the centres in order, rows read contiguously
            for (int a = 0; a < m; a++) {
                double na = nb[i * m + a];
                int o = (pa + a) * p + pa;
                for (int b = 0; b < m; b++) {
                    out[o + b] += na * en[i * m + b];
                }
            }
        }
        // Symmetrise the rounding so the Cholesky factorisation sees an exactly symmetric matrix.
        for (int a = pa; a < p; a++) {
            for (int b = pa; b < a; b++) {
                double v = 0.5 * (out[a * p + b] + out[b * p + a]);
                out[a * p + b] = v;
                out[b * p + a] = v;
            }
        }
        return out;
    }

    /**
     * An orthonormal basis (row-major k x (k - 4)) of the vectors w with P' w = 0, P = [1, kappa]
     * (k x 4): the last k - 4 columns of Q in the Householder QR of P (Golub &amp; Van Loan,
     * "Matrix Computations", 4th ed., algorithm 5.2.1).
     */
    static double[] nullBasis(double[] centres, int k) {
        double[][] a = new double[k][4];
        for (int i = 0; i < k; i++) {
            a[i][0] = 1;
            a[i][1] = centres[3 * i];
            a[i][2] = centres[3 * i + 1];
            a[i][3] = centres[3 * i + 2];
        }
        double[][] q = new double[k][k];
        for (int i = 0; i < k; i++) {
            q[i][i] = 1;
        }
        for (int j = 0; j < 4; j++) {
            double norm = 0;
            for (int i = j; i < k; i++) {
                norm += a[i][j] * a[i][j];
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-12) {
                throw new IllegalArgumentException("tps: the centres are degenerate (all on a plane); need varied colours");
            }
            double[] v = new double[k];
            v[j] = a[j][j] + (a[j][j] >= 0 ? norm : -norm);
            for (int i = j + 1; i < k; i++) {
                v[i] = a[i][j];
            }
            double vv = 0;
            for (int i = j; i < k; i++) {
                vv += v[i] * v[i];
            }
            for (int c = j; c < 4; c++) {
                double d = 0;
                for (int i = j; i < k; i++) {
                    d += v[i] * a[i][c];
                }
                for (int i = j; i < k; i++) {
                    a[i][c] -= 2 * d / vv * v[i];
                }
            }
            for (int r = 0; r < k; r++) {
                double d = 0;
                for (int i = j; i < k; i++) {
                    d += q[r][i] * v[i];
                }
                for (int i = j; i < k; i++) {
                    q[r][i] -= 2 * d / vv * v[i];
                }
            }
        }
        int m = k - 4;
        double[] out = new double[k * m];
        for (int i = 0; i < k; i++) {
            for (int l = 0; l < m; l++) {
                out[i * m + l] = q[i][4 + l];
            }
        }
        return out;
    }

    @Override
    public FittedModel fromJson(JsonNode node, Path dir) throws java.io.IOException {
        return TpsModel.fromJson(node, dir);
    }
}
