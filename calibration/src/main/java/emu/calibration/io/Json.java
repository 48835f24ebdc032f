package emu.calibration.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers shared by the model files and the fit report (and {@code emu.calibration.spectral}'s parameters). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static void putArray(ObjectNode o, String field, double[] values) {
        ArrayNode a = o.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    public static double[] doubles(JsonNode a) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("model file: expected a number array");
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    public static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("model file: missing field '" + field + "'");
        }
        return v;
    }
}
