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

    /**
     * {@code key}'s value as {@code count} finite numbers separated by '/' (e.g. {@code log-lambdas=0/-1/-1}; not
     * commas, at which {@code station fit --candidates} splits its list); refuses any other value naming the spec and key.
     */
    double[] numbers(String key, int count) {
        String v = params.getOrDefault(key, "");
        String[] parts = v.split("/", -1);
        double[] out = new double[count];
        boolean ok = parts.length == count;
        for (int i = 0; ok && i < count; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                out[i] = Double.NaN;
            }
            ok = Double.isFinite(out[i]);
        }
        require(ok, key + " must be " + count + " finite numbers separated by /, got " + v);
        return out;
    }

    /**
     * The smoothing fitters' ({@link GridFitter}, {@link TpsFitter}) per-channel log10 lambdas, red, green, blue:
     * what their cross-validation chose ({@link Fitter#tune}), or a user's fixed choice.
     */
    static final String LOG_LAMBDAS = "log-lambdas";

    /** {@link #LOG_LAMBDAS} (three), or null when the spec does not fix them; refused together with lambda. */
    double[] logLambdas() {
        if (!params.containsKey(LOG_LAMBDAS)) {
            return null;
        }
        require(!params.containsKey("lambda"), "give lambda or " + LOG_LAMBDAS + ", not both");
        return numbers(LOG_LAMBDAS, 3);
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
