package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that depend on the engine refuse the wrong one with exit 2 and a message naming the
 * config and what to do: {@code station worker} needs a shared PostgreSQL catalogue; {@code station
 * backup} copies only SQLite files (PostgreSQL is pg_dump's). No server is needed: both refuse
 * before connecting.
 */
class WorkerAndBackupOnEnginesTest {
    @TempDir Path dir;

    @Test
    void aWorkerOnSqliteIsRefused() throws Exception {
        Path cfg = dir.resolve("sqlite.toml");
        Files.writeString(cfg, "[station]\ndata_dir = \"data\"\n");
        CliRun r = CliRun.of("worker", "--config", cfg.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(cfg + " has no [store] url"), r::err);
        assertFalse(Files.exists(dir.resolve("data/station.db")), "nothing created");
    }

    @Test
    void aWorkerWhoseDataRootIsMissingIsRefusedBeforeConnecting() throws Exception {
        Path cfg = dir.resolve("worker.toml");
        Files.writeString(cfg, "[station]\ndata_dir = \"shared\"\n[store]\nurl = \"postgresql://emu@127.0.0.1:1/emu\"\n");
        CliRun r = CliRun.of("worker", "--config", cfg.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(dir.resolve("shared") + " of " + cfg + " is not a directory"), r::err);
        assertTrue(r.err().contains("mount the benches' shared data root"), r::err);
    }

    @Test
    void backupOfAPostgresqlCatalogueNamesPgDumpWithoutThePassword() throws Exception {
        Path cfg = dir.resolve("pg.toml");
        Files.writeString(cfg, "[store]\nurl = \"postgresql://emu:hunter2@127.0.0.1:1/emu\"\n");
        CliRun r = CliRun.of("backup", "--config", cfg.toString(), "--to", dir.resolve("b.db").toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("pg_dump"), r::err);
        assertFalse(r.err().contains("hunter2"), r::err);
    }
}
