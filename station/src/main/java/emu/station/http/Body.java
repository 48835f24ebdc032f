package emu.station.http;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON object body with typed field readers: a missing required field or a value of
 * the wrong type is an {@link InvalidInputException} naming the field (400), never a 500.
 */
public final class Body {
    private final JsonNode node;

    Body(JsonNode node) {
        this.node = node;
    }

    /** The raw object, for fields with a shape of their own (validated by their owner). */
    public JsonNode node() {
        return node;
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** A string field; null when absent and not required. */
    public String text(String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException(key, "\"" + key + "\" is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(key, "\"" + key + "\" must be a string");
        }
        return checkedText(key, v.asText());
    }

    /** The longest text field accepted (names, reasons, paths); issue 16 saw 100 KB set names stored. */
    public static final int MAX_TEXT = 1024;

    /** Refuses text over {@link #MAX_TEXT} characters or holding control characters (NUL, newlines, ESC). */
    static String checkedText(String key, String t) {
        if (t.length() > MAX_TEXT) {
            throw new InvalidInputException(key, "\"" + key + "\" is " + t.length() + " characters; at most " + MAX_TEXT);
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new InvalidInputException(key, "\"" + key + "\" holds a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1));
            }
        }
        return t;
    }

    /** An integer field, {@code def} when absent. */
    public int integer(String key, int def) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInputException(key, "\"" + key + "\" must be an integer");
        }
        return v.asInt();
    }

    /** A boolean field, false when absent. */
    public boolean bool(String key) {
        return bool(key, false);
    }

    /** A boolean field; when {@code required} its absence is refused (so a typo cannot flip it silently). */
    public boolean bool(String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidInputException(key, "\"" + key + "\" is required: true or false");
            }
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(key, "\"" + key + "\" must be true or false");
        }
        return v.asBoolean();
    }

    /** An array of non-empty strings; null when absent. */
    public List<String> strings(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(key, "\"" + key + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new InvalidInputException(key, "\"" + key + "\" must be an array of non-empty strings");
            }
            out.add(checkedText(key, e.asText()));
        }
        return out;
    }

    /** An array of numbers; null when absent. */
    public List<Double> doubles(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidInputException(key, "\"" + key + "\" must be an array of numbers");
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isNumber()) {
                throw new InvalidInputException(key, "\"" + key + "\" must be an array of numbers");
            }
            out.add(e.asDouble());
        }
        return out;
    }
}
