package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.auth.OneTimePasswordFile;
import emu.station.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login throttling through HTTP: after the configured failures per minute, 429 with Retry-After; the
 * count is per source address and user (issue 16, 6), and the console can always let the admin back in.
 */
@Timeout(120)
class LoginRateLimitTest {
    @TempDir Path dir;

    @Test
    void failuresPastTheLimitAnswer429EvenForTheRightPassword() throws Exception {
        try (UiStation station = new UiStation(dir, 5)) {
            Http http = new Http(station);
            for (int i = 0; i < 5; i++) {
                assertEquals(401, http.login("admin", "wrong guess " + i).statusCode());
            }
            var r = http.login("admin", UiStation.ONE_TIME_PASSWORD);
            assertEquals(429, r.statusCode(), r.body());
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
            assertTrue(r.body().contains("too many failed logins"), r.body());
        }
    }

    /** Issue 16 (6): guesses from one source locked admin out from everywhere. */
    @Test
    void guessesFromOneSourceDoNotLockTheUserOutFromAnother() throws Exception {
        try (UiStation station = new UiStation(dir, 5)) {
            for (int i = 0; i < 6; i++) {
                loginFrom("127.0.0.1", station, "admin", "wrong guess " + i);
            }
            assertTrue(loginFrom("127.0.0.1", station, "admin", UiStation.ONE_TIME_PASSWORD).startsWith("HTTP/1.1 429"));
            String other = loginFrom("127.0.0.2", station, "admin", UiStation.ONE_TIME_PASSWORD);
            assertTrue(other.startsWith("HTTP/1.1 200"), other);
        }
    }

    /** Issue 16 (6): on a shared machine every local user is 127.0.0.1; the console resets the admin. */
    @Test
    void theConsoleResetLetsTheAdminBackInAtOnceWhileTheDaemonRuns() throws Exception {
        try (UiStation station = new UiStation(dir, 5)) {
            Http http = new Http(station);
            for (int i = 0; i < 5; i++) {
                assertEquals(401, http.login("admin", "wrong guess " + i).statusCode());
            }
            assertEquals(429, http.login("admin", UiStation.ONE_TIME_PASSWORD).statusCode());
            assertEquals(0, Main.execute("admin", "reset-password", "--config", dir.resolve("config.toml").toString()));
            String fresh = OneTimePasswordFile.in(station.dataDir).passwordFor("admin").orElseThrow();
            var r = http.login("admin", fresh);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"must_change_password\":true"), r.body());
            assertEquals(401, new Http(station).login("admin", UiStation.ONE_TIME_PASSWORD).statusCode(), "the old one is gone");
        }
    }

    /** A login over a raw socket bound to {@code source} (any 127/8 address reaches loopback on Linux). */
    private static String loginFrom(String source, UiStation station, String name, String password) throws Exception {
        URI u = URI.create(station.url("/"));
        String body = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: " + u.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
