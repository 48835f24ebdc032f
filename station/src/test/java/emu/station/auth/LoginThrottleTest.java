package emu.station.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sliding window, on explicit instants (no clock, no sleeping). */
class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void refusesAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
        LoginThrottle t = new LoginThrottle(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(t.retryAfter("ip:a", T0.plusSeconds(i)).isEmpty());
            t.failed("ip:a", T0.plusSeconds(i));
        }
        assertEquals(Optional.of(Duration.ofSeconds(50)), t.retryAfter("ip:a", T0.plusSeconds(10)));
        assertTrue(t.retryAfter("ip:b", T0.plusSeconds(10)).isEmpty(), "keys are independent");
        assertTrue(t.retryAfter("ip:a", T0.plusSeconds(60)).isEmpty(), "the first failure left the window");
    }

    @Test
    void successClearsTheKey() {
        LoginThrottle t = new LoginThrottle(1);
        t.failed("user:x", T0);
        assertTrue(t.retryAfter("user:x", T0).isPresent());
        t.succeeded("user:x");
        assertTrue(t.retryAfter("user:x", T0).isEmpty());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0));
    }
}
