package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One illuminant-blind model per training light. A light it was not trained on is served by the
 * trained light nearest in CIE 1960 uv, when the light's chromaticity is known
 * ({@link IlluminantFeatures}); otherwise it is refused.
 */
final class PerIlluminantModel implements FittedModel {

    private final String spec;
    private final Map<String, FittedModel> models;
    private final IlluminantFeatures illuminants;
    private final List<String> order;

    PerIlluminantModel(String spec, Map<String, FittedModel> models, IlluminantFeatures illuminants) {
        this.spec = spec;
        this.models = new LinkedHashMap<>(models);
        this.illuminants = illuminants;
        this.order = List.copyOf(models.keySet());
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        FittedModel m = models.get(illuminant);
        if (m == null) {
            m = models.get(nearest(illuminant));
        }
        return m.predict(digitalRgb, illuminant);
    }

    /** The trained light nearest to {@code name} in CIE 1960 uv. */
    String nearest(String name) {
        double[] uv = illuminants.uv(name);
        String best = null;
        double bd = Double.POSITIVE_INFINITY;
        for (String k : order) {
            double[] o = illuminants.uv(k);
            double d = Math.hypot(o[0] - uv[0], o[1] - uv[1]);
            if (d < bd) {
                bd = d;
                best = k;
            }
        }
        return best;
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
        return o;
    }

    static PerIlluminantModel fromJson(JsonNode o, Path dir) throws IOException {
        Map<String, FittedModel> models = new LinkedHashMap<>();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.required(o, "models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            models.put(e.getKey(), Models.fromJson(e.getValue(), dir.resolve("light-" + i++)));
        }
        return new PerIlluminantModel(o.path("spec").asText(), models,
                IlluminantFeatures.fromJson(Json.required(o, "illuminants")));
    }
}
