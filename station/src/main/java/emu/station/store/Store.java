package emu.station.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The station database: by default one SQLite file in WAL mode with foreign keys enforced; or a
 * PostgreSQL database shared by several benches and workers ({@link #openPostgres}). Migrated to
 * the latest schema when opened. All SQL lives in this package; the rest of the station uses the
 * repositories ({@link #sets()}, {@link #captures()}, ...), whichever the engine.
 *
 * <p>One connection serialised by a lock: SQLite takes one writer at a time anyway, and the
 * station's traffic (a bench, a few browsers) is far below what one connection serves; on
 * PostgreSQL each process (daemon, worker) holds its own. A repository call inside {@link
 * #atomically} joins the caller's transaction.
 */
public final class Store implements AutoCloseable {
    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "station.db";

    private final Path file;
    private final String where;
    private final Dialect dialect;
    /** Replaced only when a PostgreSQL connection was lost ({@link #reconnectIfLost}), under the lock. */
    private volatile Connection connection;
    private final Connector connector;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final int schemaVersion;
    private final int foundVersion;
    private final JobLeases leases = new JobLeases();

    private Store(Path file, String where, Dialect dialect, Connector connector, Migrations migrations) {
        this.file = file;
        this.where = where;
        this.dialect = dialect;
        this.connector = connector;
        try {
            if (file != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            this.connection = connector.connect();
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open database " + where + ": " + e.getMessage(), e);
        }
        try {
            if (dialect == Dialect.POSTGRESQL) {
                Postgres.checkDatabase(connection, where);
            }
            this.foundVersion = migrations.apply(connection, dialect, where);
            this.schemaVersion = migrations.latest();
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot migrate database " + where + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Connector {
        Connection connect() throws SQLException;
    }

    /** Opens (creating if absent) and migrates the database file. */
    public static Store open(Path file) {
        return open(file, Migrations.bundled());
    }

    /** For upgrade tests: open as an emu-station that knows only some migrations would. */
    static Store open(Path file, Migrations migrations) {
        return new Store(file, file.toString(), Dialect.SQLITE, () -> SqliteFiles.connect(file), migrations);
    }

    /**
     * Opens and migrates a PostgreSQL database (the shared catalogue of several benches).
     *
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database[?params]}
     * @param user role to log in as (null: the driver's default, or the URL's {@code user} parameter)
     * @param password its password (null: none, or {@code ~/.pgpass}, which the driver reads)
     */
    public static Store openPostgres(String jdbcUrl, String user, String password) {
        return openPostgres(jdbcUrl, user, password, Migrations.bundled());
    }

    static Store openPostgres(String jdbcUrl, String user, String password, Migrations migrations) {
        return new Store(null, jdbcUrl, Dialect.POSTGRESQL, () -> Postgres.connect(jdbcUrl, user, password), migrations);
    }

    /** The schema version this code writes, i.e. the number of bundled migrations. */
    public static int latestSchemaVersion() {
        return Migrations.bundled().latest();
    }

    /** The SQLite file; a PostgreSQL store has none ({@link #isShared()}). */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("the store is PostgreSQL (" + where + "), not a file");
        }
        return file;
    }

    /** True on PostgreSQL: other benches and workers use the same catalogue and job queue. */
    public boolean isShared() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** The file, or the PostgreSQL JDBC URL (which never holds the password), for messages. */
    public String where() {
        return where;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Who this process is in job leases, and how long a lease lasts (the worker sets it from config). */
    public JobLeases leases() {
        return leases;
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

    public ControlStripRepository controlStrips() {
        return new ControlStripRepository(this);
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

    public SetLeaseRepository setLeases() {
        return new SetLeaseRepository(this);
    }

    public DataRootRepository dataRoot() {
        return new DataRootRepository(this);
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
            reconnectIfLost();
            throw new StoreException("database " + where + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a failed call on PostgreSQL: if the connection is gone (server restarted, network cut,
     * backend terminated) open a new one, so the call fails once and the next one works, instead
     * of every later call failing on a dead connection. The failed call is not retried: it may
     * have been half done. SQLite's file connection is not lost this way.
     */
    private void reconnectIfLost() {
        if (dialect != Dialect.POSTGRESQL || lock.getHoldCount() > 1) {
            return;
        }
        try {
            if (!connection.isClosed() && connection.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            // treat as lost
        }
        try {
            Connection fresh = connector.connect();
            closeQuietly();
            connection = fresh;
        } catch (SQLException e) {
            // The server is still away: the next failing call tries again.
        }
    }

    /**
     * Folds the WAL back into the database file and closes (SQLite). Called last at shutdown so the
     * data directory holds one self-contained file.
     */
    @Override
    public void close() {
        lock.lock();
        try (Statement s = connection.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        } catch (SQLException e) {
            throw new StoreException("checkpoint of " + where + " failed: " + e.getMessage(), e);
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
