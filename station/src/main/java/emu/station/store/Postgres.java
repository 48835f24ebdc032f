package emu.station.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/** Connecting to the shared PostgreSQL catalogue, and what the store needs of its database. */
final class Postgres {
    /** Collations that order text by code point, as SQLite's default BINARY collation does. */
    private static final Set<String> CODE_POINT_ORDER = Set.of("C", "POSIX", "C.UTF-8", "C.utf8");

    private Postgres() {}

    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        // A dead server or a dropped network must fail a call, not hang a bench for ever.
        p.putIfAbsent("connectTimeout", "10");
        p.putIfAbsent("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "emu-station");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /**
     * Refuses a database whose text would sort or compare otherwise than SQLite's: the store keeps
     * timestamps as ISO-8601 text and compares them as strings, and lists by name; a linguistic
     * collation (en_US.UTF-8) orders punctuation and case differently. Also wants UTF-8.
     */
    static void checkDatabase(Connection c, String where) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datcollate, pg_encoding_to_char(encoding) FROM pg_database "
                     + "WHERE datname = current_database()")) {
            rs.next();
            String collate = rs.getString(1);
            String encoding = rs.getString(2);
            if (!CODE_POINT_ORDER.contains(collate) || !encoding.equals("UTF8")) {
                throw new StoreException("database " + where + " has collation " + collate + " and encoding " + encoding
                        + "; emu-station needs collation C and UTF8 (text sorts and compares as in SQLite): create it with "
                        + "CREATE DATABASE name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            }
        }
    }
}
