package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.QuietBench;
import emu.station.auth.Auth;
import emu.station.auth.Passwords;
import emu.station.auth.WebLogin;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.AccountRepository.Role;
import emu.station.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
 * The new state-changing routes behind the real login (session cookie + CSRF header), as the web
 * UI calls them: marking a capture and a frame bad, and an operator's film-shoot confirmation.
 * The admin is seeded with a known one-time password (written where {@link WebLogin} reads it),
 * as the first run would print one.
 */
@Timeout(300)
class MarkBadWithLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ONE_TIME = "one-time-password-4567";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;
    private Daemon daemon;
    private WebLogin login;

    @BeforeEach
    void start() throws Exception {
        Path cfg = QuietBench.config(dir);
        StationConfig config = StationConfig.load(cfg);
        try (Store s = Store.open(config.station().dataDir().resolve(Store.FILE_NAME))) {
            s.accounts().createUser(Auth.ADMIN, Passwords.hashOneTime(ONE_TIME.toCharArray()), Role.ADMIN);
        }
        daemon = Daemon.start(config, List.of(new Auth(), new WorkflowApi(Auth::requireUser)), false);
        Path log = dir.resolve("first-run.log");
        Files.writeString(log, "first run: web login 'admin' with one-time password " + ONE_TIME + "\n");
        login = WebLogin.firstRun(daemon.url(), log);
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void markingBadAndConfirmingFramesNeedTheSessionAndItsCsrfToken() throws Exception {
        call("POST", "/api/sets", "{\"name\":\"s\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}", 201);
        call("POST", "/api/sets/1/shoot", "", 202);
        JsonNode set = poll("/api/sets/1", s -> s.path("captures").size() == 1);
        long capture = set.path("captures").get(0).path("id").asLong();

        HttpResponse<String> noCsrf = http.send(HttpRequest.newBuilder(URI.create(daemon.url()).resolve(
                "/api/captures/" + capture + "/bad")).header("Cookie", login.cookie())
                .POST(HttpRequest.BodyPublishers.ofString("{\"bad\":true,\"reason\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noCsrf.statusCode(), noCsrf.body());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(daemon.url()).resolve(
                "/api/captures/" + capture + "/bad"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"bad\":true,\"reason\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(!call("GET", "/api/sets/1", null, 200).path("captures").get(0).path("bad").asBoolean());

        JsonNode marked = call("POST", "/api/captures/" + capture + "/bad", "{\"bad\":true,\"reason\":\"flare\"}", 200);
        assertEquals("flare", marked.path("bad_reason").asText());
        assertEquals("flare", call("GET", "/api/sets/1", null, 200).path("captures").get(0).path("bad_reason").asText());

        call("POST", "/api/sets/1/rolls", "{\"code\":\"R1\",\"trigger\":\"operator\"}", 201);
        long fs = call("POST", "/api/rolls/1/shoot", "", 202).path("id").asLong();
        poll("/api/film-shoots/" + fs, f -> f.path("state").asText().equals("waiting"));
        call("POST", "/api/film-shoots/" + fs + "/confirm", "", 200);
        poll("/api/film-shoots/" + fs, f -> f.path("state").asText().equals("done"));
        JsonNode frame = call("POST", "/api/rolls/1/frames/1/bad", "{\"bad\":true,\"reason\":\"fogged\"}", 200);
        assertTrue(frame.path("bad").asBoolean());
        assertEquals("fogged", call("GET", "/api/rolls/1", null, 200).path("frames").get(0).path("bad_reason").asText());
    }

    private JsonNode poll(String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 600; i++) {
            last = call("GET", path, null, 200);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " never got there: " + last);
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder b = login.sign(HttpRequest.newBuilder(URI.create(daemon.url()).resolve(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
