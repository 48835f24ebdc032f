package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads back any {@link FittedModel#toJson} output by its {@code type}: the composite models by name here, every
 * fitter's own model through the fitter registry ({@link Fitters}).
 */
final class Models {

    /** A model type's reader: its JSON node and the model directory its files live in. */
    @FunctionalInterface
    private interface Reader {
        FittedModel read(JsonNode node, Path dir) throws IOException;
    }

    private static final Map<String, Reader> COMPOSITES = Map.of(
            "per-illuminant", PerIlluminantModel::fromJson,
            "stack", StackModel::fromJson,
            "highlights", HighlightModel::fromJson,
            "clip-gate", ClipGateModel::fromJson,
            "spectral-served", SpectralServedModel::fromJson);

    private Models() {}

    static FittedModel fromJson(JsonNode node, Path dir) throws IOException {
        String type = Json.required(node, "type").asText();
        Reader composite = COMPOSITES.get(type);
        return composite != null ? composite.read(node, dir) : Fitters.get(type).fromJson(node, dir);
    }
}
