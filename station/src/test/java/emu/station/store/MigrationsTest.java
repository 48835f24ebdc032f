package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir Path dir;

    private static final Set<String> TABLES = Set.of("stocks", "profiling_sets", "plan_steps", "captures", "rolls",
            "frames", "scans", "patch_readings", "training_runs", "models", "exports", "jobs", "users",
            "sessions", "roll_events", "chart_corners", "step_failures", "film_shoots", "sim_exposures");

    private static Set<String> tables(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void setUserVersion(Path db, int v) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = " + v);
        }
    }

    @Test
    void anEmptyDatabaseGetsTheWholeSchemaInWalWithForeignKeys() throws Exception {
        Path db = dir.resolve("station.db");
        try (Store store = Store.open(db)) {
            assertEquals(0, store.migratedFrom());
            assertEquals(Store.latestSchemaVersion(), store.schemaVersion());
            String[] pragmas = store.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    var jm = s.executeQuery("PRAGMA journal_mode");
                    String journal = jm.getString(1);
                    var fk = s.executeQuery("PRAGMA foreign_keys");
                    String fks = fk.getString(1);
                    var bt = s.executeQuery("PRAGMA busy_timeout");
                    return new String[] {journal, fks, bt.getString(1)};
                }
            });
            assertEquals("wal", pragmas[0]);
            assertEquals("1", pragmas[1]);
            assertTrue(Integer.parseInt(pragmas[2]) > 0);
        }
        Set<String> found = tables(db);
        assertTrue(found.containsAll(TABLES), () -> "missing tables in " + found);
        assertFalse(found.contains("pairs"), "V4 drops the unused pairs table (pairs are assembled on demand)");
    }

    /** Every earlier schema version, with data in it, upgrades to the latest and keeps its rows. */
    @Test
    void everyEarlierVersionUpgradesToTheLatestKeepingData() throws Exception {
        Migrations all = Migrations.bundled();
        assertTrue(all.latest() >= 2, "keep at least two migrations so upgrades are exercised");
        for (int from = 0; from < all.latest(); from++) {
            Path db = dir.resolve("v" + from + ".db");
            long stockId = -1;
            try (Store old = Store.open(db, all.upTo(from))) {
                assertEquals(from, old.schemaVersion());
                if (from >= 1) {
                    stockId = old.stocks().create("Portra 400", "135", 400).id();
                }
            }
            try (Store store = Store.open(db)) {
                assertEquals(from, store.migratedFrom(), "version found on disk");
                assertEquals(all.latest(), store.schemaVersion());
                if (from >= 1) {
                    assertEquals(stockId, store.stocks().byName("Portra 400").orElseThrow().id());
                }
            }
            assertTrue(tables(db).containsAll(TABLES), "from version " + from);
        }
    }

    /** V6 moves a roll's settings from the JSON notes (and its lab log) into typed columns. */
    @Test
    void rollSettingsMoveFromNotesToTypedColumns() throws Exception {
        Path db = dir.resolve("v5.db");
        Store.open(db, Migrations.bundled().upTo(5)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO stocks (id, name, format, created_at) VALUES (1, 'Portra 400', '135', '2026-01-01T00:00:00Z')");
            s.executeUpdate("INSERT INTO rolls (id, code, stock_id, notes, created_at) VALUES (1, 'R1', 1, "
                    + "'{\"camera\":\"F3\",\"iso\":400,\"frames\":24,\"slate\":true,\"trigger\":\"operator\"}', '2026-01-01T00:00:00Z')");
            s.executeUpdate("INSERT INTO rolls (id, code, stock_id, notes, created_at) VALUES (2, 'R2', 1, 'a note', '2026-01-01T00:00:00Z')");
            s.executeUpdate("INSERT INTO roll_events (roll_id, event, details, at) VALUES (1, 'sent_to_lab', "
                    + "'{\"lab\":\"L\",\"push_pull\":-1}', '2026-01-02T00:00:00Z')");
        }
        try (Store store = Store.open(db)) {
            RollRepository.Roll r1 = store.rolls().byCode("R1").orElseThrow();
            assertEquals(new RollRepository.Settings("F3", 400, 24, true, FilmShootRepository.Trigger.OPERATOR), r1.settings());
            assertEquals(java.util.Optional.of(-1), r1.pushPull());
            RollRepository.Roll r2 = store.rolls().byCode("R2").orElseThrow();
            assertEquals(RollRepository.Settings.defaults(), r2.settings(), "notes that are no JSON leave the defaults");
            assertTrue(r2.pushPull().isEmpty());
        }
    }

    private static List<String> schema(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var rs = c.createStatement().executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getString(3));
            }
            return out;
        }
    }

    /**
     * Issue 21 made the migrations serve PostgreSQL too: a bench's existing V8 file (the last schema
     * before that) must still upgrade to exactly the schema a new file gets, statement for statement.
     */
    @Test
    void aV8FileUpgradesToTheSchemaOfANewFile() throws Exception {
        Path v8 = dir.resolve("v8.db");
        try (Store old = Store.open(v8, Migrations.bundled().upTo(8))) {
            old.stocks().create("Portra 400", "135", 400);
        }
        try (Store store = Store.open(v8)) {
            assertEquals(8, store.migratedFrom());
            assertTrue(store.stocks().byName("Portra 400").isPresent());
        }
        Path fresh = dir.resolve("fresh.db");
        Store.open(fresh).close();
        assertEquals(schema(fresh), schema(v8));
    }

    @Test
    void reopeningAtTheLatestVersionMigratesNothing() {
        Path db = dir.resolve("station.db");
        Store.open(db).close();
        try (Store again = Store.open(db)) {
            assertEquals(again.schemaVersion(), again.migratedFrom());
        }
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedNamingBothVersions() throws Exception {
        Path db = dir.resolve("station.db");
        Store.open(db).close();
        int newer = Store.latestSchemaVersion() + 3;
        setUserVersion(db, newer);
        SchemaTooNewException e = assertThrows(SchemaTooNewException.class, () -> Store.open(db));
        assertTrue(e.getMessage().contains("schema version " + newer), e::getMessage);
        assertTrue(e.getMessage().contains("up to " + Store.latestSchemaVersion()), e::getMessage);
        assertTrue(e.getMessage().contains(db.toString()), e::getMessage);
    }

    @Test
    void aFailingMigrationLeavesThePreviousVersion() throws Exception {
        Path db = dir.resolve("station.db");
        Store.open(db, Migrations.bundled().upTo(1)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE users (clash INTEGER)"); // V2 creates users: make it fail
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db));
        assertTrue(e.getMessage().contains("V2__"), e::getMessage);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            assertEquals(1, Migrations.version(c));
        }
        assertTrue(!tables(db).contains("sessions"), "V2 rolled back as a whole");
    }

    @Test
    void scriptsSplitAtLineEndingSemicolonsWithoutComments() {
        assertEquals(List.of("CREATE TABLE a (x INTEGER);", "CREATE INDEX i ON a(x);"),
                Migrations.statements("-- a table\nCREATE TABLE a (x INTEGER); -- trailing\n\nCREATE INDEX i ON a(x);\n"));
    }
}
