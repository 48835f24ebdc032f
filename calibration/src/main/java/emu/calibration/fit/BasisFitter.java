package emu.calibration.fit;

import emu.calibration.linalg.Ridge;
import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.color.LogShaper;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Fits a {@link ToneColourModel} by minimising the squared film-value error with
 * Levenberg-Marquardt steps on the colour stage and the tone-curve knots jointly (each step's
 * colour part is a weighted ridge regression with weights T'^2, so points in a flat toe or
 * shoulder count little), refitting the tone curves after every accepted step. Starts from y = shaped
 * digital, which is right for grey under the daylight balance camera and film share.
 *
 * <p>Parameters (candidate spec): {@code ridge} (relative ridge, default per basis),
 * {@code light-ridge} (ridge factor of the per-light terms of {@code illuminant=hybrid},
 * default 30), {@code iterations} (at most, default 30), {@code smooth} (tone-curve smoothing, default 0.05;
 * {@code cv} chooses it from the data, {@link ToneSmoothing}), {@code smooth-folds} (its folds, default 5),
 * {@code smooth-adaptive} ({@code true}: the smoothing above 0.05 only where the data are dense,
 * {@link ToneCurve#termWeights}; default false), {@code smooth-taper} (stops: the smoothing above 0.05
 * fades in over that many stops inside each end of the exposure range the data cover, so the toe and shoulder
 * ends and their extrapolation keep the former fit's shape; default 0, none), {@code smooth-order} (2, the default:
 * second differences penalised; 3: third differences, so a toe's or shoulder's bend is left free,
 * {@link ToneCurve.Shape}), {@code loss} ({@code squared}, the default, or {@code de2000}:
 * CIEDE2000's local quadratic form at each scanned colour, {@link PerceptualMetric}, with the three channels'
 * step solved jointly by {@link PerceptualStep}) and the basis's own ({@code degree}, {@code centres}).
 */
final class BasisFitter implements Fitter {

    /** The tone-curve smoothing when the spec gives none: a number, or {@code cv} ({@link ToneSmoothing}). */
    static final String DEFAULT_SMOOTH = "0.05";

    /** Whether the smoothing above 0.05 follows the data's support ({@link ToneCurve#termWeights}). */
    static final String DEFAULT_ADAPTIVE = "false";

    /**
     * Over how many stops inside each end of the data's exposure range the smoothing above 0.05 fades in
     * ({@link ToneCurve.Shape}); 0: none.
     */
    static final String DEFAULT_TAPER = "0";

    private final String name;
    private final double defaultRidge;
    private final BiFunction<PairSet, FitOptions, Basis> basis;
    private final java.util.Set<String> parameters;

    /** {@code basisParameters}: what {@code basis} reads from the options (e.g. {@code degree}). */
    BasisFitter(String name, double defaultRidge, BiFunction<PairSet, FitOptions, Basis> basis, String... basisParameters) {
        this.name = name;
        this.defaultRidge = defaultRidge;
        this.basis = basis;
        java.util.Set<String> p = new java.util.TreeSet<>(java.util.List.of(basisParameters));
        p.addAll(java.util.List.of("iterations", "light-ridge", "loss", "ridge", "smooth", "smooth-adaptive",
                "smooth-folds", "smooth-order", "smooth-taper"));
        this.parameters = java.util.Collections.unmodifiableSet(p);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.Set<String> parameters() {
        return parameters;
    }

    @Override
    public void validate(FitOptions options) {
        BasisOptions.validate(options, parameters, basis);
    }

    @Override
    public FittedModel fit(PairSet pairs, FitOptions options) {
        if (pairs.size() < 8) {
            throw new IllegalArgumentException(name + ": need at least 8 pairs, got " + pairs.size());
        }
        if (!options.text("smooth", DEFAULT_SMOOTH).equalsIgnoreCase("cv")) {
            double smooth = options.params().containsKey("smooth") ? options.number("smooth", 0)
                    : Double.parseDouble(DEFAULT_SMOOTH);
            return solve(pairs, options, smooth, null).model();
        }
        // Smoothing chosen by the data (ToneSmoothing): fit, choose on that fit's exposures, continue from it.
        Solved first = solve(pairs, options, ToneSmoothing.START, null);
        double chosen = ToneSmoothing.choose(pairs, first.y(), pairs.film(), options.integer("smooth-folds", 5),
                options.seed(), ToneSmoothing.START, shape(options));
        return chosen == ToneSmoothing.START ? first.model() : solve(pairs, options, chosen, first.beta()).model();
    }

    /** A fitted model with its colour stage's coefficients and exposures (stops, n x 3) on the pairs. */
    private record Solved(ToneColourModel model, double[] beta, double[] y) {}

    /** The knot penalty's shape: {@code smooth-adaptive}, {@code smooth-taper} (stops, 0 = none), {@code smooth-order}. */
    static ToneCurve.Shape shape(FitOptions options) {
        boolean adaptive = options.text("smooth-adaptive", DEFAULT_ADAPTIVE).equalsIgnoreCase("true");
        double taper = options.number("smooth-taper", Double.parseDouble(DEFAULT_TAPER));
        int order = options.integer("smooth-order", 2);
        try {
            return new ToneCurve.Shape(adaptive, taper, order);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': " + e.getMessage(), e);
        }
    }

    /** The Levenberg-Marquardt fit with tone-curve smoothing {@code smooth}, from {@code warm} if not null. */
    private Solved solve(PairSet pairs, FitOptions options, double smooth, double[] warm) {
        Basis b = basis.apply(pairs, options);
        double lambda = options.number("ridge", defaultRidge);
        int iterations = options.integer("iterations", 30);
        ToneCurve.Shape shape = shape(options);
        double[] metric = perceptual(options) ? PerceptualMetric.of(pairs.film()) : null;
        boolean conditional = options.illuminants() != null;
        List<String> oneHot = conditional && options.perLightTerms() ? pairs.illuminants() : List.of();
        int feature = conditional ? 2 + oneHot.size() : 0;
        int n = pairs.size();
        int w = ToneColourModel.width(b, feature);
        double[] digital = pairs.digital();
        double[] film = pairs.film();
        double[] x = new double[n * w];
        for (int i = 0; i < n; i++) {
            Pair p = pairs.get(i);
            double[] il = conditional ? ToneColourModel.feature(options.illuminants(), oneHot, p.illuminant()) : null;
            ToneColourModel.row(b, digital, 3 * i, il, x, i * w);
        }
        double[] pen = ToneColourModel.penalty(b, feature, options.number("light-ridge", 30));
        // v: the colour stage's raw output (stops, or linear for linear-domain bases); y: in stops.
        double[] v = new double[3 * n];
        double[] y = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            v[i] = b.linearDomain() ? digital[i] : LogShaper.DEFAULT.forward(digital[i]);
            y[i] = ToneColourModel.toStops(b, v[i]);
        }
        // Start from the colour stage closest to the identity: film follows each channel's own exposure.
        double[] beta = warm != null ? warm.clone()
                : Ridge.solve(Ridge.gram(x, n, w, null), Ridge.moment(x, n, w, null, v, 3), w, 3, 1e-6, pen);
        predictStage(b, x, n, w, beta, v, y);
        ToneCurve[] tone = fitTone(y, film, n, smooth, shape);
        double sse = loss(tone, y, film, metric);
        double mu = 1e-3;
        for (int it = 0; it < iterations; it++) {
            // Joint Levenberg-Marquardt step on the colour stage and the tone curve's knot values
            // of each channel (the coupling between the two is what plain alternation converges
            // slowly on), then the tone curves are refitted on the new exposures.
            double[] next = beta.clone();
            ToneCurve[] nextTone = new ToneCurve[3];
            if (metric != null) {
                nextTone = PerceptualStep.step(tone, b.linearDomain(), x, n, w, beta, v, y, film, metric, lambda, pen,
                        smooth, shape, mu, next);
            } else {
                for (int c = 0; c < 3; c++) {
                    nextTone[c] = ChannelStep.step(c, tone[c], b, x, n, w, beta, v, y, film, lambda, pen, smooth, shape,
                            mu, next);
                }
            }
            double[] nv = new double[3 * n];
            double[] ny = new double[3 * n];
            predictStage(b, x, n, w, next, nv, ny);
            double nsse = loss(nextTone, ny, film, metric);
            if (nsse < sse) {
                beta = next;
                v = nv;
                y = ny;
                tone = fitTone(y, film, n, smooth, shape);
                double refit = loss(tone, y, film, metric);
                if (refit > nsse) {
                    tone = nextTone;
                    refit = nsse;
                }
                boolean small = sse - refit < 1e-5 * sse;
                sse = refit;
                mu = Math.max(mu / 4, 1e-9);
                if (small) {
                    break;
                }
            } else {
                mu *= 8;
                if (mu > 1e6) {
                    break;
                }
            }
        }
        return new Solved(new ToneColourModel(name, options.spec(), b, options.illuminants(), oneHot,
                pairs.illuminants(), beta, tone), beta, y);
    }

    /** dy/dv: 1 in the log domain, the shaper's slope for linear-domain bases. */
    static double stopsPerUnit(boolean linearDomain, double v) {
        return linearDomain ? 1 / (Math.log(2) * Math.hypot(v, 2 * LogShaper.DEFAULT.softening())) : 1;
    }

    private static void predictStage(Basis b, double[] x, int n, int w, double[] beta, double[] v, double[] y) {
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                double s = 0;
                for (int t = 0; t < w; t++) {
                    s += x[i * w + t] * beta[t * 3 + c];
                }
                v[3 * i + c] = s;
                y[3 * i + c] = ToneColourModel.toStops(b, s);
            }
        }
    }

    /** Whether the spec asks for {@code loss=de2000} ({@code squared}, the default, is the plain film-value error). */
    static boolean perceptual(FitOptions options) {
        String loss = options.text("loss", "squared");
        if (!loss.equals("squared") && !loss.equals("de2000")) {
            throw new IllegalArgumentException("candidate '" + options.spec() + "': loss must be squared or de2000, got "
                    + loss);
        }
        return loss.equals("de2000");
    }

    private static double loss(ToneCurve[] tone, double[] y, double[] film, double[] metric) {
        return metric == null ? sse(tone, y, film) : PerceptualStep.loss(tone, y, film, metric);
    }

    private static double sse(ToneCurve[] tone, double[] y, double[] film) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = tone[i % 3].apply(y[i]) - film[i];
            s += d * d;
        }
        return s;
    }

    private static ToneCurve[] fitTone(double[] y, double[] film, int n, double smooth, ToneCurve.Shape shape) {
        ToneCurve[] tone = new ToneCurve[3];
        double[] yc = new double[n];
        double[] fc = new double[n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                yc[i] = y[3 * i + c];
                fc[i] = film[3 * i + c];
            }
            tone[c] = ToneCurve.fit(yc, fc, smooth, shape);
        }
        return tone;
    }

    @Override
    public FittedModel fromJson(JsonNode node, Path dir) {
        return ToneColourModel.fromJson(node);
    }
}
