package emu.calibration.fit;

import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralRefusedException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What happens to the selected model before it is saved, the one path {@code station fit} and the station's
 * training share (issue 24): untrained lights of known SPD served from the spectral camera and film model
 * ({@link SpectralServedModel}), clipped highlights rebuilt ({@link DigitalClip#rebuildHighlights}), and the clip
 * gate ({@link ClipGateModel}), in that order. The defaults live here once ({@link #HIGHLIGHTS}, {@link #UNSEEN},
 * {@link #CLIPPED_SERIES}, {@link Options#DEFAULTS}); {@code station fit}'s option defaults and the config loader's
 * {@code [training]} defaults both read them, so a default changes in one edit. The figures behind each mode are in
 * bench/RESULTS.md, issue 24 sessions 5 to 7.
 */
public final class Finishing {
    /** Default of {@code station fit --highlights} and {@code [training] highlights}. */
    public static final String HIGHLIGHTS = "rebuild";
    /** Default of {@code station fit --unseen} and {@code [training] unseen}. */
    public static final String UNSEEN = "spectral";
    /** Default of {@code station fit --clipped-series} and {@code [training] clipped_series}. */
    public static final String CLIPPED_SERIES = "keep";
    /**
     * Default of {@code station fit --stuck-margin}, also the training's: film within it of 0 or 1 in a channel is a
     * scan pinned at its end, saying only "at least this dark/bright" (bench/RESULTS.md, "stuck film").
     */
    public static final String STUCK_MARGIN = "0.002";

    private Finishing() {}

    /** Clipped digital readings: as read, or rebuilt towards the light's grey where two channels clip together. */
    public enum Highlights { NONE, REBUILD }

    /** Untrained lights: (known SPD, the default since session 8) the spectral model, or the blend of the nearest trained lights. */
    public enum Unseen { BLEND, SPECTRAL }

    /**
     * Readings whose colour leaves their exposure series (a raw channel clipped): kept, dropped from the fit, or
     * dropped from the selection and served by a refit on every reading at the camera's clip.
     */
    public enum ClippedSeries {
        KEEP, DROP, GATE;

        /** Whether the selection fits the pairs without the readings that leave their exposure series. */
        public boolean filters() {
            return this != KEEP;
        }
    }

    /** The three choices; {@link #DEFAULTS} are the product's. */
    public record Options(Highlights highlights, Unseen unseen, ClippedSeries clippedSeries) {
        public static final Options DEFAULTS = new Options(parse(Highlights.class, HIGHLIGHTS, "highlights"),
                parse(Unseen.class, UNSEEN, "unseen"), parse(ClippedSeries.class, CLIPPED_SERIES, "clipped-series"));

        public Options {
            java.util.Objects.requireNonNull(highlights, "highlights");
            java.util.Objects.requireNonNull(unseen, "unseen");
            java.util.Objects.requireNonNull(clippedSeries, "clippedSeries");
        }

        /** The same with the clipped series {@code mode}. */
        public Options withClippedSeries(ClippedSeries mode) {
            return new Options(highlights, unseen, mode);
        }

        /**
         * These options for a roll-aware fit: the gate does not combine with one (its refit would be the pooled
         * model, not the rolls' nominal), so it becomes {@code drop}, told to {@code say}. {@code station fit} refuses
         * the pair on its command line instead; a training's config cannot know a set's rolls.
         */
        public Options forRollAware(Consumer<String> say) {
            if (clippedSeries != ClippedSeries.GATE) {
                return this;
            }
            say.accept("clipped series: the gate does not combine with a roll-aware fit; fitted without the readings that"
                    + " leave their exposure series (as clipped_series = \"drop\")");
            return withClippedSeries(ClippedSeries.DROP);
        }
    }

    /**
     * The constant of {@code type} named {@code value} (lower case, {@code -} for {@code _}).
     *
     * @throws IllegalArgumentException naming {@code what} and the allowed values ("--unseen must be blend or spectral,
     *     got 'x'")
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equals(value)) {
                return e;
            }
        }
        String[] names = Arrays.stream(type.getEnumConstants()).map(Finishing::name).toArray(String[]::new);
        String allowed = names.length == 2 ? names[0] + " or " + names[1]
                : String.join(", ", Arrays.copyOf(names, names.length - 1)) + " or " + names[names.length - 1];
        throw new IllegalArgumentException(what + " must be " + allowed + ", got '" + value + "'");
    }

    /** A mode's name as users write it. */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The pairs the selection fits: {@code pairs} without the readings that leave their series when the mode says so. */
    public static PairSet selectionPairs(PairSet pairs, Options o) {
        return o.clippedSeries().filters() ? ExposureSeries.withoutClipped(pairs, ExposureSeries.TOLERANCE) : pairs;
    }

    /**
     * The pairs a selection fits ({@code pairs}: {@link #selectionPairs}, then without stuck film), those dropped as
     * stuck film (for {@link #finish}: not clip evidence), and {@code every}: {@code pairs} without stuck film but with
     * the series filter off (the gate's refit). {@code seriesDropped} counts the series filter's readings.
     */
    public record Prepared(PairSet pairs, PairSet stuck, PairSet every, int seriesDropped) {}

    /**
     * The one preparation {@code station fit} and the training share, after the caller's own filters: {@code o}'s series
     * filter, then pairs with a film channel within {@code stuckMargin} of 0 or 1 dropped ({@code stuckMargin} 0 keeps
     * them all).
     */
    public static Prepared prepare(PairSet pairs, Options o, double stuckMargin) {
        if (o.clippedSeries() == ClippedSeries.GATE) {
            ClipGateModel.zone(); // the gate's experiment switch: a bad value is refused before any fit
        }
        PairSet series = selectionPairs(pairs, o);
        if (stuckMargin <= 0) {
            return new Prepared(series, new PairSet(java.util.List.of()), pairs, pairs.size() - series.size());
        }
        PairSet kept = series.withoutStuckFilm(stuckMargin);
        java.util.Set<emu.calibration.pairs.Pair> left = new java.util.HashSet<>(kept.asList());
        return new Prepared(kept, series.filter(p -> !left.contains(p)), pairs.withoutStuckFilm(stuckMargin),
                pairs.size() - series.size());
    }

    /**
     * A finished model, and why the spectral model of unseen lights was refused when {@link Options#unseen} asked for it
     * and it was (empty otherwise): a training keeps the reason beside the model, to say it with each export of an
     * untrained light; {@code station fit} has said it in its progress line.
     */
    public record Finished(FittedModel model, Optional<String> unseenRefused) {
        public Finished {
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(unseenRefused, "unseenRefused");
        }
    }

    /**
     * The selected model finished by {@code o}: each step's outcome, or why it was refused, is told to {@code say} as
     * a line both callers print; the spectral refusal is also returned as such ({@link Finished#unseenRefused}).
     *
     * @param fitted the pairs the selection fitted (filtered as {@link #selectionPairs} and the caller's own filters)
     * @param every the same pairs without the series filter; read only for the gate (its clip-zone model learns the
     *     clipped readings too)
     * @param seed the selection's seed (the gate's refit)
     */
    public static Finished finish(FittedModel selected, PairSet fitted, Supplier<PairSet> every, long seed, Options o,
                                  Consumer<String> say) {
        return finish(selected, fitted, new PairSet(java.util.List.of()), every, seed, o, say);
    }

    /**
     * As above, {@code stuck} being the readings dropped from {@code fitted} as stuck film ({@code station fit
     * --stuck-margin}): a patch whose next reading is one of them is not clip evidence (the film saturated, not the
     * sensor).
     */
    public static Finished finish(FittedModel selected, PairSet fitted, PairSet stuck, Supplier<PairSet> every,
                                  long seed, Options o, Consumer<String> say) {
        return finish(selected, fitted, stuck, every, seed, o, null, say);
    }

    /**
     * As above, the spectral model of unseen lights taken from {@code spectral}, a fit of {@code fitted} started
     * ahead ({@link SpectralFit#beside}; null: fitted here, now).
     */
    public static Finished finish(FittedModel selected, PairSet fitted, PairSet stuck, Supplier<PairSet> every,
                                  long seed, Options o, SpectralFit spectral, Consumer<String> say) {
        if (spectral != null && !spectral.of(fitted)) {
            throw new IllegalArgumentException("the spectral model was started on other pairs than the selection's");
        }
        FittedModel model = selected;
        Optional<String> refused = Optional.empty();
        if (o.unseen() == Unseen.SPECTRAL) {
            Finished served = spectralUnseen(model, fitted, spectral, say);
            model = served.model();
            refused = served.unseenRefused();
        }
        boolean rebuild = o.highlights() == Highlights.REBUILD;
        ClipEstimate clip = null;
        if (rebuild || o.clippedSeries() == ClippedSeries.GATE) {
            clip = DigitalClip.estimate(fitted, stuck); // one camera: its clip is every roll's
        }
        if (rebuild) {
            model = DigitalClip.rebuildHighlights(model, clip);
            say.accept(highlightsLine(clip));
        }
        if (o.clippedSeries() == ClippedSeries.GATE) {
            PairSet all = every.get();
            FittedModel colour = model;
            model = ClipGateModel.of(colour, clip.clip(), fitted, all, seed, rebuild
                    ? (m, p) -> DigitalClip.rebuildHighlights(m, DigitalClip.estimate(p, stuck)) : (m, p) -> m);
            say.accept(model == colour ? "clipped series: none of the readings left out, or too little"
                    + " clipping to place the camera's clip; the model fitted without them serves every reading"
                    : "clipped series: the selected model refitted on " + (ClipGateModel.zone() == ClipGateModel.Zone.NEAR
                    ? "the pairs near the clip (" + ClipGateModel.ZONE_PROPERTY + "=near)" : "all " + all.size() + " pairs")
                    + " serves readings at the camera's clip");
        }
        return new Finished(model, refused);
    }

    /**
     * The highlights step's line: the clip placed, and the channels it leaves unplaced, or why no clip is placed
     * ({@link ClipEstimate.Reason}). The clip is placed from patches missing at the top of their exposure series (a
     * CSV leaves clipped readings out); pairs that keep their clipped readings as read (the outside evaluator's shape,
     * {@code clipped_series = keep}) miss none, however much they clip: saying "too little clipping" there would be
     * false (bench/RESULTS.md, issue 24 session 9, helper clip's diagnosis). A channel no patch reaches first is only
     * bounded by the brightest kept reading, so its plane says nothing and it is never rebuilt (session 10).
     */
    static String highlightsLine(ClipEstimate e) {
        String asRead = "; readings go to the model as read";
        return switch (e.reason()) {
            case PLACED -> "highlights: camera clip estimated from the pairs; readings clipped in two channels are rebuilt"
                    + " before the model" + unbracketed(e);
            case NONE_MISSING -> "highlights: no camera clip placed: no patch is missing from the top of its exposure series"
                    + " and none leaves it, so the pairs show no clipping" + asRead;
            case KEPT_AS_READ -> "highlights: no camera clip placed: the pairs keep their clipped readings as read ("
                    + e.leave() + " leave their exposure series), so no patch is missing from the top of its series" + asRead;
            case TOO_FEW -> "highlights: no camera clip placed: only " + e.past() + " patches are missing from the top of"
                    + " their exposure series (" + DigitalClip.MIN_PAST + " place the clip)" + asRead;
            case SOLVE_FAILED -> "highlights: no camera clip placed: no clip planes could be fitted to the " + e.past()
                    + " patches missing from the top of their exposure series (a channel never reads above 0, or the planes"
                    + " do not meet in a point)" + asRead;
            case UNBRACKETED -> "highlights: no camera clip placed: the pairs bracket the clip of fewer than "
                    + DigitalClip.CHANNELS + " channels, the rebuild needs " + DigitalClip.CHANNELS + unbracketed(e) + asRead;
        };
    }

    /** "; blue's clip is not bracketed by the pairs (...): blue is never rebuilt", or empty when every plane is placed. */
    private static String unbracketed(ClipEstimate e) {
        java.util.List<String> un = e.unplaced();
        if (un.isEmpty()) {
            return "";
        }
        java.util.List<String> counts = new java.util.ArrayList<>();
        for (int c = 0; c < 3; c++) {
            if (!e.clip().placed(c)) {
                counts.add(Integer.toString(e.first()[c]));
            }
        }
        boolean one = un.size() == 1;
        String names = String.join(" and ", un);
        return "; " + names + (one ? "'s clip is" : "'s clips are") + " not bracketed by the pairs (" + String.join(" and ",
                counts) + " of the " + e.past() + " readings past the clip " + (one ? "are past it" : "are past them")
                + " first, " + DigitalClip.MIN_PAST + " place " + (one ? "it" : "one") + "): " + names + (one ? " is" : " are")
                + " never rebuilt";
    }

    /**
     * {@code selected} with untrained lights of known SPD served from a spectral model fitted on {@code pairs}; when the
     * pairs cannot support one (unknown patch ids, no light with a known SPD) or its fit fails on them (a singular
     * system: pairs far from what a camera and a film produce), the reason is told, returned, and the blend kept: the
     * serving of untrained lights must not cost a training its model.
     */
    static Finished spectralUnseen(FittedModel selected, PairSet pairs, SpectralFit spectral, Consumer<String> say) {
        FittedModel served;
        String refused;
        double seconds = 0;
        try {
            SpectralFit fit = spectral != null ? spectral : SpectralFit.now(pairs);
            SpectralModel sf = fit.model();
            long t0 = System.nanoTime();
            served = SpectralServedModel.fit(selected, sf, pairs, IlluminantFeatures.from(pairs),
                    SpectralModel.chartReflectances());
            seconds = fit.seconds() + (System.nanoTime() - t0) / 1e9;
            refused = null;
        } catch (SpectralRefusedException e) {
            served = selected;
            refused = e.getMessage();
        } catch (IllegalStateException | IllegalArgumentException | ArithmeticException e) {
            served = selected; // the ridge solver's "not positive definite", a degenerate input
            refused = "its fit failed on these pairs: " + e.getMessage();
        }
        // told outside the try: a training's progress may throw to cancel it (CancellationException is an
        // IllegalStateException)
        say.accept(refused != null ? "unseen lights: no spectral model (" + refused + "); untrained lights keep the blend"
                : String.format("unseen lights: spectral model of camera and film fitted in %.1f s%s; untrained lights with a"
                + " known SPD are served from it, anchored on the selected model", seconds,
                spectral != null ? " beside the selection" : ""));
        return new Finished(served, Optional.ofNullable(refused));
    }
}
