package emu.station.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code [store]}: where the catalogue lives. No {@code url} (the default): the SQLite file
 * {@code station.db} in the data directory, as always. {@code url = "postgresql://..."}: a
 * PostgreSQL database shared by several benches and {@code station worker} processes
 * (docs/scale-out.md). The URL is checked here, before anything starts, and turned into what the
 * JDBC driver takes; this is its one parser.
 */
final class StoreSection {
    private StoreSection() {}

    static StationConfig.StoreSettings read(TomlReader r) {
        String url = r.string("store.url", "").strip();
        Duration lease = Duration.ofSeconds(r.integer("store.job_lease_seconds", 60, 2, 3600));
        if (url.isEmpty()) {
            return new StationConfig.StoreSettings(Optional.empty(), lease);
        }
        try {
            return new StationConfig.StoreSettings(Optional.of(parse(url)), lease);
        } catch (IllegalArgumentException e) {
            r.problem(TomlReader.key("store.url"), e.getMessage());
            return new StationConfig.StoreSettings(Optional.empty(), lease);
        }
    }

    /**
     * {@code postgresql://[user[:password]@]host[:port]/database[?param=value&...]}, the libpq URI
     * form (postgresql.org/docs/15/libpq-connect.html, "Connection URIs"); user and password may be
     * percent-encoded; parameters go to the JDBC driver unchanged (e.g. {@code sslmode=require}).
     */
    static StationConfig.Postgres parse(String url) {
        URI u;
        try {
            u = new URI(url).parseServerAuthority();
        } catch (URISyntaxException e) {
            // the reason and position only: the exception's message repeats the URL, password included
            throw new IllegalArgumentException("not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (!"postgresql".equals(u.getScheme()) && !"postgres".equals(u.getScheme())) {
            throw new IllegalArgumentException("\"" + redact(url) + "\" is not a postgresql:// URL "
                    + "(leave store.url out for the SQLite file in the data directory)");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new IllegalArgumentException("names no host: postgresql://[user[:password]@]host[:port]/database");
        }
        String db = u.getRawPath() == null ? "" : u.getRawPath().replaceFirst("^/", "");
        if (db.isEmpty() || db.contains("/")) {
            throw new IllegalArgumentException("names no database: postgresql://[user[:password]@]host[:port]/database");
        }
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
            String[] parts = u.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + "/" + db
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return new StationConfig.Postgres(jdbc, user, password, redact(url));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL as written, its password replaced: for logs and messages. */
    private static String redact(String url) {
        return url.replaceFirst("^([a-z]+://[^:/@]*):[^@/]*@", "$1:***@");
    }
}
