package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of a model selection: a fitter, its parameters and the illuminant mode, written
 * {@code name[:key=value]...}, e.g. {@code rbf:centres=48:ridge=1e-3:illuminant=per}.
 * {@code illuminant=conditional} (the default) fits one model with the light's chromaticity as
 * a feature; {@code illuminant=per} fits one illuminant-blind model per light;
 * {@code illuminant=hybrid} is conditional plus shrunk per-light terms (linear-in-parameters
 * fitters only).
 */
public record Candidate(String spec, Fitter fitter, Map<String, String> params, boolean perIlluminant,
                        boolean hybrid) {

    /**
     * The default selection: every fitter, both illuminant modes (the MLP only conditional: one
     * network per light costs as much as the rest of the selection together), and the hybrid
     * mode for the root polynomial, the family that did best on the spectral simulation. The
     * thin-plate spline replaced {@code rbf} here (bench/RESULTS.md, "Fidelity, issue 24": CV
     * 1.90 against 3.16 on portrait-160); {@code rbf} stays registered for existing configs.
     */
    public static final List<String> DEFAULTS = List.of(
            "matrix:illuminant=per", "matrix",
            "polynomial:degree=2:illuminant=per", "polynomial:degree=3",
            "root-polynomial:degree=2:illuminant=per", "root-polynomial:degree=2",
            "root-polynomial:degree=2:illuminant=hybrid",
            "root-polynomial:degree=3:illuminant=per", "root-polynomial:degree=3",
            "tps:illuminant=per",
            "mlp");

    /**
     * Parses a candidate spec.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong with it
     */
    public static Candidate parse(String spec) {
        String s = spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty candidate spec");
        }
        String[] parts = s.split(":");
        Fitter fitter = Fitters.get(parts[0]);
        Map<String, String> params = new LinkedHashMap<>();
        String mode = "conditional";
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("candidate '" + s + "': '" + parts[i] + "' is not key=value");
            }
            String key = parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = parts[i].substring(eq + 1).trim();
            if (key.equals("illuminant")) {
                if (!List.of("per", "conditional", "hybrid").contains(value)) {
                    throw new IllegalArgumentException("candidate '" + s + "': illuminant must be per, conditional or hybrid");
                }
                mode = value;
            } else if (key.equals("loss") && !(fitter instanceof BasisFitter && List.of("squared", "de2000").contains(value))) {
                throw new IllegalArgumentException("candidate '" + s + "': loss must be squared or de2000, on a matrix,"
                        + " polynomial, root-polynomial or rbf candidate");
            } else {
                params.put(key, value);
            }
        }
        return new Candidate(s, fitter, Map.copyOf(params), mode.equals("per"), mode.equals("hybrid"));
    }

    /** Fits this candidate on {@code pairs}; {@code lights} gives every light's chromaticity. */
    public FittedModel fit(PairSet pairs, long seed, IlluminantFeatures lights) {
        if (!perIlluminant) {
            return fitter.fit(pairs, new FitOptions(seed, params, spec, lights, hybrid));
        }
        Map<String, FittedModel> models = new LinkedHashMap<>();
        long s = seed;
        for (Map.Entry<String, PairSet> e : pairs.byIlluminant().entrySet()) {
            models.put(e.getKey(), fitOneLight(e.getValue(), s++));
        }
        return new PerIlluminantModel(spec, models, lights);
    }

    /**
     * One light's model of a per-light candidate; {@link #fit} gives the i-th light of
     * {@code pairs.byIlluminant()} the seed {@code seed + i}.
     */
    FittedModel fitOneLight(PairSet oneLight, long seed) {
        return fitter.fit(oneLight, new FitOptions(seed, params, spec, null, false));
    }
}
