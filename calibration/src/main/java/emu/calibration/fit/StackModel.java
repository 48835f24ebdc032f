package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A convex combination of several fitted models' film predictions, with weights chosen by
 * {@link Stacking} on predictions of pairs the members had not been fitted on (stacked
 * generalisation, D. H. Wolpert 1992, "Stacked generalization", Neural Networks 5(2); non-negative
 * weights as in L. Breiman 1996, "Stacked regressions", Machine Learning 24). Serves every light
 * its first member serves; the members are written to {@code member-N} subdirectories.
 */
final class StackModel implements FittedModel {

    private final String spec;
    private final List<FittedModel> members;
    private final double[] weights;

    StackModel(String spec, List<FittedModel> members, double[] weights) {
        if (members.size() != weights.length || members.isEmpty()) {
            throw new IllegalArgumentException("model file: stack has " + members.size() + " members and "
                    + weights.length + " weights");
        }
        this.spec = spec;
        this.members = List.copyOf(members);
        this.weights = weights.clone();
    }

    /** The stack's spec for its members, e.g. {@code stack(mlp+tps:illuminant=per)}. */
    static String specOf(List<String> members) {
        return "stack(" + String.join("+", members) + ")";
    }

    double[] weights() {
        return weights.clone();
    }

    List<FittedModel> members() {
        return members;
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        double[] out = new double[digitalRgb.length];
        for (int m = 0; m < members.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[] p = members.get(m).predict(digitalRgb, illuminant);
            for (int i = 0; i < out.length; i++) {
                out[i] += weights[m] * p[i];
            }
        }
        return out;
    }

    @Override
    public List<String> illuminants() {
        return members.get(0).illuminants();
    }

    @Override
    public Serving servingOf(String illuminant) {
        StringBuilder b = new StringBuilder(illuminant + ": a weighted blend of " + members.size() + " models (");
        java.util.Set<Serving.Kind> kinds = new java.util.LinkedHashSet<>();
        java.util.Set<String> lights = new java.util.LinkedHashSet<>();
        for (int m = 0; m < members.size(); m++) {
            Serving s = members.get(m).servingOf(illuminant);
            kinds.add(s.kind());
            lights.addAll(s.lights());
            b.append(m == 0 ? "" : "; ").append(String.format(java.util.Locale.ROOT, "%.2f x ", weights[m]))
                    .append(s.text().substring(s.text().indexOf(':') + 1).trim());
        }
        // the members' kind when they agree (every member of a stack is trained on the same lights)
        return new Serving(kinds.size() == 1 ? kinds.iterator().next() : Serving.Kind.MIXED, List.copyOf(lights),
                b.append(')').toString());
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ObjectNode toJson(Path dir) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "stack");
        o.put("spec", spec);
        Json.putArray(o, "weights", weights);
        var a = o.putArray("members");
        for (int m = 0; m < members.size(); m++) {
            a.add(members.get(m).toJson(dir.resolve("member-" + m)));
        }
        return o;
    }

    static StackModel fromJson(JsonNode o, Path dir) throws IOException {
        List<FittedModel> members = new ArrayList<>();
        JsonNode a = Json.required(o, "members");
        for (int m = 0; m < a.size(); m++) {
            members.add(Models.fromJson(a.get(m), dir.resolve("member-" + m)));
        }
        return new StackModel(o.path("spec").asText(), members, Json.doubles(o.get("weights")));
    }
}
