package emu.station.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies a bench's SQLite catalogue, row for row with its ids, into an empty PostgreSQL one
 * ({@code station migrate-store}), then proves it: every table's row count and a SHA-256 over its
 * rows (order-independent, values in a canonical form both engines give) must match. File
 * references are rows like any other (paths relative to the data directory, with their hashes), so
 * they are carried and checked with them. One target transaction: all or nothing.
 */
public final class StoreCopy {
    /** One table's count and content hash on each side. */
    public record TableCheck(String table, long sourceRows, long targetRows, String sourceHash, String targetHash) {
        public boolean matches() {
            return sourceRows == targetRows && sourceHash.equals(targetHash);
        }
    }

    private static final int BATCH = 1000;

    private StoreCopy() {}

    /**
     * Copies {@code source} (SQLite) into {@code target} (PostgreSQL, at the same schema version,
     * empty) and checks both.
     *
     * @throws IllegalArgumentException when the engines are not SQLite to PostgreSQL or the target holds rows
     */
    public static List<TableCheck> copy(Store source, Store target) {
        if (source.dialect() != Dialect.SQLITE || target.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("migrate-store copies a SQLite catalogue into a PostgreSQL one");
        }
        if (source.schemaVersion() != target.schemaVersion()) {
            throw new IllegalStateException("schema versions differ: " + source.schemaVersion() + " vs " + target.schemaVersion());
        }
        return source.transaction(src -> target.transaction(dst -> {
            List<String> tables = inDependencyOrder(src);
            for (String t : tables) {
                if (count(dst, t) > 0) {
                    throw new IllegalArgumentException("the target " + target.where() + " is not empty: table " + t
                            + " has rows (migrate into a new database)");
                }
            }
            for (String t : tables) {
                copyTable(src, dst, t);
            }
            try (Statement s = dst.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.columns "
                         + "WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'")) {
                List<String> identities = new ArrayList<>();
                while (rs.next()) {
                    identities.add(rs.getString(1));
                }
                for (String t : identities) {
                    // Rows came with their ids: the identity must go on after the highest, not at 1.
                    try (Statement u = dst.createStatement()) {
                        u.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), "
                                + "COALESCE((SELECT MAX(id) FROM " + t + "), 0) + 1, false)");
                    }
                }
            }
            List<TableCheck> out = new ArrayList<>();
            for (String t : tables) {
                Map<String, Integer> kinds = columnKinds(dst, t);
                out.add(new TableCheck(t, count(src, t), count(dst, t), hash(src, t, kinds), hash(dst, t, kinds)));
            }
            if (!out.stream().allMatch(TableCheck::matches)) {
                throw new StoreException("the copy does not match its source, nothing kept: " + out);
            }
            return out;
        }));
    }

    /** Our tables, each after the tables its foreign keys point to (SQLite's own list of them). */
    static List<String> inDependencyOrder(Connection sqlite) throws SQLException {
        Map<String, Set<String>> refs = new LinkedHashMap<>();
        try (Statement s = sqlite.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                refs.put(rs.getString(1), new LinkedHashSet<>());
            }
        }
        for (var e : refs.entrySet()) {
            try (Statement s = sqlite.createStatement();
                 ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(" + e.getKey() + ")")) {
                while (rs.next()) {
                    String to = rs.getString("table");
                    if (!to.equals(e.getKey())) {
                        e.getValue().add(to);
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < refs.size()) {
            int before = order.size();
            for (var e : refs.entrySet()) {
                if (!order.contains(e.getKey()) && order.containsAll(e.getValue())) {
                    order.add(e.getKey());
                }
            }
            if (order.size() == before) {
                throw new IllegalStateException("foreign keys form a cycle among " + refs.keySet());
            }
        }
        return order;
    }

    private static void copyTable(Connection src, Connection dst, String table) throws SQLException {
        try (Statement s = src.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                cols.add(md.getColumnName(i));
            }
            Map<String, Integer> kinds = columnKinds(dst, table);
            String sql = "INSERT INTO " + table + " (" + String.join(", ", cols) + ") OVERRIDING SYSTEM VALUE VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
            try (PreparedStatement ps = dst.prepareStatement(sql)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        int kind = kinds.getOrDefault(cols.get(i - 1), Types.VARCHAR);
                        Object v = kind == Types.BIGINT ? (Object) rs.getLong(i)
                                : kind == Types.DOUBLE ? (Object) rs.getDouble(i) : rs.getString(i);
                        ps.setObject(i, rs.wasNull() ? null : v, kind);
                    }
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        }
    }

    /** The target's column types as JDBC kinds: BIGINT, DOUBLE or VARCHAR (all our schema uses). */
    private static Map<String, Integer> columnKinds(Connection pg, String table) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = pg.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(2);
                    out.put(rs.getString(1), type.equals("bigint") ? Types.BIGINT
                            : type.equals("double precision") ? Types.DOUBLE : Types.VARCHAR);
                }
            }
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * SHA-256 over the sorted SHA-256s of the rows, each row its columns (in the target's order) in
     * a canonical text: integers as decimal, floats by {@link Double#toString}, text as is, NULL apart.
     */
    private static String hash(Connection c, String table, Map<String, Integer> kinds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", kinds.keySet()) + " FROM " + table)) {
            List<Integer> types = List.copyOf(kinds.values());
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= types.size(); i++) {
                    int kind = types.get(i - 1);
                    String v = kind == Types.BIGINT ? Long.toString(rs.getLong(i))
                            : kind == Types.DOUBLE ? Double.toString(rs.getDouble(i)) : rs.getString(i);
                    row.append(rs.wasNull() ? "\u0000NULL" : v.length() + ":" + v).append('\u0001');
                }
                rows.add(sha256(row.toString()));
            }
        }
        rows.sort(null);
        return sha256(String.join("", rows));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
