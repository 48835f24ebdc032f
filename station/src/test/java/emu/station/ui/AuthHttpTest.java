package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.ProfilingSetRepository.PlanStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
 * The login guard over real HTTP against a running station: public and private routes, the forced
 * first password change, cookie attributes, CSRF, downloads by id only, logout. One station for
 * the class; the tests run in order because the first one sets the admin's password.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthHttpTest {
    static final String PASSWORD = "a proper long passphrase";
    @TempDir static Path dir;
    static UiStation station;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        station = new UiStation(dir, 50, true);
        http = new Http(station);
    }

    @AfterAll
    static void stop() {
        station.close();
    }

    @Test
    @Order(1)
    void withoutASessionOnlyHealthAndTheLoginPageAnswer() throws Exception {
        Http anon = new Http(station);
        assertEquals(200, anon.get("/api/health").statusCode());
        assertEquals(200, anon.get("/login").statusCode());
        assertEquals(200, anon.get("/assets/login.js").statusCode());
        for (String api : List.of("/api/ui/dashboard", "/api/sets", "/api/shoot", "/api/version", "/api/events", "/api/auth/session", "/api/ui/exports/1/file")) {
            var r = anon.get(api);
            assertEquals(401, r.statusCode(), api);
            assertTrue(r.body().contains("\"error\""), api + ": " + r.body());
        }
        for (String page : List.of("/", "/assets/app.js", "/anything")) {
            var r = anon.get(page);
            assertEquals(302, r.statusCode(), page);
            assertEquals("/login", r.headers().firstValue("Location").orElse(""), page);
        }
        assertEquals(401, anon.post("/api/sets", "{}", false).statusCode());
    }

    @Test
    @Order(2)
    void theOneTimePasswordOnlyLetsTheAdminChooseANewOne() throws Exception {
        var r = http.login("admin", UiStation.ONE_TIME_PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"must_change_password\":true"), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        for (String attr : List.of("HttpOnly", "SameSite=Strict", "Path=/")) {
            assertTrue(cookie.contains(attr), cookie);
        }
        assertTrue(!cookie.contains("Secure"), "plain HTTP: no Secure flag, or the browser drops the cookie");
        assertEquals(32, java.util.Base64.getUrlDecoder().decode(http.session).length, "a 256-bit token");
        assertEquals(403, http.get("/api/ui/dashboard").statusCode());
        assertEquals(302, http.get("/").statusCode());

        String change = "{\"current\":\"" + UiStation.ONE_TIME_PASSWORD + "\",\"password\":\"" + PASSWORD + "\"}";
        assertEquals(403, http.post("/api/auth/password", change, false).statusCode(), "CSRF token needed");
        assertEquals(400, http.post("/api/auth/password",
                "{\"current\":\"" + UiStation.ONE_TIME_PASSWORD + "\",\"password\":\"short\"}", true).statusCode());
        var changed = http.post("/api/auth/password", change, true);
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("\"must_change_password\":false"), changed.body());
        assertEquals(200, http.get("/api/ui/dashboard").statusCode());
        assertEquals(200, http.get("/").statusCode());
        assertEquals(401, new Http(station).login("admin", UiStation.ONE_TIME_PASSWORD).statusCode(), "old password gone");
    }

    @Test
    @Order(3)
    void theDatabaseKeepsOnlyTheSessionTokensHash() throws Exception {
        var accounts = station.daemon.store().accounts();
        assertTrue(accounts.sessionUser(http.session, Instant.now()).isEmpty());
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(http.session.getBytes(StandardCharsets.UTF_8)));
        assertEquals("admin", accounts.sessionUser(hash, Instant.now()).orElseThrow().name());
    }

    @Test
    @Order(4)
    void stateChangesNeedTheSessionsCsrfToken() throws Exception {
        String set = "{\"name\":\"csrf set\",\"stock\":\"portrait-160\"}";
        assertEquals(403, http.post("/api/sets", set, false).statusCode());
        String real = http.csrf;
        http.csrf = "0".repeat(64);
        assertEquals(403, http.post("/api/sets", set, true).statusCode());
        http.csrf = real;
        var r = http.post("/api/sets", set, true);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(1, station.daemon.store().sets().all().size(), "only the request with the token created a set");
    }

    @Test
    @Order(5)
    void downloadsGoByDatabaseIdAndNeverLeaveTheDataDirectory() throws Exception {
        var store = station.daemon.store();
        long setId = store.sets().all().get(0).id();
        PlanStep step = store.sets().steps(setId).get(0);
        Path inside = station.dataDir.resolve("captures").resolve("c1.bin");
        Files.createDirectories(inside.getParent());
        Files.writeString(inside, "capture bytes");
        long good = store.captures().add(step.id(), "captures/c1.bin", "0".repeat(64), 0.0, "1/60").id();
        Files.writeString(dir.resolve("secret.txt"), "outside the data directory");
        long evil = store.captures().add(step.id(), "../secret.txt", "1".repeat(64), 0.0, "1/60").id();

        var ok = http.get("/api/ui/captures/" + good + "/file");
        assertEquals(200, ok.statusCode());
        assertEquals("capture bytes", ok.body());
        assertEquals(404, http.get("/api/ui/captures/" + evil + "/file").statusCode(), "a row pointing outside");
        for (String path : List.of("/api/ui/exports/..%2F..%2Fetc%2Fpasswd/file", "/api/ui/captures/..%2Fsecret.txt/file",
                "/api/ui/exports/999/file", "/assets/..%2F..%2Femu%2Fstation%2Fversion.properties",
                "/assets/%2e%2e%2fconfig.toml", "/api/ui/captures/-1/file")) {
            var r = http.get(path);
            assertEquals(404, r.statusCode(), path + " -> " + r.body());
            assertTrue(!r.body().contains("outside the data directory"), path);
        }
    }

    @Test
    @Order(6)
    void logoutEndsTheSession() throws Exception {
        assertEquals(200, http.post("/api/auth/logout", "{}", true).statusCode());
        assertEquals(401, http.get("/api/ui/dashboard").statusCode());
    }
}
