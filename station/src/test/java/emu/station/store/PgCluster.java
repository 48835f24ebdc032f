package emu.station.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 cluster for the tests (Debian's {@code postgresql}): {@code initdb}
 * into a temp directory and {@code pg_ctl start} on a free port on 127.0.0.1, once per test JVM,
 * stopped and deleted at exit. PostgreSQL refuses to run as root, so under root (CI) it runs as
 * the {@code postgres} user through {@code runuser}. Each test gets a fresh database ({@link
 * #newDatabase}). Nothing is skipped: if the cluster cannot start, every test using it fails with
 * the server's log.
 */
public final class PgCluster {
    /** Where Debian puts the server binaries; {@code EMU_PG_BIN} overrides (another version, another OS). */
    private static final Path BIN = Path.of(System.getenv().getOrDefault("EMU_PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static final String USER = "emu";
    private static PgCluster running;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;

    private PgCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The cluster, started at the first call. */
    public static synchronized PgCluster get() {
        if (running == null) {
            long t0 = System.nanoTime();
            running = start();
            System.err.printf("PostgreSQL test cluster on port %d started in %d ms (initdb + pg_ctl start)%n",
                    running.port, (System.nanoTime() - t0) / 1_000_000);
            PgCluster c = running;
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "pg-cluster-stop"));
        }
        return running;
    }

    /** A JDBC URL (user {@code emu}, trust auth) of a new empty database with collation C and UTF-8. */
    public String newDatabase() {
        return newDatabase("template0");
    }

    private String newDatabase(String template) {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, null); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " TEMPLATE " + template + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        } catch (Exception e) {
            throw new IllegalStateException("cannot create database " + name + " on " + url("postgres") + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Runs SQL as the cluster's superuser on a database of it (e.g. one with the wrong collation). */
    public void admin(String database, String sql) {
        try (Connection c = DriverManager.getConnection(url(database), USER, null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static String user() {
        return USER;
    }

    /**
     * Opens a store on a fresh database of the cluster, copied from one migrated once per JVM (the
     * migrations themselves are PostgresMigrationsTest's to test; this keeps each test's setup to a
     * CREATE DATABASE, ~0.2 s, instead of also running every migration).
     */
    public static Store openStore() {
        return Store.openPostgres(get().migratedDatabase(), USER, null);
    }

    private String migratedTemplate;

    /** A new database at the latest schema, no rows. */
    public synchronized String migratedDatabase() {
        if (migratedTemplate == null) {
            String url = newDatabase();
            Store.openPostgres(url, USER, null).close();
            migratedTemplate = url.substring(url.lastIndexOf('/') + 1);
        }
        return newDatabase(migratedTemplate);
    }

    private static PgCluster start() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL server binaries not found in " + BIN
                    + ": install Debian's postgresql (scripts/install-test-deps.sh) or set EMU_PG_BIN");
        }
        try {
            Path dir = Files.createTempDirectory("emu-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, pg);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path data = dir.resolve("data");
            run(root, dir, List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            // fsync off: a throwaway cluster for tests, never data anyone keeps.
            run(root, dir, List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start"));
            return new PgCluster(dir, port);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start a PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    private static void run(boolean root, Path dir, List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String log = Files.isReadable(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out + log);
        }
    }

    private void stop() {
        try {
            run("root".equals(System.getProperty("user.name")), dir, List.of(BIN.resolve("pg_ctl").toString(), "-D",
                    dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (Exception e) {
            System.err.println("stopping the test PostgreSQL cluster in " + dir + " failed: " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is the only cost
        }
    }
}
