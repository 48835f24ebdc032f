package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.station.SimCaptures;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The re-read of a set's readings when its corners change, over real HTTP with a logged-in
 * session against a running station (real SQLite, the job queue's worker): three sim-camera
 * captures of a set, their JPEGs standing in as the scans of its roll's frames. Wrong corners
 * change the pairs CSV, clearing them brings detection's values back, an unreadable capture is
 * named in the job's message while the others are re-read; 401/404/400 on bad calls.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RereadHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiStation station;
    static Http http;
    static long setId;
    static List<Long> captures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir.resolve("station"), 50, true);
        http = new Http(station);
        http.firstLogin("reread test passphrase");
        var created = http.post("/api/sets", "{\"name\":\"reread\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],"
                + "\"evs\":[-1,0,1]}", true);
        assertEquals(201, created.statusCode(), created.body());
        Store store = station.daemon.store();
        var set = store.sets().all().get(0);
        setId = set.id();
        long roll = store.rolls().create("R-RE", set.stockId(), setId, emu.station.store.RollRepository.Settings.defaults()).id();
        var steps = store.sets().steps(setId);
        for (int i = 0; i < steps.size(); i++) {
            CaptureResult shot = SimCaptures.shoot(station.dataDir.resolve("captures"), "re" + i);
            CapturedFile tif = shot.files().stream().filter(f -> f.path().toString().endsWith(".tif")).findFirst().orElseThrow();
            CapturedFile jpg = shot.jpeg().orElseThrow();
            captures.add(store.captures().add(steps.get(i).id(), rel(tif.path()), tif.sha256(), 0, "1/60").id());
            long frame = store.rolls().addFrame(roll, i + 1, steps.get(i).id(), Instant.now()).id();
            store.scans().add(roll, frame, rel(jpg.path()), jpg.sha256());
        }
    }

    private static String rel(Path p) {
        return station.dataDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }

    @AfterAll
    static void stop() {
        station.close();
    }

    /** Sends a call that queues a re-read, waits for its job to end and returns the job. */
    private static JsonNode rereadBy(String method, String path, String body) throws Exception {
        var r = http.send(method, path, body);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals("queued", answer.path("reread").asText());
        long job = answer.path("job").path("id").asLong();
        assertEquals("reread", answer.path("job").path("kind").asText());
        for (int i = 0; i < 1200; i++) {
            for (JsonNode j : JSON.readTree(http.get("/api/jobs").body())) {
                if (j.path("id").asLong() == job && j.path("state").asText().matches("DONE|FAILED|CANCELLED")) {
                    return j;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("re-read job " + job + " did not end");
    }

    private static List<double[]> pairs() throws Exception {
        var r = http.get("/api/sets/" + setId + "/pairs.csv");
        assertEquals(200, r.statusCode(), r.body());
        List<double[]> rows = new ArrayList<>();
        for (String line : r.body().lines().skip(1).toList()) {
            String[] f = line.split(",");
            double[] v = new double[7];
            v[0] = Double.parseDouble(f[0].substring(f[0].lastIndexOf('-') + 1)); // frame label ROLL-N
            for (int k = 0; k < 6; k++) {
                v[k + 1] = Double.parseDouble(f[5 + k]);
            }
            rows.add(v);
        }
        return rows;
    }

    private static String corners(double inset) {
        double w = SimCaptures.WIDTH;
        double h = SimCaptures.HEIGHT;
        return "[[" + inset + "," + inset + "],[" + (w - inset) + "," + inset + "],[" + (w - inset) + "," + (h - inset)
                + "],[" + inset + "," + (h - inset) + "]]";
    }

    @Test
    @Order(1)
    void wrongCornersChangeThePairsAndClearingThemBringsDetectionBack() throws Exception {
        assertTrue(pairs().isEmpty(), "no readings yet, no pairs");
        JsonNode first = rereadBy("POST", "/api/sets/" + setId + "/reread", "{\"source\":\"capture\"}");
        assertEquals("DONE", first.path("state").asText(), first.toString());
        assertTrue(first.path("message").asText().startsWith("re-read 3 of 3 captures with detection"), first.toString());
        assertEquals("DONE", rereadBy("POST", "/api/sets/" + setId + "/reread", "{\"source\":\"scan\"}").path("state").asText());
        List<double[]> detected = pairs();
        assertTrue(detected.size() > 30, "three steps of mostly unclipped patches: " + detected.size());

        // the whole frame as the chart: every patch box lands somewhere else than on its patch
        JsonNode wrong = rereadBy("PUT", "/api/sets/" + setId + "/corners",
                "{\"source\":\"capture\",\"corners\":" + corners(5) + "}");
        assertTrue(wrong.path("message").asText().contains("the operator's corners"), wrong.toString());
        List<double[]> moved = pairs();
        assertNotEquals(flatten(detected), flatten(moved), "the wrong corners' readings reach the pairs");

        JsonNode back = rereadBy("DELETE", "/api/sets/" + setId + "/corners?source=capture", null);
        assertTrue(back.path("message").asText().contains("with detection"), back.toString());
        List<double[]> again = pairs();
        assertEquals(detected.size(), again.size());
        for (int i = 0; i < detected.size(); i++) {
            for (int k = 0; k < 7; k++) {
                assertEquals(detected.get(i)[k], again.get(i)[k], 1e-6 * Math.max(1, Math.abs(detected.get(i)[k])));
            }
        }
    }

    private static List<Double> flatten(List<double[]> rows) {
        List<Double> out = new ArrayList<>();
        rows.forEach(r -> {
            for (double v : r) {
                out.add(v);
            }
        });
        return out;
    }

    @Test
    @Order(2)
    void anUnreadableCaptureIsReportedAndTheOthersAreReRead() throws Exception {
        long broken = captures.get(1);
        Path file = station.dataDir.resolve(station.daemon.store().captures().byId(broken).orElseThrow().file());
        Files.write(file, "not a tiff at all".getBytes());
        JsonNode job = rereadBy("POST", "/api/sets/" + setId + "/reread", "{\"source\":\"capture\"}");
        assertEquals("DONE", job.path("state").asText(), job.toString());
        String m = job.path("message").asText();
        assertTrue(m.startsWith("re-read 2 of 3 captures") && m.contains("1 without readings")
                && m.contains("capture " + broken + " ("), m);
        assertTrue(station.daemon.store().readings().ofCapture(broken).isEmpty(), "no stale readings left");
        List<double[]> rows = pairs();
        assertTrue(rows.stream().noneMatch(r -> r[0] == 2), "frame 2's capture has no readings, so no pairs");
        assertTrue(rows.stream().anyMatch(r -> r[0] == 1) && rows.stream().anyMatch(r -> r[0] == 3));
    }

    @Test
    @Order(3)
    void badCallsAreRefused() throws Exception {
        var unknown = http.send("POST", "/api/sets/9999/reread", "{\"source\":\"capture\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(404, http.send("PUT", "/api/sets/9999/corners", "{\"source\":\"capture\",\"corners\":" + corners(5) + "}")
                .statusCode());
        var bad = http.send("POST", "/api/sets/" + setId + "/reread", "{\"source\":\"lens\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("capture"), bad.body());
        assertEquals(400, http.send("POST", "/api/sets/" + setId + "/reread", "{}").statusCode());
        assertEquals(400, http.send("DELETE", "/api/sets/" + setId + "/corners?source=film", null).statusCode());
        Http anon = new Http(station);
        var r = anon.send("POST", "/api/sets/" + setId + "/reread", "{\"source\":\"capture\"}");
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(401, anon.send("DELETE", "/api/sets/" + setId + "/corners?source=capture", null).statusCode());
    }

    /** Issue 16 (1): corners outside the image were accepted (202) and the re-read dropped every pair. */
    @Test
    @Order(4)
    void cornersOutsideTheImageOrNotAQuadrilateralAre400AndChangeNothing() throws Exception {
        String before = station.daemon.store().readings().corners(setId, emu.station.store.ReadingRepository.Source.CAPTURE)
                .orElse("");
        for (String bad : List.of("[[1e308,0],[0,1e308],[1,1],[2,2]]", "[[0,0],[5000,0],[5000,5000],[0,5000]]",
                "[[10,10],[500,10],[10,400],[500,400]]", "[[10,10],[11,10],[11,11],[10,11]]",
                "[[10,10],[20,20],[30,30],[40,40]]")) {
            var r = http.send("PUT", "/api/sets/" + setId + "/corners", "{\"source\":\"capture\",\"corners\":" + bad + "}");
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertTrue(r.body().contains("\"field\":\"corners\""), r.body());
        }
        assertEquals(before, station.daemon.store().readings().corners(setId, emu.station.store.ReadingRepository.Source.CAPTURE)
                .orElse(""), "nothing stored");
        assertEquals(202, http.send("PUT", "/api/sets/" + setId + "/corners", "{\"source\":\"capture\",\"corners\":"
                + corners(5) + "}").statusCode(), "sane corners still accepted");
    }
}
