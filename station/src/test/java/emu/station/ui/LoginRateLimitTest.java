package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Login throttling through HTTP: after the configured failures per minute, 429 with Retry-After. */
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
            assertEquals(429, new Http(station).login("someone-else", "x").statusCode(), "the address is throttled too");
        }
    }
}
