package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Fits a {@link GridModel}: a regular lattice of {@code size} nodes per axis over the training inputs' range in log
 * exposure (shaped as {@link TpsModel}), node values by penalised least squares on the training pairs (trilinear
 * interpolation residuals plus lambda x a discrete thin-plate curvature energy, {@link GridSolver}). This is the idea
 * of ArgyllCMS's "rspl" (scattered data to a regular spline lattice by least squares with a smoothness term, solved
 * iteratively), which colprof -qh fits on a 33^3 lattice; written from that description, no code taken. A lattice
 * can bend locally (a clip plane's kink) where a global smooth fit ({@code tps}, polynomials) cannot.
 *
 * <p>Solved coarse to fine: the lattice halved down to 5 nodes per axis, each level's solution interpolated onto the
 * next as its conjugate-gradient start. lambda is chosen per output channel by {@code folds}-fold cross-validation
 * grouped by patch (as {@link TpsSmoothing}) from the decades 10^-5 .. 10^1, .. 10^3 with a trend (10^-2 .. 10^-6
 * first: every light of the bench's dense runs chose 10^-2, the end of that list; bench/RESULTS.md, issue 24 session
 * 12), on a lattice of at most 17 nodes per axis (lambda is normalised per node and per pair so it means about the
 * same on any size) to keep the fit cheap.
 *
 * <p>Parameters: {@code size} (3..129, default 33), {@code lambda} (a fixed smoothing > 0 instead of the
 * cross-validated one), {@code log-lambdas} (three fixed log10 lambdas, red, green, blue, e.g. {@code 0/-1/-1}: what
 * the cross-validation chose, as {@link #tune} gives it), {@code folds} (default 5). Illuminant-blind: use it as
 * {@code grid:illuminant=per}.
 * Opt-in, for the dark end (bench/RESULTS.md, issue 24 session 12, helper gridfix): {@code range=q} starts each axis
 * at the inputs' {@code quantile} (default 0.005, 0 < q < 0.5) instead of min - 5%, inputs below it raised to it
 * (fit and prediction), so far negative out-of-gamut inputs don't spend the lattice's nodes; {@code weight=lab}
 * weighs each pair's squared error per channel by the diagonal of CIEDE2000's local quadratic form at its film
 * value ({@link PerceptualMetric}, mean 1; the diagonal because channels are solved separately), in the fit and in
 * lambda's cross-validation, where squared film error may underweigh the dark readings CIEDE2000 scores;
 * {@code trend} (as tps's, {@link TpsTrend}, e.g. {@code root-polynomial/degree=3}): the lattice fits the residuals
 * of that parametric fit (per light, as grid is), so sparse regions follow the trend rather than a flat/affine one.
 */
final class GridFitter implements Fitter {

    static final double[] LOG_LAMBDAS = {1, 0, -1, -2, -3, -4, -5};
    /** With a trend: the residuals are smoother and the CV took 10^1, the end of the list, on most lights (gridfix). */
    static final double[] TREND_LOG_LAMBDAS = {3, 2, 1, 0, -1, -2, -3, -4, -5};
    private static final int CV_SIZE = 17;
    private static final double TOL = 1e-5;
    /** Conjugate-gradient iterations per lattice level after the coarsest (which gets 200). */
    static final int ITER = 40;
    /**
     * At most this many iterations for each lambda of the smoothing's cross-validation after the first, enough to
     * reach {@link #TOL} there nearly everywhere: on six bench runs 400 changed 4 of 108 channels' lambdas (200
     * against 40 changed 27) and no run's overall fidelity by more than 0.2% (bench/RESULTS.md, issue 24 session 18).
     * The final fit keeps {@link #ITER} per level: solved to the tolerance as well, it lost 0.6-0.7% overall on two
     * of those runs and held on the other four.
     */
    static final int CV_ITER = 200;

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public boolean perLightOnly() {
        return true;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("size", "lambda", FitOptions.LOG_LAMBDAS, "folds", "range", "quantile", "weight", "trend");
    }

    @Override
    public void validate(FitOptions options) {
        int size = options.integer("size", 33);
        options.require(size >= 3 && size <= 129, "size must be 3..129, got " + size);
        double lambda = options.number("lambda", 1);
        options.require(lambda > 0 && Double.isFinite(lambda), "lambda must be > 0, got " + options.text("lambda", ""));
        options.require(options.integer("folds", 5) >= 2, "folds must be at least 2, got " + options.text("folds", ""));
        String range = options.text("range", "full");
        String weight = options.text("weight", "none");
        double q = options.number("quantile", 0.005);
        options.require(range.equals("full") || range.equals("q"), "range must be full or q, got " + range);
        options.require(weight.equals("none") || weight.equals("lab"), "weight must be none or lab, got " + weight);
        options.require(q > 0 && q < 0.5, "quantile must be in (0, 0.5), got " + q);
        TpsTrend.candidate(options);
        options.logLambdas();
    }

    @Override
    public FittedModel fit(PairSet pairs, FitOptions options) {
        // Illuminant-blind only: Candidate.parse refuses grid without illuminant=per (perLightOnly).
        Problem pb = Problem.of(pairs, options);
        double[] given = options.logLambdas();
        double[] logs = given != null ? given
                : options.text("lambda", null) != null ? fixedLogs(options) : pb.crossValidate(options);
        GridSolver solver = new GridSolver(pb.lat, pb.s);
        double[][] values = new double[3][];
        for (int c = 0; c < 3; c++) {
            values[c] = multilevel(pb.lat, pb.s, solver, residual(pb.film, pb.base, c), pb.wt[c],
                    Math.pow(10, logs[c]));
        }
        return new GridModel(options.spec(), pb.lat, values, logs, pairs.illuminants(), pb.clamp, pb.trend);
    }

    /**
     * The smoothing {@link #fit} would cross-validate on {@code pairs}, as {@code log-lambdas}: the same lambdas
     * whether the fit chooses them or is given them, so the selection's folds can reuse one light's choice made on
     * all its pairs ({@link Fitter#tune}). Nothing when the spec fixes the smoothing.
     */
    @Override
    public Map<String, String> tune(PairSet pairs, FitOptions options) {
        if (options.logLambdas() != null || options.text("lambda", null) != null) {
            return Map.of();
        }
        double[] logs = Problem.of(pairs, options).crossValidate(options);
        return Map.of(FitOptions.LOG_LAMBDAS, logs[0] + "/" + logs[1] + "/" + logs[2]);
    }

    /** The smoothing {@link #fit} would choose on {@code pairs} with the cross-validation's solves capped at {@code cvIter}. */
    static double[] crossValidated(PairSet pairs, FitOptions options, int cvIter) {
        return Problem.of(pairs, options).crossValidate(options, cvIter);
    }

    private static double[] fixedLogs(FitOptions options) {
        double[] logs = new double[3];
        java.util.Arrays.fill(logs, Math.log10(options.number("lambda", 1)));
        return logs;
    }

    /** One fit's inputs: shaped (and clamped) inputs, film, the trend's prediction, weights, lattice. */
    private record Problem(PairSet pairs, double[] s, double[] film, double[] base, double[][] wt,
                           GridModel.Lattice lat, boolean clamp, FittedModel trend) {

        static Problem of(PairSet pairs, FitOptions options) {
            new GridFitter().validate(options);
            int size = options.integer("size", 33);
            String range = options.text("range", "full");
            String weight = options.text("weight", "none");
            double q = options.number("quantile", 0.005);
            double[] s = TpsModel.shapedInputs(pairs, "grid");
            int n = pairs.size();
            double[] film = pairs.film();
            Candidate trendCandidate = TpsTrend.candidate(options);
            FittedModel trend = trendCandidate == null ? null : TpsTrend.fit(trendCandidate, pairs, options);
            double[] base = trend == null ? new double[3 * n] : TpsTrend.predict(trend, pairs);
            boolean clamp = range.equals("q");
            GridModel.Lattice lat = GridModel.Lattice.over(s, size, clamp ? q : 0);
            for (int i = 0; clamp && i < s.length; i++) {
                s[i] = Math.max(lat.lo()[i % 3], s[i]);
            }
            double[][] wt = new double[3][];
            if (weight.equals("lab")) {
                double[] m = PerceptualMetric.of(film);
                for (int c = 0; c < 3; c++) {
                    wt[c] = new double[n];
                    for (int i = 0; i < n; i++) {
                        wt[c][i] = m[9 * i + 4 * c];
                    }
                }
            }
            return new Problem(pairs, s, film, base, wt, lat, clamp, trend);
        }

        double[] crossValidate(FitOptions options) {
            return crossValidate(options, CV_ITER);
        }

        double[] crossValidate(FitOptions options, int cvIter) {
            return GridFitter.crossValidate(pairs, s, film, base, wt,
                    lat.resized(Math.min(options.integer("size", 33), CV_SIZE)), options, trend != null, cvIter);
        }
    }

    /** Solves on {@code lat} from the solution on the lattice about half as fine, recursively down to 5 nodes. */
    static double[] multilevel(GridModel.Lattice lat, double[] s, GridSolver solver, double[] y, double lambda) {
        return multilevel(lat, s, solver, y, null, lambda);
    }

    /** As above with per-pair weights {@code wt} (null: 1). */
    static double[] multilevel(GridModel.Lattice lat, double[] s, GridSolver solver, double[] y, double[] wt,
                               double lambda) {
        if (lat.size() <= 5) {
            return solver.solve(y, wt, lambda, null, 200, TOL);
        }
        GridModel.Lattice coarse = lat.resized((lat.size() + 1) / 2);
        double[] start = coarse.prolong(multilevel(coarse, s, new GridSolver(coarse, s), y, wt, lambda), lat);
        return solver.solve(y, wt, lambda, start, ITER, TOL);
    }

    /**
     * log10 lambda per channel with the least squared held-out film error (clamped to [0, 1] as the model). The list
     * runs smoothest first, each lambda's solve starting from the previous one's (a continuation), and a channel's
     * sweep stops at the first lambda whose error, summed over the folds, is above the previous one's: held-out error
     * against log lambda falls to one minimum and rises after it on every light of the bench's runs (bench/RESULTS.md,
     * issue 24 session 14), so the rougher lambdas past it, the slowest to solve, could not be chosen.
     * Each lambda's solve runs to {@link #TOL} (at most {@link #CV_ITER} iterations): stopped at {@link #ITER}, as
     * before issue 24 session 18, a rougher lambda's solution was still partly the smoother one it started from, so
     * the sweep scored half-solved fits and chose a decade too rough on a quarter of the bench's channels.
     */
    private static double[] crossValidate(PairSet pairs, double[] s, double[] film, double[] base, double[][] wt,
                                          GridModel.Lattice lat, FitOptions options, boolean trend, int cvIter) {
        int folds = Math.min(options.integer("folds", 5), pairs.patches().size());
        if (folds < 2) {
            return new double[] {-3, -3, -3};
        }
        Map<String, Integer> foldOf = ModelSelection.folds(pairs.patches(), folds, options.seed());
        int n = pairs.size();
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = foldOf.get(pairs.get(i).patch());
        }
        Fold[] parts = new Fold[folds];
        for (int f = 0; f < folds; f++) {
            parts[f] = new Fold(f, fold, s, film, base, wt, lat);
        }
        double[] list = trend ? TREND_LOG_LAMBDAS : LOG_LAMBDAS;
        double[] best = new double[3];
        double[] w = new double[8];
        for (int c = 0; c < 3; c++) {
            double[][] v = new double[folds][];
            double prev = Double.POSITIVE_INFINITY;
            int b = 0;
            for (int l = 0; l < list.length; l++) {
                double lam = Math.pow(10, list[l]);
                double err = 0;
                for (int f = 0; f < folds; f++) {
                    Fold part = parts[f];
                    v[f] = v[f] == null ? multilevel(lat, part.s, part.solver, part.y[c], part.wt[c], lam)
                            : part.solver.solve(part.y[c], part.wt[c], lam, v[f], cvIter, TOL);
                    for (int i = 0; i < n; i++) {
                        if (fold[i] != f) {
                            continue;
                        }
                        int cell = lat.cell(s[3 * i], s[3 * i + 1], s[3 * i + 2], w, 0);
                        double p = base[3 * i + c];
                        for (int k = 0; k < 8; k++) {
                            p += w[k] * v[f][cell + lat.offset(k)];
                        }
                        double d = Math.max(0, Math.min(1, p)) - film[3 * i + c];
                        err += (wt[c] == null ? 1 : wt[c][i]) * d * d;
                    }
                }
                if (err > prev) {
                    break;
                }
                b = err < prev ? l : b;
                prev = Math.min(prev, err);
            }
            best[c] = list[b];
        }
        return best;
    }

    /** One fold's training rows (those not in fold {@code f}): shaped inputs, targets per channel, weights, solver. */
    private static final class Fold {
        final double[] s;
        final double[][] y = new double[3][];
        final double[][] wt = new double[3][];
        final GridSolver solver;

        Fold(int f, int[] fold, double[] s, double[] film, double[] base, double[][] wt, GridModel.Lattice lat) {
            int nt = 0;
            for (int k : fold) {
                nt += k == f ? 0 : 1;
            }
            this.s = new double[3 * nt];
            double[] ft = new double[3 * nt];
            double[] bt = new double[3 * nt];
            for (int c = 0; c < 3; c++) {
                this.wt[c] = wt[c] == null ? null : new double[nt];
            }
            for (int i = 0, j = 0; i < fold.length; i++) {
                if (fold[i] != f) {
                    for (int c = 0; c < 3 && wt[c] != null; c++) {
                        this.wt[c][j] = wt[c][i];
                    }
                    System.arraycopy(s, 3 * i, this.s, 3 * j, 3);
                    System.arraycopy(base, 3 * i, bt, 3 * j, 3);
                    System.arraycopy(film, 3 * i, ft, 3 * j++, 3);
                }
            }
            for (int c = 0; c < 3; c++) {
                y[c] = residual(ft, bt, c);
            }
            solver = new GridSolver(lat, this.s);
        }
    }

    /** Channel c of film - base (row-major n x 3 each). */
    private static double[] residual(double[] film, double[] base, int c) {
        double[] out = new double[film.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = film[3 * i + c] - base[3 * i + c];
        }
        return out;
    }

    @Override
    public FittedModel fromJson(JsonNode node, Path dir) throws java.io.IOException {
        return GridModel.fromJson(node, dir);
    }
}
