package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.shoot.DriftReshoot;
import emu.station.store.CaptureRepository.Capture;
import emu.station.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-shooting the drifted steps through the API (issue 20) on a real daemon: the virtual bench's lamp
 * loses about 5% red over a 6-step shoot with reference frames every 2 steps. The drift view lists
 * the captures that drifted past the 2% threshold; the re-shoot is refused (409, nothing touched)
 * while another set's shoot runs and before anything drifted; accepted (202), it supersedes those
 * captures (kept, marked bad with the reason, files still on disk) and shoots their steps again,
 * normalised to the set's first reference. The lamp's hours and rated life are served. Real SQLite,
 * sim camera TIFFs, HTTP; nothing mocked.
 */
@Timeout(300)
class DriftReshootApiTest {
    @TempDir Path dir;
    private Daemon daemon;
    private String url;
    private final ApiClient api = ApiClient.of(() -> url);

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[http]", "port = 0",
                "[rig]", "settle_seconds = 0.0", "[training]", "schedule = \"\"", "train_when_complete = false",
                "[drift]", "every_steps = 2", "threshold_percent = 2.0", "lamp_rated_hours = 1000",
                "[sim.lamp]", "red_percent_per_step = -0.5", "green_percent_per_step = -0.3", "blue_percent_per_step = -0.15", ""));
        daemon = Daemon.start(StationConfig.load(cfg), List.of(new WorkflowApi(ctx -> { })), false);
        url = daemon.url();
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void theDriftedStepsAreReShotOnRequestAndTheirFirstCapturesKeptSuperseded() throws Exception {
        api.ok("POST", "/api/sets", "{\"name\":\"drifting\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\",\"A\"],\"evs\":[-1,0,1]}", 201);
        api.expect("POST", "/api/sets/1/drift/reshoot", "", 409, "nothing to re-shoot");
        api.expect("POST", "/api/sets/9/drift/reshoot", "", 404, "no profiling set 9");
        api.ok("POST", "/api/sets/1/shoot", "", 202);
        awaitIdle();

        JsonNode drift = api.ok("GET", "/api/sets/1/drift", null, 200);
        assertTrue(drift.path("flagged").asBoolean(), drift.toString());
        JsonNode ref = drift.path("runs").get(0).path("references").get(1);
        assertEquals(3, ref.path("rgb").size(), "the references' values per channel: " + ref);
        List<Long> drifted = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (JsonNode d : drift.path("drifted_steps")) {
            drifted.add(d.path("capture").asLong());
            codes.add(d.path("code").asText());
            assertTrue(Math.abs(d.path("drift_percent").get(0).asDouble()) > 2, "red passed the threshold: " + d);
        }
        assertTrue(drifted.size() >= 2 && drifted.size() <= 5, "the later steps drifted, not the first: " + drift);
        assertFalse(drifted.contains(capturesOf(1).get(0).id()), "the first step sits at the run's start: " + drift);

        // Another set's shoot running: refused, and nothing of set 1 is touched.
        api.ok("POST", "/api/sets", "{\"name\":\"busy\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\",\"A\",\"FL11\"],\"evs\":[-1,0,1]}", 201);
        api.ok("POST", "/api/sets/2/shoot", "", 202);
        api.ok("POST", "/api/shoot/pause", "", 200);
        api.expect("POST", "/api/sets/1/drift/reshoot", "", 409, "re-shoot the drifted steps once it has ended");
        assertTrue(capturesOf(1).stream().noneMatch(Capture::bad), "no capture superseded by a refused request");
        api.ok("POST", "/api/shoot/cancel", "", 202);
        awaitIdle();

        Set<Long> first = new HashSet<>(capturesOf(1).stream().map(Capture::id).toList());
        JsonNode accepted = api.ok("POST", "/api/sets/1/drift/reshoot", "", 202);
        List<String> queued = new ArrayList<>();
        accepted.path("steps").forEach(s -> queued.add(s.asText()));
        assertEquals(codes, queued, accepted.toString());
        awaitIdle();

        List<Capture> after = capturesOf(1);
        assertEquals(6 + drifted.size(), after.size(), "one new capture per drifted step, the old ones kept: " + after);
        Map<Long, double[]> factors = daemon.store().drift().factors(1);
        Set<String> reshot = new HashSet<>();
        for (Capture c : after) {
            if (drifted.contains(c.id())) {
                assertTrue(c.bad() && c.badReason().startsWith(DriftReshoot.SUPERSEDED), c.toString());
                assertTrue(Files.exists(daemon.config().station().dataDir().resolve(c.file())), "the file is kept: " + c.file());
            } else {
                assertFalse(c.bad(), c.toString());
            }
            if (!first.contains(c.id())) {
                reshot.add(c.stepId());
                // the re-shoot run starts where the lamp has aged to (about -5% red): normalised to the set's first reference
                assertTrue(factors.get(c.id())[0] < 0.96, "red factor " + factors.get(c.id())[0] + " of re-shot capture " + c.id());
            }
        }
        assertEquals(drifted.size(), reshot.size(), "every drifted step shot again: " + after);
        // The steps view pairs each step with its newest good capture: the re-shot one.
        JsonNode steps = api.ok("GET", "/api/sets/1", null, 200).path("steps");
        for (JsonNode s : steps) {
            assertEquals(reshot.contains(s.path("id").asText()) ? 2 : 1, s.path("captures").asInt(), s.toString());
        }
        JsonNode again = api.ok("GET", "/api/sets/1/drift", null, 200);
        for (JsonNode d : again.path("drifted_steps")) {
            assertFalse(drifted.contains(d.path("capture").asLong()), "a superseded capture is not offered again: " + again);
        }
        assertEquals(2, again.path("runs").size(), again.toString());

        JsonNode lamp = api.ok("GET", "/api/devices/lamp", null, 200);
        assertTrue(lamp.path("lamp_hours").asDouble() > 0, lamp.toString());
        assertEquals(1000, lamp.path("lamp_rated_hours").asDouble(), 1e-9, lamp.toString());
        assertEquals(lamp.path("lamp_hours").asDouble() / 10, lamp.path("lamp_life_used_percent").asDouble(), 1e-3, lamp.toString());
        // per rig light: both presets lit, and together no longer than the rig was on
        JsonNode lights = lamp.path("lamp_lights");
        assertEquals(List.of("A", "D65"), List.of(lights.get(0).path("light").asText(), lights.get(1).path("light").asText()), lamp.toString());
        double sum = lights.get(0).path("hours").asDouble() + lights.get(1).path("hours").asDouble();
        assertTrue(lights.get(0).path("hours").asDouble() > 0 && lights.get(1).path("hours").asDouble() > 0, lamp.toString());
        assertTrue(sum <= lamp.path("lamp_hours").asDouble() + 1e-3 && sum > lamp.path("lamp_hours").asDouble() * 0.5, lamp.toString());
    }

    private List<Capture> capturesOf(long set) {
        return daemon.store().captures().bySet(set).stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    private void awaitIdle() throws Exception {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!api.ok("GET", "/api/shoot", null, 200).path("state").asText().equals("idle")) {
            assertTrue(System.nanoTime() < end, "the shoot did not end within 2 minutes");
            Thread.sleep(100);
        }
    }
}
