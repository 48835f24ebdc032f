package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.ProfilingSetRepository.StepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupTest {
    @TempDir Path dir;

    /** Backup of a live, open database (WAL not yet checkpointed), restore by copying it into place, read it back. */
    @Test
    void backupAndRestoreRoundTrip() throws Exception {
        Path live = dir.resolve("live/station.db");
        Path backup = dir.resolve("backups/station-backup.db");
        List<ProfilingSetRepository.PlanStep> steps;
        try (Store store = Store.open(live)) {
            long stock = store.stocks().create("Portra 160", "135", 160).id();
            long set = store.sets().create("p160", stock, "colorchecker24",
                    StepSpec.grid(List.of("D50"), List.of(-1.0, 0.0))).id();
            steps = store.sets().steps(set);
            store.jobs().enqueue("train", "{}");
            assertTrue(Files.size(live.resolveSibling("station.db-wal")) > 0, "rows still in the WAL");

            assertEquals("ok", SqliteFiles.backup(live, backup));
        }
        assertEquals("ok", SqliteFiles.integrityCheck(backup));
        try (var files = Files.list(backup.getParent())) {
            assertEquals(List.of(backup), files.toList(), "no partial files left behind");
        }

        Path restored = dir.resolve("restored/station.db");
        Files.createDirectories(restored.getParent());
        Files.copy(backup, restored, StandardCopyOption.COPY_ATTRIBUTES);
        try (Store store = Store.open(restored)) {
            assertEquals(Store.latestSchemaVersion(), store.migratedFrom());
            long set = store.sets().all().get(0).id();
            assertEquals(steps, store.sets().steps(set));
            assertEquals(1, store.jobs().inState(JobRepository.State.QUEUED).size());
        }
    }

    @Test
    void integrityCheckReportsACorruptFile() throws Exception {
        Path db = dir.resolve("station.db");
        try (Store store = Store.open(db)) {
            for (int i = 0; i < 200; i++) {
                store.stocks().create("stock " + i, "135", 100 + i);
            }
        }
        byte[] bytes = Files.readAllBytes(db);
        // Scribble over the second page onward (page 1 holds the header, which must stay readable).
        for (int i = 4096; i < Math.min(bytes.length, 4096 * 3); i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(db, bytes);
        String check;
        try {
            check = SqliteFiles.integrityCheck(db);
        } catch (StoreException e) {
            check = e.getMessage();
        }
        assertFalse(check.equals("ok"), check);
    }

    @Test
    void backingUpAMissingDatabaseFailsClearly() {
        StoreException e = assertThrows(StoreException.class,
                () -> SqliteFiles.backup(dir.resolve("none.db"), dir.resolve("b.db")));
        assertTrue(e.getMessage().contains("none.db"), e::getMessage);
    }
}
