package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.station.QuietBench;
import emu.station.auth.WebLogin;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the digital shoot, with a real kill: a child JVM runs {@code station run} on
 * the virtual bench, shoots a set through the API and is killed ({@code destroyForcibly}, SIGKILL)
 * mid-run; a new station on the same data directory resumes the set. Afterwards every step has
 * exactly one capture, every recorded file exists, and no unrecorded file is left behind.
 */
@Timeout(600)
class ShootResumeAfterKillTest {
    @TempDir Path dir;
    /** The web login, made on the first station; its session survives the restart. */
    private WebLogin login;

    @Test
    void aShootKilledMidRunResumesAtTheFirstUnfinishedStepWithNoCaptureLostOrDuplicated() throws Exception {
        Path cfg = QuietBench.config(dir);
        Process first = station(cfg, "first");
        int doneAtKill;
        try {
            String url = awaitUrl(first, "first");
            login = WebLogin.firstRun(url, dir.resolve("first.err"));
            ApiClient api = api(url);
            api.ok("POST", "/api/sets", "{\"name\":\"kill\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\",\"A\"],"
                    + "\"evs\":[-1,0,1]}", 201);
            api.ok("POST", "/api/sets/1/shoot", "", 202);
            doneAtKill = awaitDone(api, 2, 300);
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(doneAtKill >= 2 && doneAtKill < 6, "killed mid-run, after " + doneAtKill + " of 6 steps");

        Process second = station(cfg, "second");
        try {
            ApiClient api = api(awaitUrl(second, "second"));
            // Issue 16 (7): nobody presses Start; the restarted daemon resumes the shoot by itself.
            assertEquals(1, api.ok("GET", "/api/shoot", null, 200).path("set").asInt());
            awaitDone(api, 6, 300);
            awaitIdle(api);
        } finally {
            second.destroy();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        }

        Path data = dir.resolve("data");
        try (Store store = Store.open(data.resolve(Store.FILE_NAME))) {
            List<Capture> captures = store.captures().bySet(1);
            Set<String> steps = captures.stream().map(Capture::stepId).collect(Collectors.toSet());
            assertEquals(6, captures.size(), "one capture per step: " + captures);
            assertEquals(6, steps.size(), "no step captured twice");
            Set<String> stems = new HashSet<>();
            for (Capture c : captures) {
                assertTrue(Files.isRegularFile(data.resolve(c.file())), "recorded file exists: " + c.file());
                assertEquals(24, store.readings().ofCapture(c.id()).size(), "patch readings stored with the capture");
                String n = Path.of(c.file()).getFileName().toString();
                stems.add(n.substring(0, n.indexOf('.')));
            }
            try (Stream<Path> files = Files.list(data.resolve("captures").resolve("set-1"))) {
                for (Path f : files.toList()) {
                    String n = f.getFileName().toString();
                    assertTrue(stems.contains(n.substring(0, n.indexOf('.'))), "unrecorded file left behind: " + f);
                }
            }
        }
    }

    private Process station(Path cfg, String name) throws Exception {
        return emu.station.ChildStation.start(cfg, dir, name);
    }

    private String awaitUrl(Process p, String name) throws Exception {
        return emu.station.ChildStation.awaitUrl(p, dir, name);
    }

    private int awaitDone(ApiClient api, int atLeast, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            JsonNode s = api.ok("GET", "/api/shoot", null, 200);
            if (s.path("done").asInt() >= atLeast) {
                return s.path("done").asInt();
            }
            assertTrue(s.path("failed").isEmpty(), "no step fails on the bench: " + s);
            Thread.sleep(100);
        }
        throw new AssertionError("shoot did not reach " + atLeast + " steps: " + api.ok("GET", "/api/shoot", null, 200));
    }

    private void awaitIdle(ApiClient api) throws Exception {
        for (int i = 0; i < 300 && !api.ok("GET", "/api/shoot", null, 200).path("state").asText().equals("idle"); i++) {
            Thread.sleep(100);
        }
        assertEquals("idle", api.ok("GET", "/api/shoot", null, 200).path("state").asText());
    }

    /** The station at {@code url} (each process has its own port) as the web login calls it. */
    private ApiClient api(String url) {
        return ApiClient.of(() -> url).signedBy(login::sign);
    }
}
