package emu.station.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-login counting over a sliding one-minute window, kept per key (the caller chooses the key:
 * {@link Auth} counts per source address and user, see there why).
 * In memory: a restart forgets, which only gives an attacker one more window. Keys are capped so
 * that guesses under ever new names cannot grow the map without bound.
 */
public final class LoginThrottle {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_KEYS = 10_000;
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
        if (failures.size() >= MAX_KEYS) {
            for (String k : java.util.List.copyOf(failures.keySet())) {
                prune(k, now);
            }
        }
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
