package emu.station.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import emu.station.errors.InvalidInputException;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The station's one JSON setup, used for every answer ({@link ApiServer} hands it to Javalin, so
 * {@code ctx.json} uses it too) and for reading request bodies into a {@link Body}. Records become
 * objects, {@link Optional} its value or null, {@link Instant} ISO-8601 text.
 *
 * <p>One key style across the API (issue 15, docs/api.md): snake_case. Record and bean properties
 * are renamed by Jackson's naming strategy ({@code capturedAt} -> {@code captured_at}); map keys are
 * data (illuminant names, EVs) or written snake_case by hand, and are left as they are.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new ToStringSerializer())
                    .addSerializer(new OptionalSerializer()));

    /** A lower-case letter or digit followed by a capital: the hump of a camelCase key. */
    private static final java.util.regex.Pattern HUMP = java.util.regex.Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    /**
     * {@code node} with its camelCase object keys written snake_case, at every depth, for JSON the
     * station passes on but does not write itself (the fit report file, whose format belongs to
     * {@code calibration}). Keys without a lower-to-upper hump ({@code D65}, {@code LED-B3}) are data
     * and stay as they are.
     */
    public static JsonNode snakeKeys(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            var out = MAPPER.createArrayNode();
            node.forEach(e -> out.add(snakeKeys(e)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = MAPPER.createObjectNode();
        node.fields().forEachRemaining(e -> out.set(snakeKey(e.getKey()), snakeKeys(e.getValue())));
        return out;
    }

    /** {@code camelCase} -> {@code camel_case}; any other key unchanged. */
    public static String snakeKey(String key) {
        return key.matches("[a-z][A-Za-z0-9]*") ? HUMP.matcher(key).replaceAll("_").toLowerCase(java.util.Locale.ROOT) : key;
    }

    private Json() {}

    /** Answers {@code body} as JSON with the status already set on {@code ctx}. */
    public static void send(Context ctx, Object body) {
        ctx.contentType("application/json").result(write(body));
    }

    /** {@code value} as JSON text; a value that cannot be written is a bug (500). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getMessage(), e);
        }
    }

    /** The request body, which must be a JSON object; else 400 saying what is wrong. */
    public static Body body(Context ctx) {
        return new Body(parseObject(ctx.body()));
    }

    /** Like {@link #body} but an empty body reads as {@code {}} (routes whose fields are all optional). */
    public static Body optionalBody(Context ctx) {
        return ctx.body().isBlank() ? new Body(MAPPER.createObjectNode()) : body(ctx);
    }

    /** A body's text as the handlers see it ({@link #body}); for the fuzz test of JSON bodies. */
    static Body parse(String text) {
        return new Body(parseObject(text));
    }

    private static JsonNode parseObject(String text) {
        JsonNode n;
        try {
            n = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(null, "the body must be a JSON object");
        }
        // A camelCase key (the UI's style before issue 15) would otherwise be ignored silently:
        // {"retryFailed": true} must not start a shoot that skips the failed steps.
        n.fieldNames().forEachRemaining(k -> {
            if (!snakeKey(k).equals(k)) {
                throw new InvalidInputException(k, "keys are snake_case: send \"" + snakeKey(k) + "\", not \"" + k + "\"");
            }
        });
        return n;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class OptionalSerializer extends StdSerializer<Optional> {
        OptionalSerializer() {
            super(Optional.class);
        }

        @Override
        public void serialize(Optional value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), gen);
            } else {
                gen.writeNull();
            }
        }
    }
}
