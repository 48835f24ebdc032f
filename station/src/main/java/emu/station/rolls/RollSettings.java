package emu.station.rolls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.RollRepository.Roll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a roll was loaded: the camera body, the box speed, how many frames it holds, whether the
 * slate stands in the frame, how the camera is fired. Stored with the roll and in its log entry as
 * JSON ({@code rolls.notes}); read here, once, into types.
 */
public record RollSettings(String camera, int iso, int frames, boolean slate, Trigger trigger) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings of a stored roll (defaults for keys an older station did not write). */
    public static RollSettings of(Roll roll) {
        JsonNode n;
        try {
            n = JSON.readTree(roll.notes() == null || roll.notes().isBlank() ? "{}" : roll.notes());
        } catch (IOException e) {
            throw new UncheckedIOException("roll " + roll.code() + " has unreadable details: " + e.getMessage(), e);
        }
        return new RollSettings(n.path("camera").asText(""), n.path("iso").asInt(100), n.path("frames").asInt(36),
                n.path("slate").asBoolean(false), Trigger.of(n.path("trigger").asText(Trigger.RIG_SHUTTER.label())));
    }

    /** As stored: {@code {"camera", "iso", "frames", "slate", "trigger"}}. */
    String json() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("camera", camera == null ? "" : camera);
        d.put("iso", iso);
        d.put("frames", frames);
        d.put("slate", slate);
        d.put("trigger", trigger.label());
        return Rolls.json(d);
    }
}
