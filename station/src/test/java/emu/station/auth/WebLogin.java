package emu.station.auth;

import emu.station.store.AccountRepository.Role;
import emu.station.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For tests that drive a station over HTTP: the first login as a new user would do it, with the
 * one-time password read from a {@code station run} child process's log ({@link #firstRun}) or the
 * one a test seeded before starting its daemon in-process ({@link #seedAdmin}, {@link #seeded}), then
 * a password of our own. The session stays valid across restarts on the same data directory.
 *
 * @param cookie the {@code Cookie} header value to send
 * @param csrf the {@code X-CSRF-Token} header value for state-changing requests
 */
public record WebLogin(String cookie, String csrf) {
    private static final Pattern ONE_TIME = Pattern.compile("one-time password (\\S+)");
    /** What the station logs since issue 16: the name of the owner-only file holding the password. */
    private static final Pattern ONE_TIME_FILE = Pattern.compile("one-time password is in (\\S+)");
    /** The admin's one-time password after {@link #seedAdmin}. */
    public static final String SEEDED_ONE_TIME = "one-time-password-4567";
    private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([0-9a-f]+)\"");

    /**
     * Logs in as the first-run admin of a station run as a process, whose password is in the file the
     * {@code log} names (or in the log line itself), and replaces the password.
     */
    public static WebLogin firstRun(String url, Path log) throws Exception {
        String text = Files.readString(log);
        Matcher f = ONE_TIME_FILE.matcher(text);
        String password;
        if (f.find()) {
            password = new OneTimePasswordFile(Path.of(f.group(1))).passwordFor(Auth.ADMIN)
                    .orElseThrow(() -> new AssertionError("no admin password in " + f.group(1)));
        } else {
            Matcher m = ONE_TIME.matcher(text);
            if (!m.find()) {
                throw new AssertionError("no one-time password in " + log);
            }
            password = m.group(1);
        }
        return firstLogin(url, password);
    }

    /**
     * Makes the admin in {@code store} with {@link #SEEDED_ONE_TIME} as its one-time password, as a first run
     * would with a password of its own: for tests that start the daemon in-process ({@link #seeded} logs in).
     */
    public static void seedAdmin(Store store) {
        store.accounts().createUser(Auth.ADMIN, Passwords.hashOneTime(SEEDED_ONE_TIME.toCharArray()), Role.ADMIN);
    }

    /** The first login as the admin {@link #seedAdmin} made, replacing the password. */
    public static WebLogin seeded(String url) throws Exception {
        return firstLogin(url, SEEDED_ONE_TIME);
    }

    private static WebLogin firstLogin(String url, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url).resolve("/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        WebLogin login = new WebLogin(setCookie.substring(0, setCookie.indexOf(';')), csrf(r.body()));
        HttpResponse<String> c = http.send(HttpRequest.newBuilder(URI.create(url).resolve("/api/auth/password"))
                .header("Content-Type", "application/json").header("Cookie", login.cookie())
                .header(Auth.CSRF_HEADER, login.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"" + password
                        + "\",\"password\":\"test passphrase 0123\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (c.statusCode() != 200) {
            throw new AssertionError("password change answered " + c.statusCode() + ": " + c.body());
        }
        return login;
    }

    /** Adds the session cookie and CSRF token to a request. */
    public HttpRequest.Builder sign(HttpRequest.Builder b) {
        return b.header("Cookie", cookie).header(Auth.CSRF_HEADER, csrf);
    }

    private static String csrf(String body) {
        Matcher m = CSRF.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in " + body);
        }
        return m.group(1);
    }
}
