package emu.station.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.ChildStation;
import emu.station.QuietBench;
import emu.station.auth.WebLogin;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import emu.station.training.SyntheticSets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24: {@code [training] unseen = "spectral"} reaches the model the daemon trains, not only {@code station fit}'s.
 * The daemon runs as its own process ({@code station run}, {@link ChildStation}) on the quiet bench's config plus that
 * key; the set's pairs (the virtual bench's readings of the ColorChecker 24 under D65 and A, lights of known SPD) are
 * written to its SQLite store before it starts ({@link SyntheticSets#withBenchPairs}: the shoot itself is the
 * shipped-config journey's), the training is asked for
 * over HTTP as the web UI asks, and the saved model is exported for D55, a light it was never trained on, by {@code
 * station export --model data/models/set-N/FOLDER --illuminant D55} as its own process, as README tells a user to.
 * With {@code [exports] also_lights = ["D55"]} the training's own exports, as {@code GET /api/sets/N/models} lists
 * them for the model page, hold the D55 cube too, saying it is served by the spectral model ({@code served}). Real SQLite, HTTP, fits and files; the smallest candidate list and export plan, so it costs seconds.
 */
@Timeout(300)
class UnseenSpectralTrainingJourneyTest {
    @TempDir Path dir;

    @Test
    void aTrainingWithUnseenSpectralServesAnUntrainedLightFromItsSpd() throws Exception {
        // lines before the first table header land in QuietBench's [training]
        Path cfg = QuietBench.config(dir, "unseen = \"spectral\"", "candidates = [\"matrix\"]", "folds = 3", "[exports]",
                "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", "also_lights = [\"D55\"]");
        Path data = Files.createDirectories(dir.resolve("data"));
        long set;
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            WebLogin.seedAdmin(store);
            set = SyntheticSets.withBenchPairs(store, "unseen");
        }
        Process p = ChildStation.start(cfg, dir, "station");
        JsonNode model;
        JsonNode exports;
        try {
            String url = ChildStation.awaitUrl(p, dir, "station");
            ApiClient api = ApiClient.of(() -> url).signedBy(WebLogin.seeded(url)::sign);
            long job = api.ok("POST", "/api/sets/" + set + "/train", null, 202).path("id").asLong();
            JsonNode jobs = api.poll("/api/jobs", java.time.Duration.ofSeconds(240), j -> state(j, job).matches("DONE|FAILED|CANCELLED"));
            assertEquals("DONE", state(jobs, job), jobs.toString());
            JsonNode models = api.ok("GET", "/api/sets/" + set + "/models", null, 200);
            assertEquals(1, models.size(), models.toString());
            model = models.get(0).path("model");
            exports = models.get(0).path("exports");
        } finally {
            p.destroy();
            p.waitFor();
        }
        Path modelDir = data.resolve(model.path("dir").asText());
        assertTrue(modelDir.startsWith(data.resolve("models").resolve("set-" + set)), modelDir::toString);
        assertTrue(Files.readString(modelDir.resolve("model.json")).contains("\"spectral-served\""), "[training] unseen reached"
                + " the saved model");

        // [exports] also_lights: the training's own exports (what the model page lists) hold the D55 cube too
        JsonNode d55 = null;
        for (JsonNode e : exports) {
            if (e.path("illuminant").asText().equals("D55") && e.path("format").asText().equals("cube")) {
                d55 = e;
            }
        }
        assertTrue(d55 != null, "a D55 cube among the model's exports: " + exports);
        assertTrue(Files.readString(data.resolve(d55.path("file").asText())).contains("LUT_3D_SIZE 9"), d55::toString);
        // V16: the row says how D55 is served, for the model page to show beside the download
        JsonNode served = d55.path("served");
        assertEquals("spectral", served.path("kind").asText(), d55::toString);
        assertTrue(served.path("text").asText().startsWith("D55: not trained; served by the spectral model of camera and"
                + " film"), served::toString);
        assertTrue(served.path("refused").isNull() && served.path("lights").isEmpty(), served::toString);

        Path cube = dir.resolve("d55.cube");
        String said = station("export", "--model", modelDir.toString(), "--illuminant", "D55", "--encoding", "srgb", "--size", "9",
                "--out", cube.toString());
        assertTrue(said.contains("D55: not trained; served by the spectral model of camera and film from the light's SPD"), said);
        assertTrue(Files.readString(cube).contains("LUT_3D_SIZE 9"), "a cube for the untrained light");
    }

    private static String state(JsonNode jobs, long id) {
        for (JsonNode j : jobs) {
            if (j.path("id").asLong() == id) {
                return j.path("state").asText();
            }
        }
        return "";
    }

    /** {@code station ARGS} as its own process on the test classpath; fails with its output unless it exits 0. */
    private static String station(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "station " + String.join(" ", args) + " did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
