package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.ControlStripRepository.Strip;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V12's control strips on a real SQLite file (and, by {@link PostgresControlStripRepositoryTest},
 * on PostgreSQL): a roll's strip stored and replaced (one per roll), a lab's strips by date, lot
 * references replaced, the tables' checks refusing a process that is none of the three.
 */
class ControlStripRepositoryTest {
    @TempDir Path dir;

    Store open() throws Exception {
        return Store.open(dir.resolve(Store.FILE_NAME));
    }

    private static final double[] D = {0.25, 0.65, 0.90, 0.90, 1.30, 1.60, 1.90, 2.35, 2.75};

    private static double[] plus(double d) {
        double[] v = D.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += d;
        }
        return v;
    }

    @Test
    void stripsAndReferencesAreKeptReplacedAndListedByLabAndDate() throws Exception {
        try (Store store = open()) {
            long stock = store.stocks().create("strip-stock", "135", 100).id();
            long a = store.rolls().create("CS-1", stock, null, RollRepository.Settings.defaults()).id();
            long b = store.rolls().create("CS-2", stock, null, RollRepository.Settings.defaults()).id();
            store.controlStrips().put(b, "Lab One", "C-41", "K-1", "2026-11-09", "typed", plus(0.01));
            store.controlStrips().put(a, "Lab One", "C-41", "K-1", "2026-11-02", "lab", D);
            Strip again = store.controlStrips().put(b, "Lab One", "C-41", "K-1", "2026-11-10", "typed", plus(0.02));
            Strip read = store.controlStrips().ofRoll(b).orElseThrow();
            assertEquals(again.id(), read.id());
            assertEquals("2026-11-10", read.date());
            assertArrayEquals(plus(0.02), read.densities(), 0);
            List<Strip> lab = store.controlStrips().ofLab("Lab One");
            assertEquals(List.of(a, b), lab.stream().map(Strip::rollId).toList());
            assertEquals(List.of("Lab One"), store.controlStrips().labs());

            assertTrue(store.controlStrips().reference("C-41", "K-1").isEmpty());
            store.controlStrips().putReference("C-41", "K-1", D);
            store.controlStrips().putReference("C-41", "K-1", plus(0.005));
            assertArrayEquals(plus(0.005), store.controlStrips().reference("C-41", "K-1").orElseThrow().densities(), 0);
            assertTrue(store.controlStrips().reference("E-6", "K-1").isEmpty());

            assertThrows(RuntimeException.class, () -> store.controlStrips().putReference("C-22", "K-1", D));
            assertThrows(RuntimeException.class, () -> store.controlStrips().put(a, "Lab One", "C-41", "K-1", "2026-11-02", "guessed", D));
        }
    }
}
