package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.camera.CameraTimeoutException;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.testing.ApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one exception-to-status mapping ({@code http.ApiErrors}) on a real daemon and the real
 * workflow API: faults injected inside handlers (a module whose routes throw) answer by meaning,
 * and an unexpected exception, even an {@link IllegalStateException}, is a 500 with an id, never
 * a 409; wrong JSON types on real routes are 400s naming the field.
 */
@Timeout(120)
class ApiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private Daemon daemon;
    private final ApiClient api = ApiClient.of(() -> daemon.url());

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[http]", "port = 0",
                "[rig]", "settle_seconds = 0.0", "[training]", "schedule = \"\"", ""));
        StationModule faults = (d, routes) -> {
            routes.get("/api/test/internal", ctx -> {
                throw new IllegalStateException("NaN found while baking");
            });
            routes.get("/api/test/illegal-argument", ctx -> {
                throw new IllegalArgumentException("a bug, not the user's input");
            });
            routes.get("/api/test/npe", ctx -> {
                throw new NullPointerException();
            });
            routes.get("/api/test/conflict", ctx -> {
                throw new ConflictException("paused", "the shoot is paused");
            });
            routes.get("/api/test/invalid", ctx -> {
                throw new InvalidInputException("iso", "iso must be 1..25600");
            });
            routes.get("/api/test/missing", ctx -> {
                throw new NotFoundException("no roll 7");
            });
            routes.get("/api/test/camera", ctx -> {
                throw new CameraTimeoutException("sim", "the camera did not answer in 5 s");
            });
        };
        daemon = Daemon.start(StationConfig.load(cfg), List.of(new WorkflowApi(ctx -> { }), faults), false);
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void anUnexpectedExceptionIsA500WithAnIdNeverA409() throws Exception {
        for (String path : List.of("/api/test/internal", "/api/test/illegal-argument", "/api/test/npe")) {
            HttpResponse<String> r = api.call("GET", path, null);
            assertEquals(500, r.statusCode(), path + ": " + r.body());
            JsonNode b = JSON.readTree(r.body());
            assertTrue(b.path("id").asText().matches("[0-9a-f]{8}"), r.body());
            assertTrue(b.path("error").asText().contains(b.path("id").asText()), r.body());
            assertFalse(r.body().contains("NaN") || r.body().contains("a bug"), "internals stay in the log: " + r.body());
        }
    }

    @Test
    void stationExceptionsAnswerByMeaning() throws Exception {
        HttpResponse<String> r = api.call("GET", "/api/test/conflict", null);
        assertEquals(409, r.statusCode());
        assertEquals("paused", JSON.readTree(r.body()).path("state").asText());
        r = api.call("GET", "/api/test/invalid", null);
        assertEquals(400, r.statusCode());
        assertEquals("iso", JSON.readTree(r.body()).path("field").asText());
        r = api.call("GET", "/api/test/missing", null);
        assertEquals(404, r.statusCode());
        assertEquals("no roll 7", JSON.readTree(r.body()).path("error").asText());
        r = api.call("GET", "/api/test/camera", null);
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("did not answer"), r.body());
    }

    @Test
    void wrongJsonTypesOnRealRoutesNameTheField() throws Exception {
        assertField(api.call("POST", "/api/sets", "{\"name\": 5, \"stock\": \"portrait-160\"}"), "name");
        assertField(api.call("POST", "/api/sets", "{\"name\": \"a\", \"stock\": \"portrait-160\", \"illuminants\": [1]}"), "illuminants");
        assertField(api.call("POST", "/api/sets", "{\"name\": \"a\", \"stock\": \"portrait-160\", \"chart\": \"nochart\"}"), "chart");
        assertEquals(201, api.call("POST", "/api/sets", "{\"name\": \"a\", \"stock\": \"portrait-160\"}").statusCode());
        assertField(api.call("POST", "/api/sets/1/shoot", "{\"retry_failed\": \"yes\"}"), "retry_failed");
        assertField(api.call("POST", "/api/sets/1/rolls", "{\"code\": \"R1\", \"frames\": 2.5}"), "frames");
        assertField(api.call("POST", "/api/sets/1/rolls", "{\"code\": \"R1\", \"trigger\": \"finger\"}"), "trigger");
        assertEquals(201, api.call("POST", "/api/sets/1/rolls", "{\"code\": \"R1\"}").statusCode());
        assertField(api.call("POST", "/api/rolls/1/sim-lab", "{\"numbering_offset\": 20}"), "numbering_offset");
        assertField(api.call("POST", "/api/sets/1/reread", "{\"source\": 1}"), "source");
        assertField(api.call("POST", "/api/rolls/1/lab", "{\"lab\": \"L\", \"process\": \"C-41\", \"date\": \"2026-13-45\"}"), "date");
        assertField(api.call("POST", "/api/rolls/1/pairing", "{\"offset\": \"1\"}"), "offset");
        assertField(api.call("POST", "/api/rolls/x/pairing", "{}"), "id");
    }

    private void assertField(HttpResponse<String> r, String field) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, JSON.readTree(r.body()).path("field").asText(), r.body());
    }
}
