package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (3): wrong JSON types answered 500, before login too. Every state-changing route with
 * a JSON body gets bodies of the wrong shape (an array, numbers for strings, objects for numbers,
 * null); each must answer a 4xx, never a 500. Real daemon with the login and the workflow API.
 */
@Timeout(300)
class WrongTypesHttpTest {
    @TempDir Path dir;

    private static final List<String> BODIES = List.of("[]", "{\"name\":123,\"password\":[]}", "null", "\"x\"",
            "{\"name\":{},\"stock\":[],\"evs\":\"x\",\"illuminants\":7,\"offset\":null,\"corners\":{\"a\":1},"
                    + "\"source\":5,\"bad\":\"yes\",\"code\":[],\"frames\":\"12\",\"numbering_offset\":\"1\","
                    + "\"skipped_frame\":[],\"scanned_twice\":{},\"current\":1,\"scan\":\"a\",\"frame\":null}",
            "{\"offset\":null}", "{");

    private static final List<String> ROUTES = List.of("/api/sets", "/api/sets/1/shoot", "/api/sets/1/rolls",
            "/api/sets/1/reread", "/api/sets/1/train", "/api/rolls/1/lab", "/api/rolls/1/pairing", "/api/rolls/1/scans",
            "/api/rolls/1/shoot", "/api/rolls/1/sim-lab", "/api/rolls/1/frames/1/bad", "/api/captures/1/bad",
            "/api/models/1/exports", "/api/film-shoots/1/confirm", "/api/film-shoots/1/skip", "/api/auth/password");

    @Test
    void theLoginRefusesWrongTypesWith400NamingTheField() throws Exception {
        try (UiStation station = new UiStation(dir, 100)) {
            Http http = new Http(station);
            var r = http.post("/api/auth/login", "{\"name\":123,\"password\":[]}", false);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"field\":\"name\""), r.body());
            assertEquals(400, http.post("/api/auth/login", "[]", false).statusCode());
            assertEquals(400, http.post("/api/auth/login", "{\"name\":\"admin\",\"password\":\"a\\u0000b\"}", false).statusCode());
            assertEquals(400, http.post("/api/auth/login", "{", false).statusCode());
        }
    }

    @Test
    void everyRouteWithABodyAnswers4xxToWrongTypes() throws Exception {
        try (UiStation station = new UiStation(dir, 100, true)) {
            Http http = new Http(station);
            http.firstLogin("wrong types passphrase");
            assertEquals(201, http.post("/api/sets", "{\"name\":\"t\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],"
                    + "\"evs\":[0]}", true).statusCode());
            assertEquals(201, http.post("/api/sets/1/rolls", "{\"code\":\"R1\",\"camera\":\"F3\",\"iso\":160,\"frames\":12}",
                    true).statusCode());
            for (String route : ROUTES) {
                for (String body : BODIES) {
                    var r = http.send("POST", route, body);
                    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500 || r.statusCode() < 300,
                            "POST " + route + " " + body + " -> " + r.statusCode() + " " + r.body());
                    assertTrue(r.statusCode() != 500, route + " " + body + ": " + r.body());
                }
            }
            fieldsAreValidatedNamingTheField(http);
            for (String body : BODIES) {
                var r = http.send("PUT", "/api/sets/1/corners", body);
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, "PUT corners " + body + " -> " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** Issue 16 (9): lengths, control characters, known stocks, frame ranges, null offsets. */
    private static void fieldsAreValidatedNamingTheField(Http http) throws Exception {
        String[][] cases = {
            {"/api/sets", "{\"name\":\"" + "x".repeat(100_000) + "\",\"stock\":\"portrait-160\"}", "name"},
            {"/api/sets", "{\"name\":\"nul\\u0000name\",\"stock\":\"portrait-160\"}", "name"},
            {"/api/sets", "{\"name\":\"" + "y".repeat(101) + "\",\"stock\":\"portrait-160\"}", "name"},
            {"/api/sets", "{\"name\":\"s1\",\"stock\":\"../../etc\"}", "stock"},
            {"/api/sets", "{\"name\":\"s2\",\"stock\":\"portrait-16\"}", "stock"},
            {"/api/rolls/1/sim-lab", "{\"skipped_frame\":-5}", "skipped_frame"},
            {"/api/rolls/1/sim-lab", "{\"scanned_twice\":999}", "scanned_twice"},
            {"/api/rolls/1/sim-lab", "{\"numbering_offset\":-2}", "numbering_offset"}, // was a 500 (soak: two files named F00)
            {"/api/rolls/1/sim-lab", "{\"misprocessed_stops\":\"a third\"}", "misprocessed_stops"},
            {"/api/rolls/1/sim-lab", "{\"misprocessed_stops\":9}", "misprocessed_stops"},
            {"/api/rolls/1/lab", "{\"lab\":\"" + "L".repeat(100_000) + "\",\"process\":\"C-41\",\"push_pull\":0}", "lab"},
        };
        for (String[] c : cases) {
            var r = http.send("POST", c[0], c[1]);
            assertEquals(400, r.statusCode(), c[0] + " " + c[1].substring(0, Math.min(80, c[1].length())) + ": " + r.body());
            assertTrue(r.body().contains("\"field\":\"" + c[2] + "\""), r.body());
        }
        var typo = http.send("POST", "/api/sets", "{\"name\":\"s3\",\"stock\":\"portrait-16\"}");
        assertTrue(typo.body().contains("did you mean 'portrait-160'"), typo.body());
        assertEquals(400, http.send("POST", "/api/rolls/1/pairing", "{\"offset\":null}").statusCode());
        // A new stock asked for explicitly passes the field check, but this bench's film camera is the
        // virtual one, which cannot load it: refused before the set exists (issue 17), naming the field.
        var fresh = http.send("POST", "/api/sets", "{\"name\":\"real film\",\"stock\":\"Kodak Portra 400\",\"new_stock\":true}");
        assertEquals(400, fresh.statusCode(), fresh.body());
        assertTrue(fresh.body().contains("\"field\":\"stock\"") && fresh.body().contains("not a simulated film stock"), fresh.body());
    }
}
