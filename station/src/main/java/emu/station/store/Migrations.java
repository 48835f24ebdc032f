package emu.station.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward-only schema migrations, bundled as {@code migrations/V<n>__<what>.sql} resources and
 * listed in {@code migrations/index.txt} (a jar cannot be listed portably), for both engines: each
 * statement passes through {@link Dialect#ddl}, and a {@code V<n>__name.postgresql.sql} file, when
 * present, replaces the shared one on PostgreSQL (the shared file stays what SQLite has always run,
 * so released migrations give existing SQLite files the same schema). Our own runner rather than
 * Flyway: the SQLite version lives in {@code PRAGMA user_version} (Flyway would need its history
 * table back-filled on every existing bench file), and the per-statement rewrite is ours either way.
 * Each migration runs in one transaction with the version bump, so a failure leaves the database
 * at the previous version.
 */
final class Migrations {
    private static final String DIR = "migrations/";

    /** One migration: version n takes a database from version n-1 to n. */
    record Migration(int version, String name) {
        /** The statements as {@code dialect} runs them. */
        List<String> statements(Dialect dialect) {
            String variant = name.replaceFirst("\\.sql$", dialect.variantSuffix());
            String script = Migrations.class.getResource(DIR + variant) != null ? read(variant) : read(name);
            return Migrations.statements(script).stream().map(dialect::ddl).toList();
        }
    }

    private final List<Migration> all;

    private Migrations(List<Migration> all) {
        this.all = List.copyOf(all);
    }

    static Migrations bundled() {
        List<Migration> out = new ArrayList<>();
        for (String file : read("index.txt").lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList()) {
            if (!file.matches("V\\d+__\\w+\\.sql")) {
                throw new IllegalStateException("bad migration name in index.txt: " + file);
            }
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            if (version != out.size() + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, 3...: found " + file
                        + " after version " + out.size());
            }
            read(file); // fail at once, not at the first database that needs it
            out.add(new Migration(version, file));
        }
        return new Migrations(out);
    }

    /** The first {@code version} migrations only: an older emu-station, for upgrade tests. */
    Migrations upTo(int version) {
        if (version < 0 || version > latest()) {
            throw new IllegalArgumentException("no schema version " + version + " (latest is " + latest() + ")");
        }
        return new Migrations(all.subList(0, version));
    }

    int latest() {
        return all.size();
    }

    /** Brings the database to {@link #latest()}; returns the version it found. */
    int apply(Connection c, Dialect dialect, String database) throws SQLException {
        int found = dialect.version(c);
        if (found > latest()) {
            throw new SchemaTooNewException(database, found, latest());
        }
        for (int next = found + 1; next <= latest(); next++) {
            Migration m = all.get(next - 1);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                dialect.lockForMigration(s);
                int now = dialect.version(c);
                if (now >= m.version()) {
                    c.commit(); // another process migrated meanwhile (PostgreSQL shared by benches)
                    continue;
                }
                for (String sql : m.statements(dialect)) {
                    s.executeUpdate(sql);
                }
                dialect.setVersion(s, m.version());
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("migration " + m.name() + " failed on " + database + ": " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return found;
    }

    static int version(Connection c) throws SQLException {
        return Dialect.SQLITE.version(c);
    }

    /** Splits a script at semicolons ending a line; our migrations use no triggers, so none hide inside. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().toList()) {
            String code = line.replaceFirst("--.*$", "").strip();
            if (code.isEmpty()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration ends without ';': " + current);
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource emu/station/store/" + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }
}
