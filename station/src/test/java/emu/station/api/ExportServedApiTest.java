package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.testing.ApiClient;
import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24, the default's user path: {@code GET /api/sets/N/models} says per export how its light is served
 * ({@code served}, V16), as recorded when the training wrote the file and again when "Export again" (the API's job)
 * rewrote it. The
 * set's made-up pairs (D65, A) cannot support the spectral model (the default {@code [training] unseen}), so D55 from
 * {@code [exports] also_lights} is served by the blend of the per-light matrices of D65 and A, and the row says why the
 * spectral model was refused, after a re-export too (the model folder keeps it). A row with nothing recorded (as
 * every row written before V16 reads) answers {@code served: null}, never a 500. Real daemon, SQLite, fits, files.
 */
@Timeout(300)
class ExportServedApiTest {
    @TempDir Path dir;
    private String url;
    private final ApiClient api = ApiClient.of(() -> url);

    @Test
    void eachExportSaysHowItsLightIsServedThroughATrainingAndItsReexport() throws Exception {
        Path cfg = Files.writeString(dir.resolve("config.toml"), String.join("\n", "[station]", "data_dir = \"data\"",
                "[http]", "port = 0", "[training]", "schedule = \"\"", "train_when_complete = false",
                "candidates = [\"matrix\"]", "folds = 3", "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]",
                "sizes = [9]", "also_lights = [\"D55\"]", ""));
        StationConfig config = StationConfig.load(cfg);
        Daemon daemon = Daemon.start(config, List.of(new WorkflowApi(ctx -> { })), false);
        url = daemon.url();
        try {
            servedThroughATrainingAndItsReexport(daemon, config);
        } finally {
            daemon.stop();
        }
    }

    private void servedThroughATrainingAndItsReexport(Daemon daemon, StationConfig config) throws Exception {
        long set = SyntheticSets.withPairs(daemon.store(), "served"); // trained under D65 and A
        // per-light matrices (a spec the config's names do not reach): an untrained light is their blend
        new Trainer(daemon.store(), config.station().dataDir().toAbsolutePath(), config.training(), config.exports())
                .train(set, null, List.of("matrix:illuminant=per"), line -> { });
        JsonNode models = api.ok("GET", "/api/sets/" + set + "/models", null, 200);
        Map<String, JsonNode> served = servedByLight(models.get(0).path("exports"));
        assertEquals(List.of("A", "D55", "D65"), List.copyOf(served.keySet()), models::toString);
        for (String trained : List.of("A", "D65")) {
            assertEquals("trained", served.get(trained).path("kind").asText(), served::toString);
            assertEquals(trained + ": trained", served.get(trained).path("text").asText());
            assertTrue(served.get(trained).path("refused").isNull(), served::toString);
        }
        JsonNode d55 = served.get("D55");
        assertEquals("blend", d55.path("kind").asText(), d55::toString);
        assertEquals("[\"D65\",\"A\"]", d55.path("lights").toString(), "the nearest trained lights, nearest first");
        assertTrue(d55.path("text").asText().startsWith("D55: not trained; served by an inverse-distance blend of D65"
                + " and A"), d55::toString);
        assertTrue(!d55.path("refused").asText().isBlank(), "why the spectral model was refused: " + d55);

        long model = models.get(0).path("model").path("id").asLong();
        long job = api.ok("POST", "/api/models/" + model + "/exports", "", 202).path("job").path("id").asLong();
        JsonNode jobs = api.poll("/api/jobs", Duration.ofSeconds(200), js -> state(js, job).matches("DONE|FAILED|CANCELLED"));
        assertEquals("DONE", state(jobs, job), jobs::toString);
        JsonNode again = api.ok("GET", "/api/sets/" + set + "/models", null, 200);
        assertEquals(served.toString(), servedByLight(again.get(0).path("exports")).toString(), "Export again says the same");

        // a row with nothing recorded, as every row written before V16 reads
        daemon.store().training().addExport(model, "cube", "linear", 9, "D65", "exports/old.cube", "00", null);
        JsonNode old = api.ok("GET", "/api/sets/" + set + "/models", null, 200).get(0).path("exports");
        JsonNode row = old.get(old.size() - 1);
        assertEquals("exports/old.cube", row.path("file").asText());
        assertTrue(row.has("served") && row.path("served").isNull(), row::toString);
    }

    private static Map<String, JsonNode> servedByLight(JsonNode exports) {
        Map<String, JsonNode> out = new TreeMap<>();
        exports.forEach(e -> out.put(e.path("illuminant").asText(), e.path("served")));
        return out;
    }

    private static String state(JsonNode jobs, long id) {
        for (JsonNode j : jobs) {
            if (j.path("id").asLong() == id) {
                return j.path("state").asText();
            }
        }
        return "";
    }
}
