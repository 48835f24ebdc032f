package emu.station.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Web UI accounts: users (by name, with an encoded password hash the store never interprets) and
 * their login sessions, kept by the hash of the session token so a copy of the database holds no
 * live login.
 */
public final class AccountRepository {
    public enum Role { ADMIN, OPERATOR, VIEWER }

    /** A user; {@code passwordHash} is the encoded credential of {@code emu.station.auth.Passwords}. */
    public record User(long id, String name, String passwordHash, Role role, Instant createdAt) {}

    private final Store store;

    AccountRepository(Store store) {
        this.store = store;
    }

    public long userCount() {
        return store.transaction(c -> Rows.one(c, "SELECT COUNT(*) AS n FROM users", rs -> rs.getLong("n"))).orElse(0L);
    }

    public User createUser(String name, String passwordHash, Role role) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a user needs a name");
        }
        Instant now = Instant.now();
        return store.transaction(c -> new User(
                Rows.insert(c, "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                        name, passwordHash, role, now), name, passwordHash, role, now));
    }

    public Optional<User> userByName(String name) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM users WHERE name = ?", AccountRepository::user, name));
    }

    public Optional<User> userById(long id) {
        return store.transaction(c -> Rows.one(c, "SELECT * FROM users WHERE id = ?", AccountRepository::user, id));
    }

    public void setPasswordHash(long userId, String passwordHash) {
        store.transaction(c -> {
            if (Rows.update(c, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId) != 1) {
                throw new StoreException("no user with id " + userId);
            }
            return null;
        });
    }

    public void createSession(String tokenHash, long userId, Instant expiresAt) {
        store.transaction(c -> Rows.update(c,
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                tokenHash, userId, Instant.now(), expiresAt));
    }

    /** The user of an unexpired session. Timestamps are ISO-8601 UTC text, so they compare as strings. */
    public Optional<User> sessionUser(String tokenHash, Instant now) {
        return store.transaction(c -> Rows.one(c, "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE s.token_hash = ? AND s.expires_at > ?", AccountRepository::user, tokenHash, now));
    }

    public void deleteSession(String tokenHash) {
        store.transaction(c -> Rows.update(c, "DELETE FROM sessions WHERE token_hash = ?", tokenHash));
    }

    /** Ends every session of a user but one (after a password change the other logins must go). */
    public void deleteOtherSessions(long userId, String keepTokenHash) {
        store.transaction(c -> Rows.update(c, "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                userId, keepTokenHash));
    }

    public int deleteExpiredSessions(Instant now) {
        return store.transaction(c -> Rows.update(c, "DELETE FROM sessions WHERE expires_at <= ?", now));
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getLong("id"), rs.getString("name"), rs.getString("password_hash"),
                Rows.enumOf(Role.class, rs.getString("role")), Rows.instant(rs, "created_at"));
    }
}
