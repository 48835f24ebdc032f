package emu.station.auth;

import emu.calibration.io.Hashes;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.store.AccountRepository;
import emu.station.store.AccountRepository.Role;
import emu.station.store.AccountRepository.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web logins: the first-run admin, the login/logout/password routes under {@code /api/auth}, and
 * the one guard in front of every other route.
 *
 * <p>The guard: without a live session an API call answers 401 (JSON) and a page redirects to
 * {@code /login}; a user holding a one-time password may only change it; every state-changing
 * request (not GET/HEAD/OPTIONS) needs the session's CSRF token in {@value #CSRF_HEADER}, else 403.
 * Public: {@code /api/health}, the login page and its assets, and the login call itself.
 *
 * <p>Sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie (Secure over TLS);
 * the database keeps only its SHA-256. The CSRF token is derived from the session token
 * (SHA-256 of a domain-separated copy), so it needs no storage and dies with the session; only a
 * page of this origin can read it, from {@code /api/auth/session}.
 *
 * <p>Over 300 lines: the guard, the session cookie and its CSRF derivation, and the login, logout
 * and password routes are the station's one security boundary; a reviewer checks them together,
 * and split across files the order in which the guard admits a request (metrics token, public
 * paths, one-time password, CSRF) is harder to see. The password hashing, the throttle and the
 * one-time password file already live beside it in their own classes.
 */
public final class Auth implements StationModule {
    public static final String COOKIE = "emu_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String ADMIN = "admin";
    private static final String USER_ATTRIBUTE = "emu.user";
    /** Marks a request the guard let through without a session (health, login). */
    private static final String PUBLIC_ATTRIBUTE = "emu.public";
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Paths served without a session (exact match, GET only). */
    private static final Set<String> PUBLIC_PAGES = Set.of("/api/health", "/login", "/assets/login.js", "/assets/style.css");
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    /** Hash checked when the user name is unknown, so a miss costs as long as a wrong password. */
    private final String decoy = Passwords.hash(Passwords.generate().toCharArray());
    private AccountRepository accounts;
    private Duration lifetime;
    private LoginThrottle throttle;
    private OneTimePasswordFile passwordFile;

    @Override
    public void install(Daemon daemon, RoutesConfig routes) {
        install(daemon.store().accounts(), daemon.config().auth(), daemon.config().station().dataDir(), routes);
    }

    void install(AccountRepository accounts, StationConfig.Auth cfg, java.nio.file.Path dataDir, RoutesConfig routes) {
        this.accounts = accounts;
        this.lifetime = cfg.sessionLifetime();
        this.throttle = new LoginThrottle(cfg.loginAttemptsPerMinute());
        this.passwordFile = OneTimePasswordFile.in(dataDir);
        firstRunAdmin(accounts, passwordFile);
        accounts.deleteExpiredSessions(Instant.now());
        routes.before(this::guard);
        routes.post("/api/auth/login", this::login);
        routes.post("/api/auth/logout", this::logout);
        routes.get("/api/auth/session", ctx -> ctx.json(sessionInfo(user(ctx), token(ctx).orElseThrow())));
        routes.post("/api/auth/password", this::changePassword);
    }

    /** The logged-in user of a request that passed the guard. */
    public static User user(Context ctx) {
        User u = ctx.attribute(USER_ATTRIBUTE);
        if (u == null) {
            throw new IllegalStateException("no user on " + ctx.path() + ": route not behind the login guard");
        }
        return u;
    }

    /** The logged-in user of a request, if any (empty where the API runs without the login module: tests). */
    public static java.util.Optional<User> userIfAny(Context ctx) {
        return java.util.Optional.ofNullable(ctx.attribute(USER_ATTRIBUTE));
    }

    /**
     * The workflow API's guard hook: the request must have passed the login guard with a session.
     * Redundant while that guard runs first; there so that a route registered around it fails closed.
     */
    public static void requireUser(Context ctx) {
        if (ctx.attribute(USER_ATTRIBUTE) == null && ctx.attribute(PUBLIC_ATTRIBUTE) == null) {
            throw new io.javalin.http.UnauthorizedResponse("log in first (POST /api/auth/login)");
        }
    }

    /**
     * Creates the admin with a generated one-time password when there are no users yet. The password
     * goes to an owner-only file whose name is logged, never into the log itself: the log is shared
     * with whoever may read the data directory's logs (issue 16).
     *
     * @return the generated password, empty when users existed
     */
    static Optional<String> firstRunAdmin(AccountRepository accounts, OneTimePasswordFile file) {
        if (accounts.userCount() > 0) {
            return Optional.empty();
        }
        String password = Passwords.generate();
        file.write(ADMIN, password);
        accounts.createUser(ADMIN, Passwords.hashOneTime(password.toCharArray()), Role.ADMIN);
        LOG.warn("first run: web login '{}'; its one-time password is in {} (mode 0600, readable only by the"
                + " station's user; you must change it at first login, which deletes the file)", ADMIN, file.path());
        return Optional.of(password);
    }

    /**
     * The console escape (`station admin reset-password`): gives {@code name} a new one-time password,
     * written to the owner-only file, and ends their sessions. Whoever runs it can read the data
     * directory, so already holds the station. The new hash also starts a fresh login-throttle count
     * in a running daemon (see {@link #throttleKey}), so a lock-out by someone else's guesses ends at once.
     *
     * @return the new one-time password
     * @throws IllegalArgumentException when there is no such user
     */
    public static String resetPassword(AccountRepository accounts, String name, java.nio.file.Path dataDir) {
        User u = accounts.userByName(name).orElseThrow(() -> new IllegalArgumentException("no web user '" + name + "'"));
        String password = Passwords.generate();
        OneTimePasswordFile.in(dataDir).write(u.name(), password);
        accounts.setPasswordHash(u.id(), Passwords.hashOneTime(password.toCharArray()));
        accounts.deleteOtherSessions(u.id(), "");
        LOG.warn("web user '{}' got a new one-time password from the console (in {})", u.name(),
                OneTimePasswordFile.in(dataDir).path());
        return password;
    }

    /**
     * Lets one request through without a login: for a module whose own check (the metrics bearer
     * token) ran in a before-handler registered ahead of this module's guard.
     */
    public static void admitWithoutLogin(Context ctx) {
        ctx.attribute(PUBLIC_ATTRIBUTE, Boolean.TRUE);
    }

    private void guard(Context ctx) {
        if (ctx.attribute(PUBLIC_ATTRIBUTE) != null) {
            return;
        }
        String path = ctx.path();
        boolean api = path.startsWith("/api/");
        if (SAFE_METHODS.contains(ctx.method()) && PUBLIC_PAGES.contains(path)
                || ctx.method() == HandlerType.POST && path.equals("/api/auth/login")) {
            ctx.attribute(PUBLIC_ATTRIBUTE, Boolean.TRUE);
            return;
        }
        Optional<String> token = token(ctx);
        Optional<User> user = token.flatMap(t -> accounts.sessionUser(sha256Hex(t), Instant.now()));
        if (user.isEmpty()) {
            if (!api && ctx.method() == HandlerType.GET) {
                ctx.redirect("/login");
            } else {
                refuse(ctx, 401, "log in first (POST /api/auth/login)");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        if (!SAFE_METHODS.contains(ctx.method())) {
            String sent = ctx.header(CSRF_HEADER);
            if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                    csrf(token.get()).getBytes(StandardCharsets.UTF_8))) {
                refuse(ctx, 403, "missing or wrong " + CSRF_HEADER + " header (read it from GET /api/auth/session)");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (Passwords.mustChange(user.get().passwordHash()) && !path.startsWith("/api/auth/")
                && !path.startsWith("/assets/") && !path.equals("/login")) {
            if (!api && ctx.method() == HandlerType.GET) {
                ctx.redirect("/login");
            } else {
                refuse(ctx, 403, "change the one-time password first (POST /api/auth/password)");
            }
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(USER_ATTRIBUTE, user.get());
    }

    /** A login body: {@code {"name": ..., "password": ...}}. */
    record LoginRequest(String name, String password) {}

    /** A password change: {@code {"current": ..., "password": ...}}. */
    record PasswordChange(String current, String password) {}

    private void login(Context ctx) {
        if (!ctx.isJson()) {
            // A cross-site form cannot send JSON without a CORS preflight we never grant.
            refuse(ctx, 415, "send the login as application/json");
            return;
        }
        String[] f = stringFields(ctx, "name", "password");
        if (f == null) {
            return;
        }
        LoginRequest req = new LoginRequest(f[0], f[1]);
        Instant now = Instant.now();
        Optional<User> user = accounts.userByName(req.name());
        String key = throttleKey(ctx.ip(), req.name(), user);
        Optional<Duration> wait = throttle.retryAfter(key, now);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
            refuse(ctx, 429, "too many failed logins; try again in " + Math.max(1, wait.get().toSeconds()) + " s");
            return;
        }
        boolean ok = Passwords.verify(req.password().toCharArray(), user.map(User::passwordHash).orElse(decoy))
                && user.isPresent();
        if (!ok) {
            throttle.failed(key, now);
            LOG.info("failed web login for '{}' from {}", req.name(), ctx.ip());
            refuse(ctx, 401, "wrong user name or password");
            return;
        }
        throttle.succeeded(key);
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        accounts.deleteExpiredSessions(now);
        accounts.createSession(sha256Hex(token), user.get().id(), now.plus(lifetime));
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) lifetime.toSeconds(), secure(ctx), true, null, SameSite.STRICT));
        LOG.info("web login '{}' from {}", req.name(), ctx.ip());
        ctx.json(sessionInfo(user.get(), token));
    }

    /**
     * Failures count per source address and user together, so guesses from one address cannot lock
     * the user out everywhere. On a shared machine every local user is the same source (loopback):
     * the key also carries a fingerprint of the stored hash, so {@code station admin reset-password}
     * on the console starts a fresh count at once (the console escape; docs/web-ui.md).
     */
    private String throttleKey(String ip, String name, Optional<User> user) {
        String hash = user.map(User::passwordHash).orElse(decoy);
        return ip + "\0" + name + "\0" + sha256Hex(hash).substring(0, 16);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * The named fields of a JSON object body, each a string of at most 1024 characters without NUL;
     * otherwise answers 400 naming the field and returns null (issue 16, 3: {@code {"name":123,
     * "password":[]}} or the body {@code []} answered 500, before any session exists).
     */
    private static String[] stringFields(Context ctx, String... names) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = JSON.readTree(ctx.body());
        } catch (java.io.IOException e) {
            refuse(ctx, 400, "the body is not valid JSON");
            return null;
        }
        if (n == null || !n.isObject()) {
            refuse(ctx, 400, "the body must be a JSON object with " + String.join(", ", names));
            return null;
        }
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            com.fasterxml.jackson.databind.JsonNode v = n.get(names[i]);
            if (v == null || !v.isTextual() || v.asText().length() > 1024 || v.asText().indexOf('\0') >= 0) {
                ctx.status(400).json(Map.of("error", "\"" + names[i] + "\" must be a string (up to 1024 characters)",
                        "field", names[i]));
                return null;
            }
            out[i] = v.asText();
        }
        return out;
    }

    private void logout(Context ctx) {
        token(ctx).ifPresent(t -> accounts.deleteSession(sha256Hex(t)));
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.STRICT));
        ctx.json(Map.of("logged_out", true));
    }

    private void changePassword(Context ctx) {
        User u = user(ctx);
        if (!ctx.isJson()) {
            refuse(ctx, 400, "send {\"current\": ..., \"password\": ...} as application/json");
            return;
        }
        String[] f = stringFields(ctx, "current", "password");
        if (f == null) {
            return;
        }
        PasswordChange req = new PasswordChange(f[0], f[1]);
        if (!Passwords.verify(req.current().toCharArray(), u.passwordHash())) {
            refuse(ctx, 403, "the current password is wrong");
            return;
        }
        String weak = Passwords.weakness(req.password(), u.name());
        if (weak == null && req.password().equals(req.current())) {
            weak = "the new password must differ from the current one";
        }
        if (weak != null) {
            refuse(ctx, 400, weak);
            return;
        }
        accounts.setPasswordHash(u.id(), Passwords.hash(req.password().toCharArray()));
        passwordFile.deleteFor(u.name());
        String token = token(ctx).orElseThrow();
        accounts.deleteOtherSessions(u.id(), sha256Hex(token));
        LOG.info("web user '{}' changed their password", u.name());
        ctx.json(sessionInfo(accounts.userById(u.id()).orElseThrow(), token));
    }

    private static Map<String, Object> sessionInfo(User u, String token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("role", u.role().name().toLowerCase(java.util.Locale.ROOT));
        m.put("must_change_password", Passwords.mustChange(u.passwordHash()));
        m.put("csrf", csrf(token));
        return m;
    }

    private static Optional<String> token(Context ctx) {
        String t = ctx.cookie(COOKIE);
        return t == null || t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    static void refuse(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    static String csrf(String token) {
        return sha256Hex("emu-station csrf\0" + token);
    }

    static String sha256Hex(String s) {
        return Hashes.sha256Hex(s);
    }
}
