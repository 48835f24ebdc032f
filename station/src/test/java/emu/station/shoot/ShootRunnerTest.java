package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.nio.file.Files;
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

    @BeforeEach
    void open() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[rig]", "settle_seconds = 0.0",
                "[training]", "schedule = \"\"", "train_when_complete = false", ""));
        StationConfig config = StationConfig.load(cfg);
        store = Store.open(config.station().dataDir().resolve(Store.FILE_NAME));
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
        ShootRunner.Summary s = w.shoot().run(set);
        assertEquals(List.of("S1-01"), s.failed());
        assertEquals(1, s.captured());
        assertEquals(List.of("S1-01"), store.sets().stepsWithoutCapture(set).stream().map(p -> p.code()).toList());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("step-failed") && e.contains("S1-01")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("capture") && e.contains("S1-02")), events.toString());
        assertEquals("SHOOTING", store.sets().byId(set).orElseThrow().status().name(), "one step is still to shoot");
    }

    @Test
    void pauseResumeAndCancelActBetweenSteps() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0, 2.0)).id();
        w.shoot().start(set);
        assertThrows(IllegalStateException.class, () -> w.shoot().start(set), "one shoot at a time");
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
        assertEquals(4 - captured, w.shoot().run(set).captured(), "a new run finishes the rest");
        assertEquals(4, store.captures().bySet(set).size());
        assertEquals("AWAITING_SCANS", store.sets().byId(set).orElseThrow().status().name());
    }
}
