package emu.calibration.fit;

import java.util.Map;

/**
 * What one fit needs besides the pairs: the seed (every random choice derives from it), the
 * fitter's parameters from the candidate spec, the spec itself, and the illuminant features
 * when fitting one conditional model (null for an illuminant-blind model), and whether that model
 * also gets shrunk per-light terms ({@code illuminant=hybrid}).
 */
public record FitOptions(long seed, Map<String, String> params, String spec, IlluminantFeatures illuminants,
                         boolean perLightTerms) {

    public FitOptions {
        params = Map.copyOf(params);
    }

    double number(String key, double fallback) {
        String v = params.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("candidate '" + spec + "': " + key + "=" + v + " is not a number");
        }
    }

    int integer(String key, int fallback) {
        double d = number(key, fallback);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("candidate '" + spec + "': " + key + " must be a whole number");
        }
        return (int) d;
    }

    String text(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }

    /** Refuses the spec unless {@code ok}: {@code problem} says which value and why ({@link Fitter#validate}). */
    void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("candidate '" + spec + "': " + problem);
        }
    }
}
