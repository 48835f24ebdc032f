package emu.station.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.QuietBench;
import emu.station.auth.Auth;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (5): 250 connections from one address sending their bodies a byte at a time held every
 * request thread, and {@code /api/health} timed out for ~28 s. Real sockets on loopback against the
 * real daemon (Javalin/Jetty); the clients are bounded (250) and the test ends in well under a minute.
 */
@Timeout(120)
class SlowClientsTest {
    private static final int SLOW_CLIENTS = 250;
    @TempDir Path dir;

    @Test
    void twoHundredFiftySlowBodiesDoNotStarveHealth() throws Exception {
        Path cfg = QuietBench.config(dir);
        String extra = java.util.Objects.requireNonNullElse(System.getenv("EMU_SLOWCLIENTS_HTTP"), ""); // e.g. min_body_bytes_per_second = 0: the old behaviour
        java.nio.file.Files.writeString(cfg, java.nio.file.Files.readString(cfg).replace("port = 0", "port = 0\n" + extra));
        StationConfig config = StationConfig.load(cfg);
        Daemon daemon = Daemon.start(config, List.of(new Auth()), false);
        List<Socket> slow = new ArrayList<>();
        AtomicInteger cut = new AtomicInteger();
        List<Thread> drippers = new ArrayList<>();
        try {
            URI base = URI.create(daemon.url());
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            // Each slow client then sends one more byte a second, as a stalled upload would.
            for (Socket s : slow) {
                Thread t = new Thread(() -> {
                    try {
                        s.setSoTimeout(1000);
                        InputStream in = s.getInputStream();
                        for (int k = 0; k < 40; k++) {
                            s.getOutputStream().write(' ');
                            s.getOutputStream().flush();
                            try {
                                int b = in.read();
                                if (b != 0) { // an answer (408) or the close: cut off
                                    if (cut.incrementAndGet() == 1) {
                                        byte[] more = new byte[200];
                                        int n = b < 0 ? 0 : in.read(more);
                                        System.out.println("first cut after " + k + " s: " + (b < 0 ? "closed"
                                                : (char) b + new String(more, 0, Math.max(n, 0), StandardCharsets.US_ASCII).split("\r\n")[0]));
                                    }
                                    return;
                                }
                            } catch (java.net.SocketTimeoutException e) {
                                // still open: drip again
                            }
                        }
                    } catch (Exception e) {
                        cut.incrementAndGet(); // reset by the server
                    }
                });
                t.setDaemon(true);
                t.start();
                drippers.add(t);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long worstMs = 0;
            long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            int probes = 0;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(r.statusCode() == 200, r.body());
                worstMs = Math.max(worstMs, ms);
                probes++;
                Thread.sleep(200);
            }
            System.out.printf("slow clients: %d, health probes: %d, worst health latency %d ms, slow clients cut off: %d%n",
                    SLOW_CLIENTS, probes, worstMs, cut.get());
            assertTrue(worstMs < 5000, "health answered within 5 s while " + SLOW_CLIENTS + " slow bodies trickled; worst "
                    + worstMs + " ms");
            for (Thread t : drippers) {
                t.join(30_000);
            }
            assertTrue(cut.get() == SLOW_CLIENTS, "every slow body was cut off (408 or close): " + cut.get());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            daemon.stop();
        }
    }
}
