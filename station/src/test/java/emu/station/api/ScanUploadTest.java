package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.QuietBench;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import io.javalin.http.UnauthorizedResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (3, 4): the documented zip upload answered 413 at 1 MiB, and a garbage zip 500. Real
 * daemon, real HTTP; the limit is set to 8 MiB here so that "over the limit" stays small.
 */
@Timeout(120)
class ScanUploadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;

    @Test
    void zipsPastOneMebibyteAreStreamedInOverTheLimit413AndGarbage400() throws Exception {
        Daemon daemon = daemonWithRoll();
        try {
            String url = daemon.url();

            HttpResponse<String> r = send(url, "POST", "/api/rolls/1/scans", "application/zip", zip(3 << 20));
            assertEquals(200, r.statusCode(), "a 3 MB zip is imported (its files reported bad, not the upload): " + r.body());
            JsonNode report = JSON.readTree(r.body());
            assertEquals(1, report.path("bad").size(), r.body());

            // Over the limit the station answers 413 and closes the connection while this client may still
            // be writing the body; the JDK client then sometimes loses the answer ("header parser received
            // no bytes", seen once in CI). Refused either way: what must not happen is an import.
            int scansBefore = daemon.store().scans().byRoll(1).size();
            try {
                r = send(url, "POST", "/api/rolls/1/scans", "application/zip", zip(9 << 20));
                assertEquals(413, r.statusCode(), r.body());
                assertTrue(r.body().contains("max_upload_mb"), r.body());
            } catch (java.io.IOException closedWhileSending) {
                assertEquals(scansBefore, daemon.store().scans().byRoll(1).size(), "the refused upload imported nothing");
            }

            r = send(url, "POST", "/api/rolls/1/scans", "application/zip", "this is not a zip".getBytes());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("zip"), r.body());
            try (Stream<Path> s = Files.list(dir.resolve("data"))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".upload-")
                        || p.getFileName().toString().startsWith(".unzip-")), "no temp file left");
            }
        } finally {
            daemon.stop();
        }
    }

    /**
     * An over-limit upload that asks {@code Expect: 100-continue} (curl does for bodies over 1 MiB) waited
     * for 120 s: the station must answer 413 from the headers alone, before any body byte is sent. Checked
     * with a raw socket (nothing between the test and what the server said) and with curl. The 120 s
     * hang came from the client, not the station: JDK 17's {@code HttpClient} with {@code expectContinue(true)}
     * never completes when the answer is not 100 (JDK-8286171, fixed in JDK 19), while the station had
     * already answered 413 and closed; so no JDK client here.
     */
    @Test
    void anOverLimitUploadAskingToContinueGets413BeforeSendingItsBody() throws Exception {
        Daemon daemon = daemonWithRoll();
        try {
            String url = daemon.url();
            URI u = URI.create(url);
            try (java.net.Socket s = new java.net.Socket(u.getHost(), u.getPort())) {
                s.setSoTimeout(10_000);
                String head = "POST /api/rolls/1/scans HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                        + "\r\nX-Test-Auth: yes\r\nContent-Type: application/zip\r\nContent-Length: " + (9L << 20)
                        + "\r\nExpect: 100-continue\r\n\r\n";
                s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                long t0 = System.nanoTime();
                String answer;
                try {
                    answer = new String(s.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError("no answer 10 s after the headers of an over-limit upload with Expect: 100-continue");
                }
                                assertTrue(answer.startsWith("HTTP/1.1 413"), "the first answer is 413, not 100 Continue: " + answer);
                assertTrue(answer.contains("max_upload_mb"), answer);
                assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered within 5 s");
            }
            assertEquals(0, daemon.store().scans().byRoll(1).size(), "nothing imported");
            // curl sends Expect: 100-continue by itself for bodies over 1 MiB: the usual way a lab scripts an upload.
            Path big = Files.write(dir.resolve("big.zip"), zip(9 << 20));
            Process curl = new ProcessBuilder("curl", "-sS", "-m", "20", "-o", "-", "-w", "\n%{http_code}", "-H", "X-Test-Auth: yes",
                    "-H", "Content-Type: application/zip", "--data-binary", "@" + big, url + "api/rolls/1/scans")
                    .redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes());
            assertEquals(0, curl.waitFor(), "curl (needs Debian's curl): " + out);
            assertTrue(out.endsWith("\n413") && out.contains("max_upload_mb"), out);
            assertEquals(0, daemon.store().scans().byRoll(1).size(), "nothing imported");
        } finally {
            daemon.stop();
        }
    }

    /** A daemon with an upload limit of 8 MiB, a set and its roll 1 (the test's header stands in for a login). */
    private Daemon daemonWithRoll() throws Exception {
        Path cfg = QuietBench.config(dir);
        Files.writeString(cfg, Files.readString(cfg).replace("port = 0", "port = 0\nmax_upload_mb = 8"));
        Daemon daemon = Daemon.start(StationConfig.load(cfg), List.of(new WorkflowApi(ctx -> {
            if (!"yes".equals(ctx.header("X-Test-Auth"))) {
                throw new UnauthorizedResponse("log in first");
            }
        })), false);
        try {
            String url = daemon.url();
            assertEquals(201, send(url, "POST", "/api/sets", "application/json",
                    "{\"name\":\"u\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}".getBytes()).statusCode());
            assertEquals(201, send(url, "POST", "/api/sets/1/rolls", "application/json",
                    "{\"code\":\"R7\",\"camera\":\"F3\",\"iso\":160,\"frames\":12}".getBytes()).statusCode());
            return daemon;
        } catch (Exception | AssertionError e) {
            daemon.stop();
            throw e;
        }
    }

    /** A zip holding one stored (uncompressed) entry of random bytes, {@code size} long. */
    private static byte[] zip(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(16).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("R7_F01.tif"));
            z.write(data);
        }
        return out.toByteArray();
    }

    private HttpResponse<String> send(String url, String method, String path, String type, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url).resolve(path)).header("X-Test-Auth", "yes")
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
