package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.JobRepository;
import emu.station.testing.ApiClient;
import emu.station.training.RollSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Down-weighting a roll's pairs through the API (issue 20, V15 {@code rolls.train_weight}) on a real
 * daemon: a set on three rolls; a weight outside (0, 1] or not a number is refused with a 400 naming
 * {@code weight}, an unknown roll with one naming {@code roll}; accepted (202) with the queued training,
 * the model it makes was fitted on a quarter of the roll's pairs in every light and EV, and the models
 * list shows the roll's weight; weight 1 puts the roll back to normal and the set's training pairs
 * are the set's pairs again. Real SQLite, real fits, HTTP; nothing mocked.
 */
@Timeout(300)
class RollWeightApiTest {
    @TempDir Path dir;
    private Daemon daemon;
    private String url;
    private final ApiClient api = ApiClient.of(() -> url);
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[http]", "port = 0",
                "[training]", "schedule = \"\"", "train_when_complete = false",
                "candidates = [\"matrix\", \"root-polynomial\"]", "folds = 3",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", ""));
        StationConfig config = StationConfig.load(cfg);
        dataDir = config.station().dataDir().toAbsolutePath();
        daemon = Daemon.start(config, List.of(new WorkflowApi(ctx -> { })), false);
        url = daemon.url();
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void aRollIsDownWeightedRefitAndPutBackToNormal() throws Exception {
        long set = RollSets.withRolls(daemon.store(), "weights", 1.0, 1.01, 1.25);
        String base = "/api/sets/" + set + "/rolls/";
        for (String bad : List.of("{\"weight\":0}", "{\"weight\":1.5}", "{\"weight\":-0.2}", "{\"weight\":\"half\"}")) {
            JsonNode e = api.ok("POST", base + "weights-R3/weight", bad, 400);
            assertTrue(e.toString().contains("weight"), bad + ": " + e);
        }
        assertTrue(api.ok("POST", base + "weights-R9/weight", "{\"weight\":0.5}", 400).toString().contains("roll"));
        api.ok("POST", "/api/sets/99/rolls/weights-R3/weight", "{\"weight\":0.5}", 404);
        assertEquals(Map.of(), daemon.store().rolls().trainWeights(set), "nothing changed by a refused request");

        JsonNode r = api.ok("POST", base + "weights-R3/weight", "", 202); // no body: the default down-weight
        assertEquals("weights-R3", r.path("weights").get(0).path("roll").asText(), r.toString());
        assertEquals(0.25, r.path("weights").get(0).path("weight").asDouble(), r.toString());
        assertTrue(r.path("job").path("id").asLong() > 0, r.toString());
        awaitTrainings();
        JsonNode models = api.ok("GET", "/api/sets/" + set + "/models", null, 200);
        assertEquals(1, models.size(), models.toString());
        JsonNode rolls = models.get(0).path("rolls").path("rolls");
        assertEquals(3, rolls.size(), "the down-weighted roll is still measured: " + rolls);
        assertEquals(0.25, rolls.get(2).path("weight").asDouble(), rolls.toString());
        assertEquals(1.0, rolls.get(0).path("weight").asDouble(), rolls.toString());
        // 6 steps x 24 patches per roll; the down-weighted roll keeps 6 of 24 in each step
        Path modelDir = dataDir.resolve(models.get(0).path("model").path("dir").asText());
        long lines = Files.readAllLines(modelDir.resolve("pairs.csv")).size() - 1;
        assertEquals(2 * 6 * 24 + 6 * 6, lines, "pairs fitted");
        assertNotEquals(daemon.store().readings().pairs(set).size(), (int) lines);

        api.ok("POST", base + "weights-R3/weight", "{\"weight\":1}", 202);
        assertEquals(Map.of(), daemon.store().rolls().trainWeights(set));
        assertEquals(1.0, daemon.store().rolls().trainWeight(daemon.store().rolls().bySet(set).get(2).id()));
        awaitTrainings();
        JsonNode after = api.ok("GET", "/api/sets/" + set + "/models", null, 200);
        assertEquals(2, after.size());
        for (JsonNode roll : after.get(0).path("rolls").path("rolls")) {
            assertEquals(1.0, roll.path("weight").asDouble(), roll.toString());
        }
    }

    private void awaitTrainings() throws Exception {
        long end = System.nanoTime() + 200_000_000_000L;
        while (!daemon.store().jobs().inState(JobRepository.State.QUEUED).isEmpty()
                || !daemon.store().jobs().inState(JobRepository.State.RUNNING).isEmpty()) {
            assertTrue(System.nanoTime() < end, "the training did not end within 200 s");
            Thread.sleep(200);
        }
    }
}
