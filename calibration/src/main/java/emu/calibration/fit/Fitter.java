package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A way to learn a {@link ColourModel} from pairs; registered by name in {@link Fitters}. */
public interface Fitter {

    String name();

    /**
     * The candidate-spec parameters this fitter reads ({@code tps:centres=300}: {@code centres}), besides those every
     * candidate takes ({@link Candidate#parse}); a spec naming another is refused up front, so that a misspelt key
     * ("centers") cannot fit silently with the default.
     */
    java.util.Set<String> parameters();

    /**
     * Fits one model. When {@code options.illuminants()} is present the model takes the
     * illuminant's chromaticity as a feature (one conditional model); otherwise it ignores the
     * illuminant (the per-illuminant mode fits one such model per light).
     */
    FittedModel fit(PairSet pairs, FitOptions options);

    /**
     * Refuses option values this fitter cannot fit with ({@code tps:centres=-3}, {@code root-polynomial:degree=7}),
     * naming the spec and the value ({@link FitOptions#require}); run by {@link Candidate#parse} on the spec's own
     * parameters, without pairs, so that a bad value fails `station fit` and a config.toml up front rather than every
     * fit at training time: what {@link #fit} would refuse whatever the pairs, and values outside the documented
     * range that it would silently read as something else (folds=1: no cross-validation).
     */
    default void validate(FitOptions options) {}

    /**
     * The hyper-parameters {@link #fit} would choose from {@code pairs} by its own cross-validation, as spec
     * parameters that fix them (grid, tps: {@code log-lambdas=0/-1/-1}), or none. {@code fit(pairs, options + tune(pairs,
     * options))} is the same model as {@code fit(pairs, options)}. The selection tunes a per-light candidate once per
     * light on all the light's pairs and reuses the choice in its folds ({@link ModelSelection}), instead of one
     * inner cross-validation per fold.
     */
    default Map<String, String> tune(PairSet pairs, FitOptions options) {
        return Map.of();
    }

    /** Reads a model this fitter wrote with {@link FittedModel#toJson}. */
    FittedModel fromJson(JsonNode node, Path dir) throws IOException;

    /**
     * Whether one fit costs more than one fit of every other default candidate together, so that the selection
     * may stop its patch cross-validation early ({@link Racing}) once its scores show it cannot be a finalist.
     * Such a candidate cannot join the stack as a non-finalist either when the selection has L lights with
     * L + 2 >= 2 x {@link ModelSelection#STACK_BUDGET} x folds (L >= 1 at 5 folds): it joins only when
     * (L + 2) x its seconds per fit <= STACK_BUDGET x folds x (its own + the others' seconds), which then needs
     * its seconds to be at most the others' sum. A property of the fitter, not a measured time, so that the
     * decision is the same on any machine.
     */
    default boolean expensive() {
        return false;
    }

    /** Whether it fits one model per light only, so that a spec must say {@code illuminant=per} ({@link Candidate#parse}). */
    default boolean perLightOnly() {
        return false;
    }
}
