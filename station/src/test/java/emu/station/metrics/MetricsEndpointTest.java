package emu.station.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.QuietBench;
import emu.station.api.WorkflowApi;
import emu.station.auth.Auth;
import emu.station.auth.WebLogin;
import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} on a real daemon over HTTP, with the modules in the CLI's order: a sim shoot
 * captures, a training job fails (no scans to pair), a model row is stored, and the scrape shows
 * each, in the Prometheus text format, to the bearer token or a web session and to nobody else.
 */
@Timeout(300)
class MetricsEndpointTest {
    private static final String TOKEN = "scrape-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    /** Config lines choosing the store: none here (SQLite); {@link PostgresMetricsEndpointTest} names a server. */
    List<String> storeLines() {
        return List.of();
    }

    private WebLogin start(String... authLines) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("[auth]"));
        lines.addAll(List.of(authLines));
        lines.addAll(storeLines());
        StationConfig config = StationConfig.load(QuietBench.config(dir, lines.toArray(String[]::new)));
        try (Store s = Daemon.openStore(config)) {
            WebLogin.seedAdmin(s);
        }
        daemon = Daemon.start(config, List.of(new MetricsModule(), new Auth(), new WorkflowApi(Auth::requireUser)), false);
        return WebLogin.seeded(daemon.url());
    }

    @Test
    void scrapeShowsCapturesJobsModelsAndDiskToTheTokenOnly() throws Exception {
        WebLogin login = start("metrics_token = \"" + TOKEN + "\"");
        ApiClient api = ApiClient.of(daemon::url).signedBy(b -> login.sign(b.header("Content-Type", "application/json")));
        api.ok("POST", "/api/sets", "{\"name\":\"s\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0, 1]}", 201);
        api.ok("POST", "/api/sets/1/shoot", "", 202);
        api.poll("/api/sets/1", Duration.ofSeconds(150), s -> s.path("captures").size() == 2);
        long job = api.ok("POST", "/api/sets/1/train", "", 202).path("id").asLong();
        // The job's own state, read from its node: the API writes states in capitals, so the regex this
        // replaced ("queued|running") never matched and the scrape raced the job's start (a CI failure).
        api.poll("/api/jobs", Duration.ofSeconds(150), j -> java.util.stream.StreamSupport.stream(j.spliterator(), false)
                .filter(n -> n.path("id").asLong() == job).map(n -> n.path("state").asText().toLowerCase())
                .anyMatch(st -> !st.equals("queued") && !st.equals("running")));
        var run = daemon.store().training().startRun(1, null, "h");
        daemon.store().training().addModel(1, run.id(), 1, "mlp", "models/s-v1", 1.25);

        HttpResponse<String> r = scrape("Bearer " + TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String m = r.body();
        assertEquals(2.0, value(m, "emu_station_captures{bad=\"false\"}"), m);
        assertEquals(2.0, value(m, "emu_station_steps{state=\"planned\"}"), m);
        assertEquals(2.0, value(m, "emu_station_steps{state=\"captured\"}"), m);
        assertEquals(0.0, value(m, "emu_station_steps{state=\"failed\"}"), m);
        assertEquals(0.0, value(m, "emu_station_scans{bad=\"false\"}"), m);
        assertEquals(2.0, value(m, "emu_station_events_total{event=\"capture\"}"), m);
        assertEquals(0.0, value(m, "emu_station_device_faults_total"), m);
        assertEquals(1.25, value(m, "emu_station_model_heldout_ciede2000{set=\"s\",set_id=\"1\"}"), m);
        String state = api.ok("GET", "/api/jobs", null, 200).get(0).path("state").asText().toLowerCase();
        assertEquals(1.0, value(m, "emu_station_jobs{kind=\"train\",state=\"" + state + "\"}"), m);
        assertEquals(1.0, value(m, "emu_station_job_duration_seconds_count{kind=\"train\",state=\"" + state + "\"}"), m);
        assertTrue(value(m, "emu_station_job_duration_seconds_sum{kind=\"train\",state=\"" + state + "\"}") >= 0, m);
        assertTrue(value(m, "emu_station_disk_free_bytes") > 0, m);
        assertTrue(m.contains("# TYPE emu_station_device_faults_total counter"), m);
        assertTrue(m.contains("jvm_memory_used_bytes"), m);

        assertEquals(401, scrape("Bearer wrong-token-0123456789").statusCode());
        HttpResponse<String> anonymous = scrape(null);
        assertTrue(anonymous.statusCode() == 302 || anonymous.statusCode() == 401, "anonymous: " + anonymous.statusCode());
        assertTrue(!anonymous.body().contains("emu_station"), anonymous.body());
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(daemon.url()).resolve("/metrics"))
                .header("Cookie", login.cookie()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
        assertTrue(session.body().contains("emu_station_captures"), session.body());
    }

    @Test
    void withoutATokenConfiguredABearerIsRefusedAndTheLoginStillWorks() throws Exception {
        WebLogin login = start();
        HttpResponse<String> r = scrape("Bearer " + TOKEN);
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("metrics_token"), r.body());
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(daemon.url()).resolve("/metrics"))
                .header("Cookie", login.cookie()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
    }

    @Test
    void aShortTokenIsAConfigErrorNamingTheKey() throws Exception {
        Path cfg = QuietBench.config(dir, "[auth]", "metrics_token = \"short\"");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> StationConfig.load(cfg));
        assertTrue(e.getMessage().contains("auth.metrics_token"), e.getMessage());
    }

    /** The sample's value from the text format, e.g. {@code name{label="x"} 2.0}; fails when absent. */
    static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no sample " + sample + " in:\n" + metrics);
        }
        return Double.parseDouble(m.group(1));
    }

    private HttpResponse<String> scrape(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(daemon.url()).resolve("/metrics"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
