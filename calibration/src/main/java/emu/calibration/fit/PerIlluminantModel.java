package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One illuminant-blind model per training light. A light it was not trained on is served by
 * the nearest trained lights of its spectral family ({@link #nearest}), when its chromaticity is
 * known ({@link IlluminantFeatures}); otherwise it is refused. (Serving it by the mixture of
 * trained lights that best matches its spectrum was tried and is not used: better by
 * leave-one-light-out on training pairs, worse on the held-out unseen lights of bench/fidelity,
 * bench/RESULTS.md, issue 24 "unseen lights from spectra".)
 *
 * <p>With a shared part (a candidate's {@code unseen-shrink}, {@link Candidate}) an untrained light U is
 * served as shared(U) + s * sum_k w_k (model_k - shared(k)), k its blend neighbours, w_k their blend
 * weights, s in [0, 1]: one model fitted across all trained lights (and so across all their developed
 * rolls) with the light as a continuous input, plus the neighbours' own deviations from it, shrunk.
 * s = 1 is the blend moved by the shared model's change of light between the neighbours and U (none
 * where U lies on the line between them); s = 0 is the shared model alone.
 */
final class PerIlluminantModel implements FittedModel {

    private final String spec;
    private final Map<String, FittedModel> models;
    private final IlluminantFeatures illuminants;
    private final List<String> order;
    /**
     * The model shared across lights that serves untrained lights, or null (blend only); fitted on
     * first use, so cross-validation by patch (trained lights only) never pays for it.
     */
    private final Supplier<FittedModel> shared;
    private final double shrink;

    PerIlluminantModel(String spec, Map<String, FittedModel> models, IlluminantFeatures illuminants) {
        this(spec, models, illuminants, null, 1);
    }

    PerIlluminantModel(String spec, Map<String, FittedModel> models, IlluminantFeatures illuminants,
                       Supplier<FittedModel> shared, double shrink) {
        if (!(shrink >= 0 && shrink <= 1)) {
            throw new IllegalArgumentException("unseen-shrink must be in [0, 1], got " + shrink);
        }
        this.spec = spec;
        this.models = new LinkedHashMap<>(models);
        this.illuminants = illuminants;
        this.order = List.copyOf(models.keySet());
        this.shared = shared == null ? null : memo(shared);
        this.shrink = shrink;
    }

    /**
     * The same models without {@code light}'s: how it is served when it was never trained. A shared
     * part must be refitted without the light's pairs ({@link #withShared}); it is dropped here.
     */
    PerIlluminantModel without(String light) {
        Map<String, FittedModel> rest = new LinkedHashMap<>(models);
        rest.remove(light);
        return new PerIlluminantModel(spec, rest, illuminants);
    }

    /** The same per-light models, untrained lights served from {@code part} (fitted when first needed), shrink {@code s}. */
    PerIlluminantModel withShared(Supplier<FittedModel> part, double s) {
        return new PerIlluminantModel(spec, models, illuminants, part, s);
    }

    private static Supplier<FittedModel> memo(Supplier<FittedModel> fit) {
        return new Supplier<>() {
            private FittedModel value;

            @Override
            public synchronized FittedModel get() {
                if (value == null) {
                    value = fit.get();
                }
                return value;
            }
        };
    }

    boolean hasShared() {
        return shared != null;
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        FittedModel m = models.get(illuminant);
        if (m != null) {
            return m.predict(digitalRgb, illuminant);
        }
        List<String> near = nearest(illuminant);
        if (shared != null) {
            return fromShared(digitalRgb, illuminant, near);
        }
        if (near.size() == 1) {
            return models.get(near.get(0)).predict(digitalRgb, near.get(0));
        }
        // Inverse-distance blend of the two nearest lights of the same spectral family.
        double[] w = weights(illuminant, near);
        double[] out = new double[digitalRgb.length];
        double total = 0;
        for (int k = 0; k < w.length; k++) {
            total += w[k];
            double[] p = models.get(near.get(k)).predict(digitalRgb, near.get(k));
            for (int i = 0; i < out.length; i++) {
                out[i] += w[k] * p[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }

    /** Inverse-distance weights in CIE 1960 uv of {@code near} for {@code name} (not normalised; 1 for one light). */
    private double[] weights(String name, List<String> near) {
        double[] uv = illuminants.uv(name);
        double[] w = new double[near.size()];
        for (int k = 0; k < w.length; k++) {
            double[] o = illuminants.uv(near.get(k));
            w[k] = near.size() == 1 ? 1 : 1 / Math.hypot(o[0] - uv[0], o[1] - uv[1]);
        }
        return w;
    }

    /** shared(U) + shrink * sum_k w_k (model_k(x) - shared(x, k)). */
    private double[] fromShared(double[] digitalRgb, String illuminant, List<String> near) {
        FittedModel part = shared.get();
        double[] out = part.predict(digitalRgb, illuminant);
        if (shrink == 0) {
            return out;
        }
        double[] w = weights(illuminant, near);
        double total = java.util.Arrays.stream(w).sum();
        for (int k = 0; k < w.length; k++) {
            String l = near.get(k);
            double[] own = models.get(l).predict(digitalRgb, l);
            double[] base = part.predict(digitalRgb, l);
            for (int i = 0; i < out.length; i++) {
                out[i] += shrink * w[k] / total * (own[i] - base[i]);
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, Math.min(1, out[i])); // film values, as every member model's tone curves give
        }
        return out;
    }

    /**
     * The trained lights that serve {@code name}: among the trained lights of its spectral family
     * (line-spectrum fluorescent FLn/Fn, blue-pumped LED-..., or broadband: A, Dnn, nnnnK and the
     * continuous-spectrum FL7-FL9 and LED-V1/V2; all lights when the family is
     * unknown or untrained) the nearest in CIE 1960 uv, and the second nearest unless the first
     * has the same chromaticity. Family first because metamerism follows the spectrum's shape,
     * not its chromaticity: a 4000 K lamp is not served well by a triband fluorescent of the same
     * colour.
     */
    List<String> nearest(String name) {
        double[] uv = illuminants.uv(name);
        String family = family(name);
        List<String> pool = order.stream().filter(k -> family(k).equals(family)).toList();
        if (pool.isEmpty() || family.isEmpty()) {
            pool = order;
        }
        List<String> sorted = new java.util.ArrayList<>(pool);
        sorted.sort(java.util.Comparator.comparingDouble(k -> {
            double[] o = illuminants.uv(k);
            return Math.hypot(o[0] - uv[0], o[1] - uv[1]);
        }));
        double[] first = illuminants.uv(sorted.get(0));
        if (sorted.size() == 1 || Math.hypot(first[0] - uv[0], first[1] - uv[1]) < 1e-4) {
            return List.of(sorted.get(0));
        }
        return List.copyOf(sorted.subList(0, 2));
    }

    @Override
    public Serving servingOf(String illuminant) {
        if (models.containsKey(illuminant)) {
            return Serving.trained(illuminant);
        }
        List<String> near = nearest(illuminant);
        if (shared != null) {
            return new Serving(Serving.Kind.SHARED, near, illuminant + ": not trained; served by the model shared across"
                    + " lights (" + shared.get().spec() + ") plus " + shrink + " x the deviations from it of "
                    + String.join(" and ", near));
        }
        return new Serving(Serving.Kind.BLEND, near, illuminant + ": not trained; served by " + (near.size() == 1
                ? near.get(0) : "an inverse-distance blend of " + near.get(0) + " and " + near.get(1))
                + (family(illuminant).isEmpty() ? " (nearest in chromaticity)" : " (nearest of its spectral family)"));
    }

    static String family(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.matches("FL?[789]") || n.startsWith("LED-V")) {
            // Continuous-spectrum lamps: the broad-band fluorescents F7-F9 (CIE 15:2004's groups:
            // F1-F6 standard, F7-F9 broad-band, F10-F12 three-narrow-band) and the violet-pumped
            // phosphor LEDs LED-V1/V2 (CIE 15:2018's LED series). bench/fidelity, exported LUTs,
            // default selection: FL7 5.90 -> 2.24 dE00 mean (served by FL2 -> D65), LED-V1
            // 5.56 -> 3.46 (LED-B3 -> A + D50) on portrait-160; same direction on two more stocks.
            return "broadband";
        }
        if (n.matches("FL?\\d+.*")) {
            return "fluorescent";
        }
        if (n.startsWith("LED")) {
            return "led";
        }
        if (n.equals("A") || n.matches("D\\d{2,3}") || n.matches("\\d{3,5}(\\.\\d+)?\\s*K")) {
            return "broadband";
        }
        return "";
    }

    @Override
    public List<String> illuminants() {
        return order;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ObjectNode toJson(Path dir) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "per-illuminant");
        o.put("spec", spec);
        o.set("illuminants", illuminants.toJson());
        ObjectNode children = o.putObject("models");
        int i = 0;
        for (String k : order) {
            Path sub = dir.resolve("light-" + i++);
            children.set(k, models.get(k).toJson(sub));
        }
        if (shared != null) {
            o.set("shared", shared.get().toJson(dir.resolve("shared")));
            o.put("shrink", shrink);
        }
        return o;
    }

    static PerIlluminantModel fromJson(JsonNode o, Path dir) throws IOException {
        Map<String, FittedModel> models = new LinkedHashMap<>();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.required(o, "models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            models.put(e.getKey(), Models.fromJson(e.getValue(), dir.resolve("light-" + i++)));
        }
        FittedModel shared = o.has("shared") ? Models.fromJson(o.get("shared"), dir.resolve("shared")) : null;
        return new PerIlluminantModel(o.path("spec").asText(), models,
                IlluminantFeatures.fromJson(Json.required(o, "illuminants")), shared == null ? null : () -> shared,
                o.path("shrink").asDouble(1));
    }
}
