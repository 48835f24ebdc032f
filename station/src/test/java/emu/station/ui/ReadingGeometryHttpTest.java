package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.station.SimCaptures;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/ui/{captures,scans}/ID/geometry} over real HTTP against a running station, on a
 * real sim-camera capture (its TIFF as the capture, its JPEG standing in as a scan of the set's
 * roll): detected corners and 24 patch boxes inside the image, the stored flags, operator corners
 * taking over once set through the workflow API, 401 without a session, 404 for unknown ids.
 */
@Timeout(120)
class ReadingGeometryHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiStation station;
    static Http http;
    static long captureId;
    static long scanId;
    static long setId;

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir.resolve("station"), 50, true);
        http = new Http(station);
        http.firstLogin("geometry test passphrase");
        var created = http.post("/api/sets", "{\"name\":\"geometry\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}", true);
        assertEquals(201, created.statusCode(), created.body());

        Store store = station.daemon.store();
        var set = store.sets().all().get(0);
        setId = set.id();
        CaptureResult shot = SimCaptures.shoot(station.dataDir.resolve("captures"), "geo");
        CapturedFile tif = shot.files().stream().filter(f -> f.path().toString().endsWith(".tif")).findFirst().orElseThrow();
        CapturedFile jpg = shot.jpeg().orElseThrow();
        captureId = store.captures().add(store.sets().steps(setId).get(0).id(), rel(tif.path()), tif.sha256(), 0, "1/60").id();
        List<PatchValue> values = new ArrayList<>();
        for (int p = 1; p <= 24; p++) {
            values.add(new PatchValue(p, 0.1, 0.1, 0.1, 0.01, p == 19, p == 5));
        }
        store.readings().addForCapture(captureId, values);
        long roll = store.rolls().create("R-GEO", set.stockId(), setId, emu.station.store.RollRepository.Settings.defaults()).id();
        scanId = store.scans().add(roll, null, rel(jpg.path()), jpg.sha256()).id();
    }

    private static String rel(Path p) {
        return station.dataDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    }

    @AfterAll
    static void stop() {
        station.close();
    }

    private static JsonNode geometry(String kind, long id) throws Exception {
        var r = http.get("/api/ui/" + kind + "/" + id + "/geometry");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theDetectedChartAndItsPatchAreasComeWithTheStoredFlagsThenTheOperatorsCornersTakeOver() throws Exception {
        JsonNode g = geometry("captures", captureId);
        assertEquals("colorchecker24", g.get("chart").asText());
        assertEquals(SimCaptures.WIDTH, g.get("width").asInt());
        assertEquals(SimCaptures.HEIGHT, g.get("height").asInt());
        assertEquals(480, g.get("thumb_width").asInt());
        assertEquals(320, g.get("thumb_height").asInt());
        assertTrue(g.get("located").asBoolean(), g.toString());
        assertEquals("detected", g.get("method").asText());
        assertEquals(4, g.get("corners").size());
        assertEquals(24, g.get("patches").size());
        for (JsonNode p : g.get("patches")) {
            assertEquals(4, p.get("box").size());
            for (JsonNode pt : p.get("box")) {
                assertTrue(pt.get(0).asDouble() > 0 && pt.get(0).asDouble() < SimCaptures.WIDTH
                        && pt.get(1).asDouble() > 0 && pt.get(1).asDouble() < SimCaptures.HEIGHT, p.toString());
            }
            int n = p.get("patch").asInt();
            assertEquals(n == 19, p.get("clipped").asBoolean(), p.toString());
            assertEquals(n == 5, p.get("non_uniform").asBoolean(), p.toString());
            assertTrue(p.get("read").asBoolean());
        }
        JsonNode scan = geometry("scans", scanId);
        assertTrue(scan.get("located").asBoolean(), scan.toString());
        assertEquals(24, scan.get("patches").size());
        assertTrue(!scan.get("patches").get(0).get("read").asBoolean(), "the scan has no stored reading");

        // the operator's corners (slightly inside the detected ones) are what the overlay shows next
        double[][] corners = new double[4][2];
        for (int k = 0; k < 4; k++) {
            corners[k][0] = Math.round(g.get("corners").get(k).get(0).asDouble()) + (k == 0 || k == 3 ? 2 : -2);
            corners[k][1] = Math.round(g.get("corners").get(k).get(1).asDouble()) + (k < 2 ? 2 : -2);
        }
        var put = http.send("PUT", "/api/sets/" + setId + "/corners",
                "{\"source\":\"capture\",\"corners\":" + JSON.writeValueAsString(corners) + "}");
        assertEquals(202, put.statusCode(), put.body());
        JsonNode operator = geometry("captures", captureId);
        assertEquals("operator", operator.get("method").asText());
        for (int k = 0; k < 4; k++) {
            assertEquals(corners[k][0], operator.get("corners").get(k).get(0).asDouble(), 1e-9);
            assertEquals(corners[k][1], operator.get("corners").get(k).get(1).asDouble(), 1e-9);
        }
        assertEquals("detected", geometry("scans", scanId).get("method").asText(), "scan corners are separate");
    }

    @Test
    void unknownIdsAre404AndNothingAnswersWithoutASession() throws Exception {
        for (String path : List.of("/api/ui/captures/99999/geometry", "/api/ui/scans/99999/geometry",
                "/api/ui/captures/abc/geometry", "/api/ui/scans/-1/geometry")) {
            assertEquals(404, http.get(path).statusCode(), path);
        }
        Http anon = new Http(station);
        for (String path : List.of("/api/ui/captures/" + captureId + "/geometry", "/api/ui/scans/" + scanId + "/geometry")) {
            var r = anon.get(path);
            assertEquals(401, r.statusCode(), path);
            assertTrue(!r.body().contains("corners"), r.body());
        }
    }
}
