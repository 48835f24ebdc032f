package emu.station.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A plain HTTP client for the UI tests, holding the session cookie and CSRF token by hand. */
final class Http {
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final UiStation station;
    String session;
    String csrf;

    Http(UiStation station) {
        this.station = station;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(station.url(path))).GET(), Map.of());
    }

    /** A GET whose body is kept as bytes (images). */
    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(station.url(path))).GET(), Map.of(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String json, boolean withCsrf) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(station.url(path))).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), withCsrf && csrf != null ? Map.of("X-CSRF-Token", csrf) : Map.of());
    }

    /** Any method with a JSON body (or none when {@code json} is null), with the CSRF token. */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(station.url(path))).method(method, body)
                .header("Content-Type", "application/json"), csrf != null ? Map.of("X-CSRF-Token", csrf) : Map.of());
    }

    /** A POST of raw bytes ({@code contentType}: an image, a zip) with the CSRF token. */
    HttpResponse<String> postBytes(String path, String contentType, byte[] bytes) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(station.url(path))).POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", contentType), csrf != null ? Map.of("X-CSRF-Token", csrf) : Map.of());
    }

    /** Logs in; keeps the cookie and CSRF token on success. */
    HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/auth/login",
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}", false);
        if (r.statusCode() == 200) {
            String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            session = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            csrf = r.body().replaceAll(".*\"csrf\":\"([0-9a-f]+)\".*", "$1");
        }
        return r;
    }

    /** The first login as the seeded admin ({@link UiStation#ONE_TIME_PASSWORD}), replacing the password. */
    void firstLogin(String password) throws IOException, InterruptedException {
        HttpResponse<String> in = login("admin", UiStation.ONE_TIME_PASSWORD);
        HttpResponse<String> changed = in.statusCode() != 200 ? in : post("/api/auth/password",
                "{\"current\":\"" + UiStation.ONE_TIME_PASSWORD + "\",\"password\":\"" + password + "\"}", true);
        if (changed.statusCode() != 200) {
            throw new IllegalStateException("first login answered " + changed.statusCode() + ": " + changed.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> headers) throws IOException, InterruptedException {
        return send(b, headers, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, Map<String, String> headers, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (session != null) {
            b.header("Cookie", "emu_session=" + session);
        }
        headers.forEach(b::header);
        return client.send(b.build(), body);
    }
}
