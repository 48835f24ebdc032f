package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shoot runner on the virtual bench: retry then fail a step without stopping; pause, resume, cancel. */
@Timeout(300)
class ShootRunnerTest {
    @TempDir Path dir;
    private Store store;
    private Workflows w;
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The store under test: the SQLite file here; a PostgreSQL database in {@code PostgresShootRunnerTest}. */
    Store openStore(StationConfig config) throws java.io.IOException {
        return Store.open(config.station().dataDir().resolve(Store.FILE_NAME));
    }

    @BeforeEach
    void open() throws Exception {
        Path cfg = QuietBench.config(dir);
        StationConfig config = StationConfig.load(cfg);
        store = openStore(config);
        w = Workflows.open(config, store, (e, d) -> events.add(e + " " + d));
    }

    @AfterEach
    void close() throws Exception {
        w.close();
        store.close();
    }

    @Test
    void aStepTheRigRefusesIsRetriedThenFailedAndTheRunGoesOn() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("NO-SUCH-LIGHT", "D65"), List.of(0.0)).id();
        ShootRunner.Summary s = w.shoot().run(set, false);
        assertEquals(List.of("S1-01"), s.failed());
        assertEquals(1, s.captured());
        assertEquals(List.of("S1-01"), store.sets().stepsWithoutCapture(set).stream().map(p -> p.code()).toList());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("step-failed") && e.contains("S1-01")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("capture") && e.contains("S1-02")), events.toString());
        assertEquals("SHOOTING", store.sets().byId(set).orElseThrow().status().name(), "one step is still to shoot");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("step-failed") && e.contains("NO-SUCH-LIGHT")),
                "the event gives the reason: " + events);
    }

    @Test
    void aFailedStepIsRecordedAndRetriedOnlyWhenAsked() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("NO-SUCH-LIGHT", "D65"), List.of(0.0)).id();
        w.shoot().run(set, false);
        var failures = store.sets().failures(set);
        assertEquals(1, failures.size());
        assertEquals("S1-01", failures.get(0).code());
        assertEquals(3, failures.get(0).attempts(), "the default policy's attempts");
        assertTrue(failures.get(0).reason().contains("NO-SUCH-LIGHT"), failures.get(0).reason());
        assertEquals(List.of("S1-01"), w.shoot().status().failed(), "the status shows the set's failed steps");

        events.clear();
        ShootRunner.Summary again = w.shoot().run(set, false);
        assertEquals(0, again.captured());
        assertEquals(List.of(), again.failed(), "a failed step is not retried unasked");
        assertTrue(events.stream().noneMatch(e -> e.startsWith("step-failed")), events.toString());
        assertEquals(List.of("S1-01"), w.shoot().status().failed(), "still shown as failed");
        assertEquals(3, store.sets().failures(set).get(0).attempts());

        ShootRunner.Summary retried = w.shoot().run(set, true);
        assertEquals(List.of("S1-01"), retried.failed(), "retried when asked, and it fails again");
        assertEquals(6, store.sets().failures(set).get(0).attempts(), "attempts add up over runs");
    }

    @Test
    void overExposedSimPatchesAreFlaggedClippedAgainstTheSensorsWhiteLevel() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(0.0, 3.0)).id();
        assertEquals(2, w.shoot().run(set, false).captured());
        var captures = store.captures().bySet(set);
        var atZero = store.readings().ofCapture(captures.get(0).id());
        var atPlus3 = store.readings().ofCapture(captures.get(1).id());
        // ColorChecker 24: patch 19 is the white, 24 the black. The sensor holds 3.5 stops above grey.
        assertTrue(atZero.stream().noneMatch(p -> p.clipped()), "nothing clips at EV 0: " + atZero);
        assertTrue(atPlus3.get(18).clipped(), "the white patch clips at +3 EV: " + atPlus3.get(18));
        assertTrue(!atPlus3.get(23).clipped(), "the black patch does not: " + atPlus3.get(23));
        long clipped = atPlus3.stream().filter(p -> p.clipped()).count();
        assertTrue(clipped >= 2 && clipped < 24, "some but not all patches clip at +3 EV: " + clipped);
        double level = emu.station.bench.Devices.simCameraSampling().clipLevel() * emu.devices.sim.camera.SimCamera.TIFF_FULL_SCALE;
        for (var p : atPlus3) {
            if (!p.clipped()) {
                assertTrue(Math.max(p.r(), Math.max(p.g(), p.b())) < level, "an unflagged patch is below the level: " + p);
            }
        }
    }

    @Test
    void pauseResumeAndCancelActBetweenSteps() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0, 2.0)).id();
        w.shoot().start(set, false);
        assertThrows(IllegalStateException.class, () -> w.shoot().start(set, false), "one shoot at a time");
        w.shoot().pause();
        assertEquals(ShootRunner.State.PAUSED, w.shoot().status().state());
        assertThrows(IllegalStateException.class, () -> w.shoot().pause());
        w.shoot().resume();
        assertEquals(ShootRunner.State.RUNNING, w.shoot().status().state());
        w.shoot().pause();
        w.shoot().cancel();
        w.shoot().awaitIdle();
        int captured = store.captures().bySet(set).size();
        assertTrue(captured < 4, "cancelled before the end: " + captured);
        assertEquals(ShootRunner.State.IDLE, w.shoot().status().state());
        assertEquals(4 - captured, w.shoot().run(set, false).captured(), "a new run finishes the rest");
        assertEquals(4, store.captures().bySet(set).size());
        assertEquals("AWAITING_SCANS", store.sets().byId(set).orElseThrow().status().name());
    }

    /** Issue 16 (7): a stop mid-shoot left the shoot waiting for someone to press Start. */
    @Test
    void aShootStoppedWithTheDaemonResumesByItselfAndAPausedOneStaysPaused() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0, 2.0)).id();
        w.shoot().start(set, false);
        w.shoot().pause();
        w.close(); // the daemon stops while the operator has the shoot paused
        w = reopen();
        assertEquals(ShootRunner.State.PAUSED, w.shoot().status().state(), "resumed as the operator left it");
        assertEquals(set, w.shoot().status().setId());
        int before = store.captures().bySet(set).size();
        Thread.sleep(300);
        assertEquals(before, store.captures().bySet(set).size(), "a paused shoot shoots nothing");
        w.shoot().resume();
        while (store.captures().bySet(set).size() == before) {
            Thread.sleep(20);
        }
        w.close(); // stopped again, this time running
        w = reopen();
        w.shoot().awaitIdle();
        assertEquals(4, store.captures().bySet(set).size(), "the restarted daemon finished the shoot by itself");
        assertTrue(!java.nio.file.Files.exists(dir.resolve("data").resolve(ShootMarker.FILE_NAME)), "nothing left to resume");
        w.close();
        w = reopen();
        assertEquals(ShootRunner.State.IDLE, w.shoot().status().state(), "a finished shoot is not run again");
    }

    @Test
    void aCancelledShootIsNotResumed() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0, 2.0)).id();
        w.shoot().start(set, false);
        w.shoot().pause();
        w.shoot().cancel();
        w.shoot().awaitIdle();
        w.close();
        w = reopen();
        assertEquals(ShootRunner.State.IDLE, w.shoot().status().state());
    }

    private Workflows reopen() throws Exception {
        return Workflows.open(StationConfig.load(dir.resolve("config.toml")), store, (e, d) -> events.add(e + " " + d));
    }
}
