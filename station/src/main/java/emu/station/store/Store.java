package emu.station.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The station database: one SQLite file in WAL mode with foreign keys enforced, migrated to the
 * latest schema when opened. All SQL lives in this package; the rest of the station uses the
 * repositories ({@link #sets()}, {@link #captures()}, ...).
 *
 * <p>One connection serialised by a lock: SQLite takes one writer at a time anyway, and the
 * station's traffic (a bench, a few browsers) is far below what one connection serves. A
 * repository call inside {@link #atomically} joins the caller's transaction.
 */
public final class Store implements AutoCloseable {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "station.db";
    /** How long a statement waits for another process's write lock (e.g. a backup) before failing. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final int schemaVersion;
    private final int foundVersion;

    private Store(Path file, Migrations migrations) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.connection = connect(file);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
        try {
            this.foundVersion = migrations.apply(connection, file.toString());
            this.schemaVersion = migrations.latest();
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot migrate database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens (creating if absent) and migrates the database file. */
    public static Store open(Path file) {
        return new Store(file, Migrations.bundled());
    }

    /** For upgrade tests: open as an emu-station that knows only some migrations would. */
    static Store open(Path file, Migrations migrations) {
        return new Store(file, migrations);
    }

    /** The schema version this code writes, i.e. the number of bundled migrations. */
    public static int latestSchemaVersion() {
        return Migrations.bundled().latest();
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across application crashes in WAL mode and only risks the last commits on power loss.
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    /** A connection that changes nothing about the file (no journal mode switch), waiting out a busy writer. */
    private static Connection plainConnection(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
    }

    public Path file() {
        return file;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** The schema version the file had before this open migrated it (0 = new database). */
    public int migratedFrom() {
        return foundVersion;
    }

    public StockRepository stocks() {
        return new StockRepository(this);
    }

    public ProfilingSetRepository sets() {
        return new ProfilingSetRepository(this);
    }

    public CaptureRepository captures() {
        return new CaptureRepository(this);
    }

    public RollRepository rolls() {
        return new RollRepository(this);
    }

    public FilmShootRepository filmShoots() {
        return new FilmShootRepository(this);
    }

    public ScanRepository scans() {
        return new ScanRepository(this);
    }

    public JobRepository jobs() {
        return new JobRepository(this);
    }

    public AccountRepository accounts() {
        return new AccountRepository(this);
    }

    public OverviewRepository overview() {
        return new OverviewRepository(this);
    }

    public DriftRepository drift() {
        return new DriftRepository(this);
    }

    public ReadingRepository readings() {
        return new ReadingRepository(this);
    }

    public RollLogRepository rollLog() {
        return new RollLogRepository(this);
    }

    public TrainingRepository training() {
        return new TrainingRepository(this);
    }

    public StatsRepository stats() {
        return new StatsRepository(this);
    }

    /** Work against the connection, for the repositories. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * How many repository calls (each one statement or one batch) this store has served: lets a
     * test check that a view costs a constant number of queries, whatever the size of the set.
     */
    public long repositoryCalls() {
        return calls.get();
    }

    /**
     * Runs repository calls as one transaction: all of them commit or none. Exceptions from
     * {@code work} roll back and propagate (checked ones wrapped in {@link StoreException}).
     */
    public <T> T atomically(Callable<T> work) {
        return transaction(c -> {
            try {
                return work.call();
            } catch (RuntimeException | SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new StoreException(e.getMessage(), e);
            }
        });
    }

    /** Runs {@code work} in a transaction, or inside the caller's when one is open on this thread. */
    <T> T transaction(SqlWork<T> work) {
        calls.incrementAndGet();
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the live database at {@code database} to {@code target} with SQLite's online backup
     * (consistent while the daemon writes), then opens the copy and runs {@code PRAGMA
     * integrity_check}. The copy appears at {@code target} only once complete and checked.
     *
     * @return the integrity check's answer, "ok" when the copy is sound
     */
    public static String backup(Path database, Path target) {
        if (!Files.isRegularFile(database)) {
            throw new StoreException("no database at " + database);
        }
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".partial");
        try {
            Files.createDirectories(abs.getParent());
            Files.deleteIfExists(tmp);
            try (Connection c = plainConnection(database); Statement s = c.createStatement()) {
                s.executeUpdate("backup to '" + tmp.toString().replace("'", "''") + "'");
            }
            String check = integrityCheck(tmp);
            if (!check.equals("ok")) {
                return check;
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return check;
        } catch (IOException | SQLException e) {
            throw new StoreException("backup of " + database + " to " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: a leftover partial file is hidden and overwritten by the next backup.
            }
        }
    }

    /** {@code PRAGMA integrity_check} on a database file: "ok", or SQLite's list of faults. */
    public static String integrityCheck(Path database) {
        try (Connection c = plainConnection(database);
             Statement s = c.createStatement();
             var rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(out.length() == 0 ? "" : "\n").append(rs.getString(1));
            }
            return out.toString();
        } catch (SQLException e) {
            throw new StoreException("integrity check of " + database + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Folds the WAL back into the database file and closes. Called last at shutdown so the data
     * directory holds one self-contained file.
     */
    @Override
    public void close() {
        lock.lock();
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("checkpoint of " + file + " failed: " + e.getMessage(), e);
        } finally {
            closeQuietly();
            lock.unlock();
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing after a failure: the original error is the one to report.
        }
    }
}
