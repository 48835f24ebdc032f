package emu.station.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
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
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule()
            .addSerializer(Instant.class, new ToStringSerializer())
            .addSerializer(new OptionalSerializer()));

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
