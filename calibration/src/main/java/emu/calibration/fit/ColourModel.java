package emu.calibration.fit;

import java.util.List;

/**
 * A fitted mapping from what the digital camera saw to what the film scan shows.
 *
 * <p>Input: scene-linear camera RGB in Rec.709 primaries with a fixed daylight white balance,
 * 18% grey at EV 0 = 0.18 (may be negative or above 1). Output: film-scan RGB as the lab
 * delivered it, 0..1 (sRGB-encoded display values for ordinary scans). The illuminant the
 * scene was lit by is a condition: camera and film see metameric colours differently, so the
 * mapping depends on the light (DESIGN.md, "Pairs CSV").
 *
 * <p>Implementations are immutable and safe to call from many threads.
 */
public interface ColourModel {

    /**
     * Predicts film RGB for {@code n} digital RGB triples, all under one illuminant.
     *
     * @param digitalRgb row-major {@code n x 3} scene-linear values
     * @param illuminant an illuminant name (e.g. {@code D65}, {@code A}); models that take the
     *     illuminant as a feature may serve names they were not trained on
     * @return a new row-major {@code n x 3} array of film values
     * @throws IllegalArgumentException if the model cannot serve {@code illuminant}
     */
    double[] predict(double[] digitalRgb, String illuminant);

    /** The illuminants the model was trained on, in a stable order. */
    List<String> illuminants();

    /**
     * How {@code illuminant} is served, for the operator to read beside an export: a trained
     * light, or what stands in for one it never saw.
     *
     * @throws IllegalArgumentException if the model cannot serve {@code illuminant}
     */
    default String serving(String illuminant) {
        return servingOf(illuminant).text();
    }

    /**
     * The same, structured: what kind of serving, which trained lights stand in, and the sentence {@link #serving}
     * returns.
     *
     * @throws IllegalArgumentException if the model cannot serve {@code illuminant}
     */
    default Serving servingOf(String illuminant) {
        return illuminants().contains(illuminant) ? Serving.trained(illuminant) : new Serving(Serving.Kind.INPUT,
                java.util.List.of(), illuminant + ": not trained; predicted from its chromaticity as a model input");
    }
}
