package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The option values a {@link BasisFitter} candidate may take ({@link Fitter#validate}), checked when its spec is
 * parsed: the basis's own ({@code degree} in the basis's range, {@code centres} at least 1), the penalties ({@code
 * ridge}, {@code light-ridge}, {@code smooth} >= 0 or {@code cv}), the counts ({@code iterations} >= 0, {@code
 * smooth-folds} >= 2), {@code smooth-adaptive} true or false, the tone curve's shape ({@code smooth-taper},
 * {@code smooth-order}) and {@code loss}.
 */
final class BasisOptions {

    private BasisOptions() {}

    /** {@code parameters}: the fitter's; {@code basis}: its basis, which for a {@code degree} reads no pairs. */
    static void validate(FitOptions options, Set<String> parameters, BiFunction<PairSet, FitOptions, Basis> basis) {
        if (parameters.contains("degree")) {
            try {
                basis.apply(null, options); // the degree bases read the degree only, not the pairs
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("candidate '") ? e
                        : new IllegalArgumentException("candidate '" + options.spec() + "': " + e.getMessage(), e);
            }
        }
        if (parameters.contains("centres")) {
            options.require(options.integer("centres", 32) >= 1, "centres must be at least 1, got "
                    + options.text("centres", ""));
        }
        for (String key : new String[] {"ridge", "light-ridge"}) {
            double v = options.number(key, 0);
            options.require(v >= 0 && Double.isFinite(v), key + " must be >= 0, got " + options.text(key, ""));
        }
        options.require(options.integer("iterations", 30) >= 0, "iterations must be >= 0, got "
                + options.text("iterations", ""));
        String smooth = options.text("smooth", BasisFitter.DEFAULT_SMOOTH);
        if (!smooth.equalsIgnoreCase("cv")) {
            double v = options.number("smooth", 0);
            options.require(v >= 0 && Double.isFinite(v), "smooth must be >= 0 or cv, got " + smooth);
        }
        options.require(options.integer("smooth-folds", 5) >= 2, "smooth-folds must be at least 2, got "
                + options.text("smooth-folds", ""));
        String adaptive = options.text("smooth-adaptive", BasisFitter.DEFAULT_ADAPTIVE);
        options.require(adaptive.equalsIgnoreCase("true") || adaptive.equalsIgnoreCase("false"),
                "smooth-adaptive must be true or false, got " + adaptive);
        BasisFitter.shape(options);
        BasisFitter.perceptual(options);
    }
}
