package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.store.Store;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab process control over HTTP (issue 20, item 2) on a real station, real SQLite, the virtual
 * bench's film camera and lab: two rolls shot and sent to one lab; the simulated lab delivers
 * each with the control strip of its own run, one mis-processed by +1/3 stop; the roll view
 * judges the strips against the C-41 limits (the pushed one out of control, with its numbers), the
 * lab's chart has the nine series in date order with the pushed point marked; typed strips and
 * reference strips are stored and judged, an E-6 strip is shown unjudged (no E-6 limits are
 * built in), and bad input is a 400 naming the field. The roll codes PC-1 and PC-2 were picked
 * because their runs are in control unpushed: the simulated lab's own spread can hide a push
 * (SimControlStripTest).
 */
@Timeout(300)
class LabProcessControlHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static UiStation station;
    static Http http;
    static long first;
    static long pushed;

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir.resolve("station"), 50, true);
        http = new Http(station);
        http.firstLogin("process control technician");
        long set = api("POST", "/api/sets", "{\"name\":\"strips\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}")
                .get("set").get("id").asLong();
        first = shotAndDeveloped(set, "PC-1", "2026-11-02", 0);
        pushed = shotAndDeveloped(set, "PC-2", "2026-11-09", 1.0 / 3);
    }

    @AfterAll
    static void stop() {
        if (station != null) {
            station.close();
        }
    }

    private static long shotAndDeveloped(long set, String code, String date, double misprocessed) throws Exception {
        long roll = api("POST", "/api/sets/" + set + "/rolls", "{\"code\":\"" + code + "\"}").get("roll").get("id").asLong();
        api("POST", "/api/rolls/" + roll + "/shoot", null);
        Store store = station.daemon.store();
        Instant end = Instant.now().plus(Duration.ofSeconds(120));
        while (store.filmShoots().byRoll(roll).stream().noneMatch(s -> s.state().name().equals("DONE"))) {
            assertTrue(Instant.now().isBefore(end), "film shoot of " + code + " did not finish");
            Thread.sleep(100);
        }
        api("POST", "/api/rolls/" + roll + "/lab", "{\"lab\":\"Carmencita Film Lab\",\"process\":\"C-41\",\"push_pull\":0,\"date\":\""
                + date + "\"}");
        api("POST", "/api/rolls/" + roll + "/sim-lab", "{\"misprocessed_stops\":" + misprocessed + "}");
        return roll;
    }

    static JsonNode api(String method, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(method, path, json);
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theLabsStripsAreJudgedOnTheRollsAndChartedOverTime() throws Exception {
        JsonNode ok = api("GET", "/api/rolls/" + first, null).get("control_strip");
        assertEquals("lab", ok.get("source").asText());
        assertEquals("Carmencita Film Lab", ok.get("lab").asText());
        assertEquals("2026-11-02", ok.get("date").asText());
        assertEquals("in_control", ok.get("verdict").asText(), ok.toString());
        assertTrue(ok.get("limits").get("source").asText().contains("Z-131"));

        JsonNode out = api("GET", "/api/rolls/" + pushed, null).get("control_strip");
        assertEquals("out_of_control", out.get("verdict").asText(), out.toString());
        assertTrue(out.get("breaches").toString().contains("LD (speed) g +0."), out.toString());
        for (JsonNode ld : out.get("control_values").get("ld")) {
            assertTrue(ld.asDouble() > 0.06, "a push raises every channel's LD: " + out);
        }

        JsonNode chart = api("GET", "/api/labs/Carmencita%20Film%20Lab/process-control", null);
        JsonNode c41 = chart.get("processes").get(0);
        assertEquals("C-41", c41.get("process").asText());
        assertEquals(9, c41.get("series").size());
        JsonNode ldGreen = c41.get("series").get(4);
        assertEquals("ld", ldGreen.get("value").asText());
        assertEquals("g", ldGreen.get("channel").asText());
        assertEquals(0.08, ldGreen.get("control_limit").asDouble(), 1e-12);
        assertEquals("PC-1", ldGreen.get("points").get(0).get("roll").asText());
        assertEquals("PC-2", ldGreen.get("points").get(1).get("roll").asText());
        assertEquals("out_of_control", ldGreen.get("points").get(1).get("verdict").asText());
        assertEquals(pushed, ldGreen.get("points").get(1).get("roll_id").asLong());
        assertEquals("Carmencita Film Lab", api("GET", "/api/labs", null).get(0).get("lab").asText());
    }

    @Test
    void typedStripsAndReferencesAreStoredAndJudgedAndAnE6StripIsShownUnjudged() throws Exception {
        Store store = station.daemon.store();
        long set = store.rolls().byId(first).orElseThrow().setId().orElseThrow();
        long roll = api("POST", "/api/sets/" + set + "/rolls", "{\"code\":\"PC-T\"}").get("roll").get("id").asLong();
        String densities = "\"dmin\":[0.25,0.65,0.90],\"ld\":[0.90,1.30,1.60],\"hd\":[1.90,2.35,2.75]";
        api("POST", "/api/strip-references", "{\"process\":\"C-41\",\"lot\":\"K-77\"," + densities + "}");
        JsonNode typed = api("POST", "/api/rolls/" + roll + "/control-strip", "{\"lab\":\"Other Lab\",\"process\":\"C-41\","
                + "\"lot\":\"K-77\",\"date\":\"2026-11-20\",\"dmin\":[0.25,0.66,0.90],\"ld\":[0.90,1.30,1.67],\"hd\":[1.90,2.35,2.82]}");
        JsonNode strip = typed.get("control_strip");
        assertEquals("typed", strip.get("source").asText());
        assertEquals("beyond_action", strip.get("verdict").asText(), strip.toString());
        assertEquals("[\"LD (speed) b +0.070 beyond the action limit ±0.06\"]", strip.get("breaches").toString());

        JsonNode e6 = api("POST", "/api/rolls/" + roll + "/control-strip", "{\"lab\":\"Other Lab\",\"process\":\"E-6\",\"lot\":\"E-1\","
                + densities + "}").get("control_strip");
        assertEquals("no_reference", e6.get("verdict").asText());
        api("POST", "/api/strip-references", "{\"process\":\"E-6\",\"lot\":\"E-1\"," + densities + "}");
        e6 = api("GET", "/api/rolls/" + roll, null).get("control_strip");
        assertEquals("no_limits", e6.get("verdict").asText(), e6.toString());
        assertNull(e6.get("limits").textValue());
        JsonNode chart = api("GET", "/api/labs/Other%20Lab/process-control", null).get("processes").get(0);
        assertEquals("E-6", chart.get("process").asText());
        assertTrue(chart.get("series").get(0).get("control_limit").isNull());
    }

    @Test
    void aStripReadFromItsScanIsStoredAsReadAndAScanOfSomethingElseIsA400() throws Exception {
        java.awt.image.BufferedImage img = emu.calibration.io.ImageFiles.create(600, 120, 16, false);
        emu.calibration.process.StripDensities pushedStrip = new emu.calibration.process.StripDensities(
                new double[] {0.25, 0.65, 0.90}, new double[] {1.00, 1.41, 1.71}, new double[] {2.05, 2.50, 2.90});
        java.nio.file.Path tif = dir.resolve("strip.tif");
        emu.calibration.io.ImageFiles.write(emu.calibration.process.StripScan.render(pushedStrip, img), tif);
        api("POST", "/api/strip-references", "{\"process\":\"C-41\",\"lot\":\"K-9\",\"dmin\":[0.25,0.65,0.90],"
                + "\"ld\":[0.90,1.30,1.60],\"hd\":[1.90,2.35,2.75]}");
        HttpResponse<String> r = http.postBytes("/api/rolls/" + first + "/control-strip/scan?lot=K-9&date=2026-11-03", "image/tiff",
                java.nio.file.Files.readAllBytes(tif));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode strip = JSON.readTree(r.body()).get("control_strip");
        assertEquals("scan", strip.get("source").asText());
        assertEquals("Carmencita Film Lab", strip.get("lab").asText(), "the lab of the roll's lab entry");
        assertEquals(1.41, strip.get("densities").get("ld").get(1).asDouble(), 0.002);
        assertEquals("out_of_control", strip.get("verdict").asText(), strip.toString());

        HttpResponse<String> text = http.postBytes("/api/rolls/" + first + "/control-strip/scan?lot=K-9", "image/tiff",
                "not an image".getBytes());
        assertEquals(400, text.statusCode(), text.body());
        assertEquals("scan", JSON.readTree(text.body()).get("field").asText());
        HttpResponse<String> noLot = http.postBytes("/api/rolls/" + first + "/control-strip/scan", "image/tiff",
                java.nio.file.Files.readAllBytes(tif));
        assertEquals(400, noLot.statusCode(), noLot.body());
        assertEquals("lot", JSON.readTree(noLot.body()).get("field").asText());
        // put the lab's own strip back for the other tests' charts (order of tests is not fixed)
        api("POST", "/api/rolls/" + first + "/sim-lab", "{}");
    }

    @Test
    void badInputIsA400NamingTheFieldAndAnUnknownLabA404() throws Exception {
        String good = "\"lab\":\"L\",\"process\":\"C-41\",\"lot\":\"K-1\",\"dmin\":[0.2,0.6,0.9],\"ld\":[0.9,1.3,1.6],\"hd\":[1.9,2.3,2.7]";
        String[][] cases = {
            {"{" + good.replace("\"ld\":[0.9,1.3,1.6]", "\"ld\":[0.9,-1,1.6]") + "}", "ld_g"},
            {"{" + good.replace("\"hd\":[1.9,2.3,2.7]", "\"hd\":[1.9,2.3]") + "}", "hd"},
            {"{" + good.replace("\"lot\":\"K-1\"", "\"lot\":\"\"") + "}", "lot"},
            {"{" + good.replace("\"C-41\"", "\"C41\"") + "}", "process"},
            {"{" + good + ",\"date\":\"20th November\"}", "date"},
            {"{" + good.replace("\"dmin\":[0.2,0.6,0.9]", "\"dmin\":\"low\"") + "}", "dmin"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = http.send("POST", "/api/rolls/" + first + "/control-strip", c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], JSON.readTree(r.body()).get("field").asText(), r.body());
        }
        HttpResponse<String> ref = http.send("POST", "/api/strip-references", "{\"process\":\"E-6\",\"lot\":\"x y\","
                + "\"dmin\":[0.2,0.6,0.9],\"ld\":[0.9,1.3,1.6],\"hd\":[1.9,2.3,2.7]}");
        assertEquals(400, ref.statusCode(), ref.body());
        assertEquals(404, http.send("GET", "/api/labs/Nobody/process-control", null).statusCode());
        assertEquals(404, http.send("POST", "/api/rolls/99999/control-strip", "{" + good + "}").statusCode());
    }
}
