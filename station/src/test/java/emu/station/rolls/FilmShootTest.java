package emu.station.rolls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.FilmShootRepository.FilmShootRow;
import emu.station.store.FilmShootRepository.State;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.RollRepository;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Film shoots on the virtual bench (sim rig and film camera, real SQLite): a rig fault ends the
 * shoot {@code failed} with the reason in the store and in a {@code film-shoot} event; the
 * rig-shutter trigger shoots without waiting. (The operator trigger, restarts and the API are
 * in {@code WorkflowApiTest}.)
 */
@Timeout(120)
class FilmShootTest {
    @TempDir Path dir;
    private Store store;
    private Workflows w;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

    /** The store under test: the SQLite file here; a PostgreSQL database in {@code PostgresFilmShootTest}. */
    Store openStore(StationConfig config) throws java.io.IOException {
        return Store.open(config.station().dataDir().resolve(Store.FILE_NAME));
    }

    @BeforeEach
    void open() throws Exception {
        Path cfg = QuietBench.config(dir);
        StationConfig config = StationConfig.load(cfg);
        store = openStore(config);
        w = Workflows.open(config, store, (e, d) -> {
            if (e.equals("film-shoot")) {
                events.add(d);
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        w.close();
        store.close();
    }

    @Test
    void aRigFaultEndsTheShootFailedWithTheReasonPersistedAndSent() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65", "NO-SUCH-LIGHT"), List.of(0.0)).id();
        Roll roll = w.rolls().load(set, "R1", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
        Exception e = assertThrows(Exception.class, () -> w.film().shoot(roll.id(), l -> { }));
        assertTrue(e.getMessage().contains("NO-SUCH-LIGHT"), e.getMessage());
        FilmShootRow fs = store.filmShoots().byRoll(roll.id()).get(0);
        assertEquals(State.FAILED, fs.state());
        assertTrue(fs.message().contains("NO-SUCH-LIGHT"), fs.message());
        assertEquals(1, store.rolls().frames(roll.id()).size(), "the frame before the fault is kept");
        Map<String, Object> last = events.get(events.size() - 1);
        assertEquals("failed", last.get("state"));
        assertEquals("S1-02", last.get("step"));
        assertTrue(String.valueOf(last.get("message")).contains("NO-SUCH-LIGHT"), last.toString());
        assertTrue(store.filmShoots().unfinished(emu.station.config.StationConfig.Station.defaultBenchName()).isEmpty(), "a failed shoot is not resumed at the next start");
    }

    @Test
    void anOperatorShootSendsItsWaitingStateAndGoesOnAtEachConfirmation() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(0.0, 1.0)).id();
        Roll roll = w.rolls().load(set, "R1", "F3", 160, 36, false, Trigger.OPERATOR);
        long fs = w.film().start(roll.id()).id();
        awaitEvent(m -> "waiting".equals(m.get("state")) && "S1-01".equals(m.get("step")));
        assertEquals(State.WAITING, store.filmShoots().byId(fs).orElseThrow().state());
        assertEquals(java.util.Optional.of(store.sets().step("S1-01").orElseThrow().id()), w.film().currentStepId(),
                "the slate's default step");
        assertThrows(IllegalStateException.class, () -> w.film().start(roll.id()), "one shoot of a roll at a time");
        w.film().confirm(fs);
        awaitEvent(m -> "waiting".equals(m.get("state")) && "S1-02".equals(m.get("step")) && Integer.valueOf(1).equals(m.get("frames")));
        w.film().confirm(fs);
        awaitEvent(m -> "done".equals(m.get("state")));
        assertEquals(2, store.rolls().frames(roll.id()).size());
        assertTrue(w.film().currentStepId().isEmpty());
    }

    private void awaitEvent(java.util.function.Predicate<Map<String, Object>> wanted) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (events.stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such film-shoot event in " + events);
    }

    @Test
    void theRigShutterTriggerShootsEveryStepWithoutWaiting() throws Exception {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0)).id();
        Roll roll = w.rolls().load(set, "R1", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
        assertEquals(3, w.film().shoot(roll.id(), l -> { }).size());
        assertEquals(State.DONE, store.filmShoots().byRoll(roll.id()).get(0).state());
        assertTrue(events.stream().noneMatch(m -> "waiting".equals(m.get("state"))), events.toString());
        assertEquals(3, store.rolls().simExposures(roll.id()).size(), "what the simulated lab needs is stored");
    }

    @Test
    void aLabEntryLoggedAfterTheScansKeepsTheRollScannedAndABadDateIsRefused() {
        long set = w.createSet("s", "portrait-160", null, List.of("D65"), List.of(0.0)).id();
        Roll roll = w.rolls().load(set, "R1", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> w.rolls().sendToLab(roll.id(), "Lab", "C-41", 0, "2026-13-45"));
        assertTrue(bad.getMessage().contains("2026-13-45"), bad.getMessage());
        w.rolls().sendToLab(roll.id(), "Lab", "C-41", 0, "");
        assertEquals(RollRepository.Status.AT_LAB, store.rolls().byId(roll.id()).orElseThrow().status());
        store.rolls().setStatus(roll.id(), RollRepository.Status.SCANNED);
        w.rolls().sendToLab(roll.id(), "Lab", "C-41", 1, "2026-11-20");
        assertEquals(RollRepository.Status.SCANNED, store.rolls().byId(roll.id()).orElseThrow().status());
    }
}
