package emu.calibration.fit;

import java.util.List;
import java.util.Objects;

/**
 * How a model serves one light, structured for a program (the station's export rows, its web page) and said in full
 * for the operator ({@link #text}, what {@code station export} prints as "note: ...").
 *
 * @param kind what serves the light
 * @param lights the trained lights that stand in for it: the two (or one) nearest for a blend or a shared part,
 *     empty otherwise
 * @param text the full sentence, starting with the light's name
 */
public record Serving(Kind kind, List<String> lights, String text) {
    /** What serves a light. */
    public enum Kind {
        /** The light was trained on. */
        TRAINED,
        /** Not trained: the spectral camera and film model from the light's SPD ({@link SpectralServedModel}). */
        SPECTRAL,
        /** Not trained: the (inverse-distance) blend of the nearest trained lights ({@link #lights}). */
        BLEND,
        /** Not trained: the model shared across lights plus its neighbours' shrunk deviations ({@link #lights}). */
        SHARED,
        /** Not trained: a model that takes the light's chromaticity as an input. */
        INPUT,
        /** Not trained: a stack whose members serve it in different ways (said in {@link #text}). */
        MIXED
    }

    public Serving {
        Objects.requireNonNull(kind, "kind");
        lights = List.copyOf(lights);
        Objects.requireNonNull(text, "text");
    }

    /** A light the model was trained on. */
    static Serving trained(String light) {
        return new Serving(Kind.TRAINED, List.of(), light + ": trained");
    }

    /** The same serving said with {@code text}. */
    Serving withText(String text) {
        return new Serving(kind, lights, text);
    }
}
