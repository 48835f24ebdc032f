package emu.station.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one set of migrations on a real PostgreSQL server ({@link PgCluster}): the schema it builds
 * has the same tables, columns and nullability as SQLite's; versions, refusals and rollback behave
 * as on SQLite; two benches starting together on an empty catalogue migrate it once.
 */
class PostgresMigrationsTest {
    /** The cluster starts before the tests, so their times (bench/store-engines.sh) hold no initdb. */
    @BeforeAll
    static void cluster() {
        PgCluster.get();
    }

    @TempDir Path dir;

    /** table.column:notnull for every column of our tables. */
    private static Set<String> pgColumns(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PgCluster.user(), null);
             ResultSet rs = c.createStatement().executeQuery("SELECT table_name, column_name, is_nullable "
                     + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_version'")) {
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2) + ":" + ("NO".equals(rs.getString(3)) ? "notnull" : "null"));
            }
            return out;
        }
    }

    private static Set<String> sqliteColumns(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Set<String> out = new TreeSet<>();
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + t + ")")) {
                    while (rs.next()) {
                        // SQLite's INTEGER PRIMARY KEY may hold NULL in the pragma's eyes but is the rowid: never null.
                        boolean notNull = rs.getInt("notnull") == 1 || rs.getInt("pk") > 0;
                        out.add(t + "." + rs.getString("name") + ":" + (notNull ? "notnull" : "null"));
                    }
                }
            }
            return out;
        }
    }

    @Test
    void oneSchemaOnBothEngines() throws Exception {
        String url = PgCluster.get().newDatabase();
        try (Store pg = Store.openPostgres(url, PgCluster.user(), null)) {
            assertEquals(0, pg.migratedFrom());
            assertEquals(Store.latestSchemaVersion(), pg.schemaVersion());
            assertTrue(pg.isShared());
        }
        Path db = dir.resolve("station.db");
        Store.open(db).close();
        assertEquals(sqliteColumns(db), pgColumns(url));
    }

    @Test
    void reopeningMigratesNothingAndOlderCatalogueUpgradesKeepingRows() {
        String url = PgCluster.get().newDatabase();
        long stock;
        try (Store v8 = Store.openPostgres(url, PgCluster.user(), null, Migrations.bundled().upTo(8))) {
            assertEquals(8, v8.schemaVersion());
            stock = v8.stocks().create("Portra 400", "135", 400).id();
        }
        try (Store store = Store.openPostgres(url, PgCluster.user(), null)) {
            assertEquals(8, store.migratedFrom());
            assertEquals(stock, store.stocks().byName("Portra 400").orElseThrow().id());
            long next = store.stocks().create("Gold 200", "135", 200).id();
            assertTrue(next > stock, "the identity goes on after existing rows");
        }
        try (Store again = Store.openPostgres(url, PgCluster.user(), null)) {
            assertEquals(again.schemaVersion(), again.migratedFrom());
        }
    }

    @Test
    void aCatalogueNewerThanTheCodeIsRefused() {
        String url = PgCluster.get().newDatabase();
        Store.openPostgres(url, PgCluster.user(), null).close();
        int newer = Store.latestSchemaVersion() + 2;
        PgCluster.get().admin(url.substring(url.lastIndexOf('/') + 1), "UPDATE schema_version SET version = " + newer);
        SchemaTooNewException e = assertThrows(SchemaTooNewException.class,
                () -> Store.openPostgres(url, PgCluster.user(), null));
        assertTrue(e.getMessage().contains("schema version " + newer), e::getMessage);
        assertTrue(e.getMessage().contains(url), e::getMessage);
    }

    @Test
    void aFailingMigrationRollsBackAsAWhole() throws Exception {
        String url = PgCluster.get().newDatabase();
        Store.openPostgres(url, PgCluster.user(), null, Migrations.bundled().upTo(1)).close();
        PgCluster.get().admin(url.substring(url.lastIndexOf('/') + 1), "CREATE TABLE users (clash INTEGER)");
        StoreException e = assertThrows(StoreException.class, () -> Store.openPostgres(url, PgCluster.user(), null));
        assertTrue(e.getMessage().contains("V2__"), e::getMessage);
        try (Connection c = DriverManager.getConnection(url, PgCluster.user(), null)) {
            assertEquals(1, Dialect.POSTGRESQL.version(c));
            assertFalse(pgColumns(url).stream().anyMatch(col -> col.startsWith("sessions.")), "V2 rolled back as a whole");
        }
    }

    /**
     * A database the store cannot trust to compare text as SQLite does is refused, naming the fix.
     * Shown with a LATIN1 database: this machine has no linguistic locale (en_US.UTF-8) installed
     * to make one with another collation; the check reads both (Postgres.checkDatabase).
     */
    @Test
    void aDatabaseThatStoresTextOtherwiseIsRefusedNamingTheFix() {
        String name = "latin1_" + ProcessHandle.current().pid();
        PgCluster.get().admin("postgres", "CREATE DATABASE " + name
                + " TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
        StoreException e = assertThrows(StoreException.class,
                () -> Store.openPostgres(PgCluster.get().url(name), PgCluster.user(), null));
        assertTrue(e.getMessage().contains("encoding LATIN1"), e::getMessage);
        assertTrue(e.getMessage().contains("ENCODING 'UTF8' LC_COLLATE 'C'"), e::getMessage);
    }

    /**
     * The race behind a CI failure ("relation "stocks" already exists" on V1, two benches opening a
     * fresh catalogue together), forced step by step: bench B reads "no schema yet" while bench A
     * migrates, queues on the migration lock, and must read A's version once A commits. PostgreSQL
     * keeps B's failed lookup of {@code schema_version} as a negative catalogue-cache entry, and
     * neither an advisory lock nor {@code to_regclass} makes B read the invalidations A's commit
     * sent: a version read through that cache answered 0 and B ran V1 again.
     */
    @Test
    void theVersionReadAfterTheMigrationLockSeesWhatTheHolderCommitted() throws Exception {
        String url = PgCluster.get().newDatabase();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection a = DriverManager.getConnection(url, PgCluster.user(), null);
             Connection b = DriverManager.getConnection(url, PgCluster.user(), null);
             Statement as = a.createStatement()) {
            a.setAutoCommit(false);
            Dialect.POSTGRESQL.lockForMigration(as);
            Dialect.POSTGRESQL.setVersion(as, 1);  // A's V1, not committed yet
            assertEquals(0, Dialect.POSTGRESQL.version(b), "B sees no schema while A's V1 is open");
            Future<Integer> afterLock = pool.submit(() -> {
                b.setAutoCommit(false);
                try (Statement bs = b.createStatement()) {
                    Dialect.POSTGRESQL.lockForMigration(bs);
                    int v = Dialect.POSTGRESQL.version(b);
                    b.commit();
                    return v;
                }
            });
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (waitingForAdvisoryLock(as) < 1) {
                assertFalse(afterLock.isDone(), () -> "B did not queue on the lock: " + outcome(afterLock));
                assertTrue(System.nanoTime() < deadline, "B queues on the migration lock within 30 s");
                Thread.sleep(20);
            }
            a.commit();
            assertEquals(1, afterLock.get(60, TimeUnit.SECONDS), "B, holding the lock, reads A's committed version");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sessions of this database waiting for an advisory lock (postgresql.org/docs/15/view-pg-locks.html). */
    private static int waitingForAdvisoryLock(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String outcome(Future<?> f) {
        try {
            return "returned " + f.get();
        } catch (ExecutionException e) {
            return e.getCause().toString();
        } catch (InterruptedException e) {
            return "interrupted";
        }
    }

    @Test
    void twoBenchesStartingTogetherMigrateTheCatalogueOnce() throws Exception {
        String url = PgCluster.get().newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> opens = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opens.add(pool.submit(() -> {
                    try (Store s = Store.openPostgres(url, PgCluster.user(), null)) {
                        return s.migratedFrom();
                    }
                }));
            }
            for (Future<Integer> f : opens) {
                f.get(); // neither failed on the other's tables
            }
        } finally {
            pool.shutdown();
        }
        try (Connection c = DriverManager.getConnection(url, PgCluster.user(), null);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
