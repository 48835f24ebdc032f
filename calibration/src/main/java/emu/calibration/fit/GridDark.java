package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where {@code grid}'s trend applies ({@code grid:illuminant=per:trend=SPEC:dark=Q}, opt-in): the lattice is plain
 * grid's (fitted to the film, grid's own lambda list) and the prediction blends it with the trend, w(x) trend(x) +
 * (1 - w(x)) lattice(x), w = 1 where the shaped input's brightness (the largest of its three shaped channels, about
 * log2 stops) is at most {@code threshold}, 0 from {@code threshold + width} up, a smoothstep between. The threshold
 * is the {@code dark} quantile (0 < Q < 1) of the light's training inputs' brightness, the width {@code dark-width}
 * stops (default 1). So the darkest inputs follow the trend (a trend held the bench's dark end, helper gridfix) and
 * above the band the model is plain grid's, bright end and clip included (where a trend under the lattice gave the
 * bright and clipped gain back and lost on a second camera; bench/RESULTS.md, issue 24 sessions 12 and 14). A
 * lattice fitted to film - w trend (the first try) had to bend by the trend's whole size across the band, which its
 * curvature penalty would not: the dark end got 40-70% worse (session 14). Without {@code dark} the trend is under
 * the lattice everywhere, as before.
 *
 * <p>{@code dark-smooth=K} (with {@code dark=Q}, instead of a trend): the dark part is the same lattice refitted to the
 * film with each channel's cross-validated lambda x 10^K, a smoother lattice that still follows the data where they
 * are (rp3, the trend, was far off in a second camera's darkest readings; session 14) but averages over more of the
 * sparse dark inputs; K < 0 a rougher one. One more final fit per light, no more cross-validation (issue 24 session 15).
 */
record GridDark(double threshold, double width, double quantile) {

    /** The quantiles {@code dark=cv} chooses from (or none: plain grid), by the lattice's own cross-validation. */
    static final double[] CV_QUANTILES = {0.05, 0.1, 0.2};

    /** The options' dark split fitted on {@code s} (row-major n x 3 shaped inputs), or null without {@code dark}. */
    static GridDark of(FitOptions options, double[] s) {
        if (options.text("dark", null) == null) {
            return null;
        }
        return at(options.number("dark", 0.2), options.number("dark-width", 1), s);
    }

    /** The split at the {@code q}-quantile of the inputs' brightness. */
    static GridDark at(double q, double width, double[] s) {
        double[] b = new double[s.length / 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = brightness(s, 3 * i);
        }
        java.util.Arrays.sort(b);
        return new GridDark(b[(int) Math.floor(q * (b.length - 1))], width, q);
    }

    static boolean cv(FitOptions options) {
        return "cv".equals(options.text("dark", null));
    }

    /**
     * Refuses bad {@code dark} / {@code dark-width} / {@code dark-smooth} values, dark without a trend or dark-smooth
     * (it would do nothing), dark-smooth beside a trend (two dark parts) or without a fixed {@code dark=Q}.
     */
    static void validate(FitOptions options) {
        boolean dark = options.text("dark", null) != null;
        boolean width = options.text("dark-width", null) != null;
        boolean smooth = options.text("dark-smooth", null) != null;
        boolean trend = options.text("trend", null) != null;
        options.require(!(dark || width) || trend || smooth,
                "dark and dark-width need a trend (trend=SPEC) or dark-smooth=K, got neither");
        options.require(width ? dark : true, "dark-width needs dark=Q");
        options.require(!(smooth && trend), "dark-smooth=K is the dark part instead of a trend: not both");
        options.require(!smooth || (dark && !cv(options)), "dark-smooth=K needs dark=Q (a quantile, not cv)");
        options.require(!cv(options) || options.text("lambda", null) == null,
                "dark=cv needs the cross-validated lambda (no lambda=)");
        double q = cv(options) ? 0.2 : options.number("dark", 0.2);
        options.require(q > 0 && q < 1, "dark must be cv or a quantile in (0, 1), got " + options.text("dark", ""));
        double w = options.number("dark-width", 1);
        options.require(w > 0 && Double.isFinite(w), "dark-width must be > 0 stops, got "
                + options.text("dark-width", ""));
        double k = options.number("dark-smooth", 1);
        options.require(k != 0 && Math.abs(k) <= 6, "dark-smooth must be a non-zero number of decades of lambda in"
                + " [-6, 6] (negative: rougher), got " + options.text("dark-smooth", ""));
    }

    /** Brightness of the shaped input at {@code s[off..off+2]}: its largest channel. */
    static double brightness(double[] s, int off) {
        return Math.max(s[off], Math.max(s[off + 1], s[off + 2]));
    }

    /** The trend's weight at the shaped input {@code s[off..off+2]}. */
    double weight(double[] s, int off) {
        double t = (brightness(s, off) - threshold) / width;
        if (t <= 0) {
            return 1;
        }
        return t >= 1 ? 0 : 1 - t * t * (3 - 2 * t);
    }

    /**
     * {@code dark=cv}: the split of {@link #CV_QUANTILES} (or none, null) whose blend of the lattice's held-out
     * predictions {@code held} (n x 3, from grid's own lambda cross-validation at the chosen lambdas, unclamped) with
     * the trend refitted without each fold has the least squared held-out film error (clamped to [0, 1]); ties keep
     * plain grid. Same patch folds as grid's cross-validation; the trend's fits per fold are its only cost.
     */
    static GridDark choose(emu.calibration.pairs.PairSet pairs, double[] s, double[] film, double[] held,
                           Candidate trend, FitOptions options) {
        int n = pairs.size();
        int folds = Math.min(options.integer("folds", 5), pairs.patches().size());
        if (folds < 2) {
            return null;
        }
        java.util.Map<String, Integer> foldOf = ModelSelection.folds(pairs.patches(), folds, options.seed());
        double[] t = new double[3 * n];
        for (int f = 0; f < folds; f++) {
            int ff = f;
            FittedModel m = TpsTrend.fit(trend, pairs.filter(p -> foldOf.get(p.patch()) != ff), options);
            double[] p = TpsTrend.predict(m, pairs);
            for (int i = 0; i < n; i++) {
                if (foldOf.get(pairs.get(i).patch()) == f) {
                    System.arraycopy(p, 3 * i, t, 3 * i, 3);
                }
            }
        }
        double width = options.number("dark-width", 1);
        GridDark best = null;
        double bestErr = error(null, s, film, held, t);
        for (double q : CV_QUANTILES) {
            GridDark g = at(q, width, s);
            double e = error(g, s, film, held, t);
            if (e < bestErr) {
                best = g;
                bestErr = e;
            }
        }
        return best;
    }

    private static double error(GridDark g, double[] s, double[] film, double[] held, double[] t) {
        double sum = 0;
        for (int i = 0; i < film.length / 3; i++) {
            double w = g == null ? 0 : g.weight(s, 3 * i);
            for (int c = 0; c < 3; c++) {
                double p = Math.max(0, Math.min(1, w * t[3 * i + c] + (1 - w) * held[3 * i + c]));
                sum += (p - film[3 * i + c]) * (p - film[3 * i + c]);
            }
        }
        return sum;
    }

    void write(ObjectNode o) {
        ObjectNode d = o.putObject("dark");
        d.put("threshold", threshold);
        d.put("width", width);
        d.put("quantile", quantile);
    }

    /** The model file's dark split, or null (a model file without one: the trend everywhere, or no trend). */
    static GridDark read(JsonNode o) {
        JsonNode d = o.get("dark");
        if (d == null) {
            return null;
        }
        GridDark g = new GridDark(d.path("threshold").asDouble(Double.NaN), d.path("width").asDouble(Double.NaN),
                d.path("quantile").asDouble(Double.NaN));
        if (!Double.isFinite(g.threshold) || !(g.width > 0) || !Double.isFinite(g.width)) {
            throw new IllegalArgumentException("model file: grid dark needs a finite threshold and width > 0");
        }
        return g;
    }
}
