package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/** Reads back any {@link FittedModel#toJson} output by its {@code type}. */
final class Models {

    private Models() {}

    static FittedModel fromJson(JsonNode node, Path dir) throws IOException {
        String type = Json.required(node, "type").asText();
        if (type.equals("per-illuminant")) {
            return PerIlluminantModel.fromJson(node, dir);
        }
        if (type.equals("highlights")) {
            return HighlightModel.fromJson(node, dir);
        }
        if (type.equals("clip-gate")) {
            return ClipGateModel.fromJson(node, dir);
        }
        if (type.equals("spectral-served")) {
            return SpectralServedModel.fromJson(node, dir);
        }
        if (type.equals("stack")) {
            return StackModel.fromJson(node, dir);
        }
        return Fitters.get(type).fromJson(node, dir);
    }
}
