package emu.station.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.errors.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 15: the API's one key style, snake_case, as {@link Json} writes answers and reads bodies. */
class JsonKeyStyleTest {
    record Capture(long id, String stepId, Optional<Instant> capturedAt, boolean bad, String badReason, double heldOutDe2000) {}

    @Test
    void recordPropertiesAreWrittenSnakeCaseAndMapKeysAsTheyAre() throws Exception {
        String json = Json.write(Map.of("capture", new Capture(7, "s-1", Optional.empty(), false, "", 1.5),
                "per_illuminant", Map.of("LED-B3", 1, "D65", 2)));
        var n = Json.MAPPER.readTree(json);
        assertEquals("s-1", n.at("/capture/step_id").asText(), json);
        assertTrue(n.at("/capture/captured_at").isNull(), json);
        assertEquals("", n.at("/capture/bad_reason").asText(), json);
        assertEquals(1.5, n.at("/capture/held_out_de2000").asDouble(), json);
        assertEquals(2, n.at("/per_illuminant/D65").asInt(), "data keys (light names) are not renamed: " + json);
        assertEquals(1, n.at("/per_illuminant/LED-B3").asInt(), json);
    }

    @Test
    void passedOnJsonGetsSnakeCaseKeysButDataKeysStay() throws Exception {
        var report = Json.MAPPER.readTree("""
                {"refitSeconds": 1, "candidates": [{"crossValidationByPatch": {"perIlluminant": {"D65": {"mean": 1},
                 "LED-B3": {"maxDeltaE": 2}}, "perEv": {"-1.0": 3}, "worstPatches": [{"worstEv": 0}]}}], "LOIO": 4}""");
        var out = Json.snakeKeys(report);
        assertEquals(1, out.path("refit_seconds").asInt(), out.toString());
        var cv = out.at("/candidates/0/cross_validation_by_patch");
        assertEquals(1, cv.at("/per_illuminant/D65/mean").asInt(), out.toString());
        assertEquals(2, cv.path("per_illuminant").path("LED-B3").path("max_delta_e").asInt(), out.toString());
        assertEquals(3, cv.path("per_ev").path("-1.0").asInt(), out.toString());
        assertEquals(0, cv.at("/worst_patches/0/worst_ev").asInt(), out.toString());
        assertEquals(4, out.path("LOIO").asInt(), "not camelCase: left alone");
    }

    @Test
    void aCamelCaseBodyKeyIsRefusedNamingTheSnakeCaseOne() {
        var e = assertThrows(InvalidInputException.class, () -> Json.parse("{\"retryFailed\": true}"));
        assertEquals("retryFailed", e.field());
        assertTrue(e.getMessage().contains("\"retry_failed\""), e.getMessage());
        assertTrue(Json.parse("{\"retry_failed\": true, \"push_pull\": 1, \"new_stock\": false}").bool("retry_failed"));
    }
}
