package emu.station.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The JSON client the API tests drive a real station with: a call, a call that must answer a given
 * status (its JSON body returned, the body in the failure message otherwise), a call that must say
 * something, and a poll until a view gets somewhere. Requests go to the station's current URL (a
 * restarted daemon has a new port) and are signed as the test logs in: a session cookie and CSRF
 * token ({@code WebLogin::sign}), a test guard's header, or nothing.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_EVERY = Duration.ofMillis(250);
    /** One per station a test talks to (each holds a selector thread and a connection pool): make it once, not per call. */
    private final HttpClient http;
    private final Supplier<String> url;
    private final UnaryOperator<HttpRequest.Builder> sign;

    private ApiClient(HttpClient http, Supplier<String> url, UnaryOperator<HttpRequest.Builder> sign) {
        this.http = http;
        this.url = url;
        this.sign = sign;
    }

    /** Unsigned requests to the station at {@code url} (asked again for every request). */
    public static ApiClient of(Supplier<String> url) {
        return new ApiClient(HttpClient.newHttpClient(), url, b -> b);
    }

    /** The same station and connections, every request also passed through {@code sign} (a login, a guard's header). */
    public ApiClient signedBy(UnaryOperator<HttpRequest.Builder> sign) {
        return new ApiClient(http, url, b -> sign.apply(this.sign.apply(b)));
    }

    /** Sends {@code body} (none when null) and returns the answer, whatever its status. */
    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.get()).resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(sign.apply(b).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call that must answer {@code status}; its JSON body (an empty object for an empty body). */
    public JsonNode ok(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** A call that must answer {@code status} with a body containing {@code text}. */
    public void expect(String method, String path, String body, int status, String text) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        assertTrue(r.body().contains(text), method + " " + path + " should say '" + text + "': " + r.body());
    }

    /** GETs {@code path} every 250 ms until {@code done} holds, for at most {@code within}; the last answer. */
    public JsonNode poll(String path, Duration within, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        for (long i = within.toMillis() / POLL_EVERY.toMillis(); i > 0; i--) {
            last = ok("GET", path, null, 200);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
        throw new AssertionError(path + " never got there: " + last);
    }
}
