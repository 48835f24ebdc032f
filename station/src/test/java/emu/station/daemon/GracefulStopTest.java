package emu.station.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class GracefulStopTest {
    @TempDir Path dir;
    private final HttpClient client = HttpClient.newHttpClient();

    private StationConfig config() throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, "[http]\nport = 0\n");
        return StationConfig.load(f);
    }

    private HttpRequest get(Daemon d, String path) {
        return HttpRequest.newBuilder(URI.create(d.url()).resolve(path)).build();
    }

    private static boolean accepting(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void healthAndVersionAnswer() throws Exception {
        Daemon d = Daemon.start(config(), List.of(), false);
        try {
            HttpResponse<String> health = client.send(get(d, "/api/health"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"ok\""), health::body);
            HttpResponse<String> version = client.send(get(d, "/api/version"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, version.statusCode());
            assertTrue(version.body().contains("\"schema_version\":" + d.store().schemaVersion()), version::body);
        } finally {
            d.stop();
        }
    }

    /**
     * A request in flight when stop begins still completes with 200: the handler only answers once
     * the server has stopped accepting connections, i.e. while the stop is under way.
     */
    @Test
    void aRequestInFlightCompletesWhileTheStationStops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        StationModule slow = (daemon, routes) -> routes.get("/test/slow", ctx -> {
            int port = daemon.port();
            entered.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (accepting(port) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            ctx.result(accepting(port) ? "still accepting" : "answered during stop");
        });
        Daemon d = Daemon.start(config(), List.of(slow), false);
        d.closeOnStop(() -> closed.set(true));
        int port = d.port();

        CompletableFuture<HttpResponse<String>> inFlight =
                client.sendAsync(get(d, "/test/slow"), HttpResponse.BodyHandlers.ofString());
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        Thread stopper = new Thread(d::stop);
        stopper.start();

        HttpResponse<String> r = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("answered during stop", r.body());
        stopper.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(stopper.isAlive());

        assertTrue(closed.get(), "registered resources are closed");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        Path data = d.config().station().dataDir();
        Path wal = data.resolve("station.db-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "WAL checkpointed");
        DataDirLock.acquire(data).close(); // released
    }

    @Test
    void openEventStreamsAreClosedAtStop() throws Exception {
        Daemon d = Daemon.start(config(), List.of(), false);
        HttpRequest events = HttpRequest.newBuilder(URI.create(d.url()).resolve("/api/events"))
                .header("Accept", "text/event-stream").build(); // as EventSource sends; Javalin requires it
        HttpResponse<Stream<String>> sse = client.send(events, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, sse.statusCode());
        var lines = sse.body().iterator();
        String first = lines.next();
        assertEquals("event: hello", first, () -> "first line: [" + first + "]");
        assertEquals(1, d.events().clientCount());
        d.events().broadcast("job", "{\"id\":1}");

        Thread stopper = new Thread(d::stop);
        stopper.start();
        boolean sawJob = false;
        while (lines.hasNext()) { // ends when the server closes the stream
            sawJob |= lines.next().equals("event: job");
        }
        assertTrue(sawJob, "broadcast reached the client before the close");
        stopper.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(stopper.isAlive());
        assertEquals(0, d.events().clientCount());
    }
}
