package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The selected model behind highlight reconstruction ({@link DigitalClip}): digital readings at or
 * near the camera's clip have their clipped channels rebuilt before the model sees them, so a
 * blown highlight is predicted as the bright, nearly neutral film it was rather than as the
 * magenta a clipped sensor reads. Readings clear of the clip pass unchanged. Written as type
 * {@code highlights} around the model's own JSON; its spec is the model's.
 */
final class HighlightModel implements FinishingStep {

    private final FittedModel model;
    private final DigitalClip clip;

    HighlightModel(FittedModel model, DigitalClip clip) {
        this.model = model;
        this.clip = clip;
    }

    FittedModel model() {
        return model;
    }

    @Override
    public FittedModel inner() {
        return model;
    }

    DigitalClip clip() {
        return clip;
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        double[] in = digitalRgb.clone();
        clip.reconstruct(in, illuminant);
        return model.predict(in, illuminant);
    }




    @Override
    public ObjectNode toJson(Path dir) throws IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "highlights");
        o.set("clip", clip.toJson());
        o.set("model", model.toJson(dir));
        return o;
    }

    static HighlightModel fromJson(JsonNode o, Path dir) throws IOException {
        return new HighlightModel(Models.fromJson(Json.required(o, "model"), dir), DigitalClip.fromJson(Json.required(o, "clip")));
    }
}
