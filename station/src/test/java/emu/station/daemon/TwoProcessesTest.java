package emu.station.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real second JVMs running {@code station run}: the data-directory lock and SIGTERM handling across processes. */
@Timeout(120)
class TwoProcessesTest {
    @TempDir Path dir;

    private Path config() throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, "[http]\nport = 0\n");
        return f;
    }

    /** Runs the CLI in a new JVM on the test classpath; its output goes to files, so it never blocks on a pipe. */
    private Process station(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    /** Waits for the "listening on" line without blocking on a read, so a hung child fails the test. */
    private String awaitUrl(Process p) throws Exception {
        String prefix = "station listening on ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(dir.resolve("out.txt"))) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length()).split(" ")[0];
                }
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no URL printed; stderr: " + Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aSecondStationFailsAtOnceNamingThePidHoldingTheDataDirectory() throws Exception {
        Path cfg = config();
        try (DataDirLock held = DataDirLock.acquire(dir.resolve("data"))) {
            Process p = station("run", "--config", cfg.toString());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "second instance must not wait for the lock");
            String err = Files.readString(dir.resolve("err.txt"));
            assertEquals(1, p.exitValue(), err);
            assertTrue(err.contains("data directory " + dir.resolve("data") + " is in use by PID "
                    + ProcessHandle.current().pid()), err);
        }
    }

    @Test
    void aRunningStationHoldsTheLockServesHealthAndStopsCleanlyOnSigterm() throws Exception {
        Process p = station("run", "--config", config().toString());
        try {
            String url = awaitUrl(p);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url).resolve("/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());

            Path data = dir.resolve("data");
            DataDirInUseException e = assertThrows(DataDirInUseException.class, () -> DataDirLock.acquire(data));
            assertTrue(e.getMessage().contains("PID " + p.pid()), e::getMessage);

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, p.exitValue(), "killed by SIGTERM after the shutdown hook ran");
            DataDirLock.acquire(data).close();
            String log = Files.readString(data.resolve("logs").resolve(Logging.LOG_FILE));
            assertTrue(log.contains("listening on " + url), log);
            assertTrue(log.contains("stopped in"), log);
        } finally {
            p.destroyForcibly();
        }
    }
}
