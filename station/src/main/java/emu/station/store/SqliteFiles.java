package emu.station.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file behind a single-bench {@link Store}: how it is opened (WAL, foreign keys, a busy
 * timeout), and what is done to the file as a whole while the daemon may be writing (online backup,
 * integrity check). PostgreSQL has its own tools for both ({@code pg_dump}, {@code amcheck}).
 */
public final class SqliteFiles {
    /** How long a statement waits for another process's write lock (e.g. a backup) before failing. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private SqliteFiles() {
    }

    static Connection connect(Path file) throws SQLException {
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
}
