package emu.station.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-login counting over a sliding one-minute window, kept per key (the client address and the
 * user name are separate keys, so neither spreading guesses over names nor over addresses helps).
 * In memory: a restart forgets, which only gives an attacker one more window.
 */
public final class LoginThrottle {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private final int limit;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    /** @param limit failures allowed per key per minute, 1 or more */
    public LoginThrottle(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("login_attempts_per_minute must be 1 or more, got " + limit);
        }
        this.limit = limit;
    }

    /** How long until {@code key} may try again, or empty when it may now. */
    public synchronized Optional<Duration> retryAfter(String key, Instant now) {
        Deque<Instant> q = prune(key, now);
        if (q == null || q.size() < limit) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, q.peekFirst().plus(WINDOW));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    public synchronized void failed(String key, Instant now) {
        prune(key, now);
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
    }

    private Deque<Instant> prune(String key, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return null;
        }
        while (!q.isEmpty() && !q.peekFirst().plus(WINDOW).isAfter(now)) {
            q.removeFirst();
        }
        if (q.isEmpty()) {
            failures.remove(key);
        }
        return q;
    }
}
