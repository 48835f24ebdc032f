package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.QuietBench;
import emu.station.auth.Auth;
import emu.station.auth.WebLogin;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new state-changing routes behind the real login (session cookie + CSRF header), as the web
 * UI calls them: marking a capture and a frame bad, and an operator's film-shoot confirmation.
 * The admin is seeded with a known one-time password ({@link WebLogin#seedAdmin}), as the first
 * run would make one.
 */
@Timeout(300)
class MarkBadWithLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;
    private Daemon daemon;
    private WebLogin login;
    /** Signed with the login's session and CSRF token, as the web UI sends its JSON. */
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        Path cfg = QuietBench.config(dir);
        StationConfig config = StationConfig.load(cfg);
        try (Store s = Store.open(config.station().dataDir().resolve(Store.FILE_NAME))) {
            WebLogin.seedAdmin(s);
        }
        daemon = Daemon.start(config, List.of(new Auth(), new WorkflowApi(Auth::requireUser)), false);
        login = WebLogin.seeded(daemon.url());
        api = ApiClient.of(daemon::url).signedBy(b -> login.sign(b.header("Content-Type", "application/json")));
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void markingBadAndConfirmingFramesNeedTheSessionAndItsCsrfToken() throws Exception {
        api.ok("POST", "/api/sets", "{\"name\":\"s\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}", 201);
        api.ok("POST", "/api/sets/1/shoot", "", 202);
        JsonNode set = api.poll("/api/sets/1", Duration.ofSeconds(150), s -> s.path("captures").size() == 1);
        long capture = set.path("captures").get(0).path("id").asLong();

        HttpResponse<String> noCsrf = ApiClient.of(daemon::url).signedBy(b -> b.header("Cookie", login.cookie()))
                .call("POST", "/api/captures/" + capture + "/bad", "{\"bad\":true,\"reason\":\"x\"}");
        assertEquals(403, noCsrf.statusCode(), noCsrf.body());
        HttpResponse<String> anonymous = ApiClient.of(daemon::url)
                .call("POST", "/api/captures/" + capture + "/bad", "{\"bad\":true,\"reason\":\"x\"}");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertTrue(!api.ok("GET", "/api/sets/1", null, 200).path("captures").get(0).path("bad").asBoolean());

        JsonNode marked = api.ok("POST", "/api/captures/" + capture + "/bad", "{\"bad\":true,\"reason\":\"flare\"}", 200);
        assertEquals("flare", marked.path("bad_reason").asText());
        assertEquals("flare", api.ok("GET", "/api/sets/1", null, 200).path("captures").get(0).path("bad_reason").asText());

        api.ok("POST", "/api/sets/1/rolls", "{\"code\":\"R1\",\"trigger\":\"operator\"}", 201);
        long fs = api.ok("POST", "/api/rolls/1/shoot", "", 202).path("id").asLong();
        api.poll("/api/film-shoots/" + fs, Duration.ofSeconds(150), f -> f.path("state").asText().equals("waiting"));
        api.ok("POST", "/api/film-shoots/" + fs + "/confirm", "", 200);
        api.poll("/api/film-shoots/" + fs, Duration.ofSeconds(150), f -> f.path("state").asText().equals("done"));
        JsonNode frame = api.ok("POST", "/api/rolls/1/frames/1/bad", "{\"bad\":true,\"reason\":\"fogged\"}", 200);
        assertTrue(frame.path("bad").asBoolean());
        assertEquals("fogged", api.ok("GET", "/api/rolls/1", null, 200).path("frames").get(0).path("bad_reason").asText());
    }
}
