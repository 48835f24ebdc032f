package emu.station.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.ChildStation;
import emu.station.QuietBench;
import emu.station.auth.WebLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's soak, kill -9 part: a real daemon ({@code emu.station.cli.Main run}, its own JVM, as
 * {@code bin/station run} execs it) shoots digital sets on the virtual bench and is killed with
 * SIGKILL at seeded random points: while it starts (migrations, the shoot's resume), or a random
 * time into its shoot (moving the light, writing a capture, committing its row). Nobody presses
 * Start after a kill: each restarted daemon must resume the interrupted set by itself. After every
 * kill the data directory is checked with {@link DataInvariants} (rows and files, duplicates,
 * {@code integrity_check}); the one allowance is the files of the step in flight, written before
 * their row by design (files first, then the row), which the restart must remove: the final check,
 * after a clean stop, allows nothing. {@code -Dsoak.kills} and {@code -Dsoak.seed} scale it
 * ({@code bench/soak.sh}).
 */
@Timeout(1800)
class KillSoakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STEPS = 6;
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;
    private WebLogin login;

    @Test
    void killedAtRandomPointsTheDaemonResumesEveryShootByItselfAndLosesNothing() throws Exception {
        long seed = Long.getLong("soak.seed", 16);
        int kills = Integer.getInteger("soak.kills", 2); // one mid-shoot, one at startup
        int sets = Math.max(1, (kills + 2) / 3); // about three kills a set
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        Path cfg = QuietBench.config(dir);
        Path data = dir.resolve("data");
        Map<String, Integer> byKind = new TreeMap<>();
        int checks = 0;
        int orphansRemoved = 0;
        int created = 0;
        List<String> log = new ArrayList<>();
        for (int k = 0; k <= kills; k++) {
            String name = "run" + k;
            Process p = ChildStation.start(cfg, dir, name);
            boolean last = k == kills;
            // Every second kill while the daemon starts (before it listens; it may be resuming the shoot).
            boolean atStartup = k > 0 && !last && k % 2 == 1;
            long waitMs = atStartup ? 300 + rnd.nextInt(2500) : rnd.nextInt(3000);
            String where = "seed " + seed + ", kill " + k + " (" + (atStartup ? "startup" : "shooting") + ", " + waitMs + " ms)";
            try {
                if (atStartup) {
                    Thread.sleep(waitMs);
                } else {
                    String url = ChildStation.awaitUrl(p, dir, name);
                    if (login == null) {
                        login = WebLogin.firstRun(url, dir.resolve(name + ".err"));
                    }
                    JsonNode shoot = get(url, "/api/shoot");
                    if ("idle".equals(shoot.path("state").asText())) {
                        created = nextSet(url, created, sets);
                    } else {
                        assertEquals(created, shoot.path("set").asInt(), where + ": the restarted daemon resumed the set by itself");
                    }
                    if (last) {
                        while (awaitIdle(url, where) && created < sets) { // the kills ran out before every set was shot
                            created = nextSet(url, created, sets);
                        }
                    } else {
                        Thread.sleep(waitMs);
                    }
                }
            } finally {
                if (last) {
                    p.destroy(); // a clean stop at the end
                } else {
                    p.destroyForcibly(); // SIGKILL
                }
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), where + ": the daemon ended");
            }
            if (!last) {
                byKind.merge(atStartup ? "kill-startup" : "kill-shooting", 1, Integer::sum);
                log.add(where);
            }
            List<String> bad = DataInvariants.check(data);
            checks++;
            List<String> orphans = bad.stream().filter(b -> b.startsWith("file without its row")).toList();
            bad = bad.stream().filter(b -> !b.startsWith("file without its row")).toList();
            assertTrue(bad.isEmpty(), where + ": " + bad);
            if (last) {
                assertEquals(List.of(), orphans, where + ": every file written before a kill and never recorded was removed");
            } else {
                // Files are written before their row: only the step in flight may have files and no row yet.
                assertTrue(orphans.stream().map(KillSoakTest::stepOf).distinct().count() <= 1, where + ": " + orphans);
                orphansRemoved += orphans.size();
            }
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:file:" + data.resolve("station.db") + "?mode=ro");
                var q = c.createStatement();
                var r = q.executeQuery("SELECT COUNT(*) FROM step_failures")) {
            r.next();
            assertEquals(0, r.getInt(1), "no step failed");
            for (int s = 1; s <= created; s++) {
                try (var n = q.executeQuery("SELECT COUNT(*) FROM captures WHERE set_id = " + s)) {
                    n.next();
                    assertEquals(STEPS, n.getInt(1), "set " + s + ": one capture per step, none lost");
                }
            }
        }
        assertEquals(sets, created, "every set shot");
        System.out.printf("kill-soak: seed=%d sets=%d kills=%d %s invariant-checks=%d unrecorded-files-after-kill=%d wall=%.1fs%n",
                seed, created, byKind.values().stream().mapToInt(Integer::intValue).sum(), byKind, checks, orphansRemoved,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Creates and starts the next set (2 lights x 3 EVs) unless all are made; returns how many are. */
    private int nextSet(String url, int created, int sets) throws Exception {
        if (created >= sets) {
            return created;
        }
        int id = created + 1;
        post(url, "/api/sets", "{\"name\":\"kill-" + id + "\",\"stock\":\"portrait-160\","
                + "\"illuminants\":[\"D65\",\"A\"],\"evs\":[-1,0,1]}", 201);
        post(url, "/api/sets/" + id + "/shoot", "", 202);
        return id;
    }

    /** Waits for the shoot to be idle (true); nothing may fail on the bench. */
    private boolean awaitIdle(String url, String where) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            JsonNode shoot = get(url, "/api/shoot");
            assertTrue(shoot.path("failed").isEmpty(), where + ": no step fails on the bench: " + shoot);
            if ("idle".equals(shoot.path("state").asText())) {
                return true;
            }
            assertTrue(System.nanoTime() < deadline, where + ": the shoot did not finish: " + shoot);
            Thread.sleep(200);
        }
    }

    private static String stepOf(String orphan) {
        String f = orphan.substring(orphan.lastIndexOf('/') + 1);
        int dash = f.lastIndexOf('-');
        return dash < 0 ? f : f.substring(0, dash);
    }

    private JsonNode get(String url, String path) throws Exception {
        HttpResponse<String> r = http.send(login.sign(HttpRequest.newBuilder(URI.create(url).resolve(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private void post(String url, String path, String body, int status) throws Exception {
        HttpResponse<String> r = http.send(login.sign(HttpRequest.newBuilder(URI.create(url).resolve(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), path + ": " + r.body());
    }
}
