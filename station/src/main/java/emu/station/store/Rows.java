package emu.station.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import emu.station.errors.InvalidInputException;

/** Small JDBC helpers shared by the repositories: parameters, row mapping, enum and time columns. */
final class Rows {
    private Rows() {}

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant) {
                ps.setString(i + 1, p.toString());
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, text(e));
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    static <T> List<T> list(java.sql.Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(java.sql.Connection c, String sql, Mapper<T> mapper, Object... params) throws SQLException {
        List<T> all = list(c, sql, mapper, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Runs an INSERT into a table with an {@code id} column and returns the new row's id. */
    static long insert(java.sql.Connection c, String sql, Object... params) throws SQLException {
        Dialect d = Dialect.of(c);
        try (PreparedStatement ps = bind(c.prepareStatement(d.insertSql(sql)), params)) {
            return d.insertReturningId(c, ps);
        }
    }

    static int update(java.sql.Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), params)) {
            return ps.executeUpdate();
        }
    }

    static String text(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String text) {
        return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : Instant.parse(s);
    }

    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    /**
     * The reason to store for a bad/good marking: marking bad needs one (what the operator saw, kept
     * for whoever reviews the set later); marking good again clears it.
     */
    static String badReason(boolean bad, String reason) {
        if (!bad) {
            return "";
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "\"reason\" is required when marking bad: say what is wrong");
        }
        if (reason.length() > 500) {
            throw new InvalidInputException("reason", "\"reason\" is longer than 500 characters");
        }
        return reason.strip();
    }
}
