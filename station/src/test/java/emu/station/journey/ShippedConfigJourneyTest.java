package emu.station.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.station.config.StationConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journey of DESIGN.md and issue 14, on the shipped {@code config.toml} as it is (only
 * {@code data_dir} and the port changed): the daemon started as its own process by the README's
 * entry point ({@code emu.station.cli.Main run --config FILE}, what {@code bin/station run} execs,
 * here on the test classpath because the build under test is not packaged yet), driven over HTTP
 * as the web UI drives it: first login with the one-time password (from the file the first run
 * writes, as the README says) and password change, a set with
 * the config's default plan (5 lights x 5 EVs), the digital shoot, a roll loaded, shot and sent to
 * the simulated lab, the scans imported, the lab's numbering offset confirmed, and the training that
 * completion starts, which must end DONE with every configured export present and read back by its
 * consumer: ffmpeg for .cube, ImageMagick for the HaldCLUT, LittleCMS for ICC, exiftool for XMP,
 * {@code station import-bundle} for the bundle. Everything is real: virtual-bench devices, SQLite,
 * HTTP, fitters, the consumer programs (a missing one fails the test).
 */
@Timeout(3600)
class ShippedConfigJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** README: the first run writes the admin's one-time password to data_dir/one-time-password.txt. */
    private static final Pattern ONE_TIME = Pattern.compile("one-time password: (\\S+)");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @TempDir Path dir;
    private String url;
    private String cookie;
    private String csrf;

    @Test
    void theShippedConfigTakesASetFromCreationToEveryConfiguredExport() throws Exception {
        Path cfg = shippedConfig();
        StationConfig config = StationConfig.load(cfg); // what `config check` runs: it must pass
        Process daemon = start(cfg);
        try {
            url = awaitUrl(daemon);
            firstLogin(awaitOneTimePassword(daemon));
            long t0 = System.nanoTime();
            JsonNode set = call("POST", "/api/sets", "{\"name\":\"journey\",\"stock\":\"portrait-160\","
                    + "\"illuminants\":null,\"evs\":null}", 201);
            long setId = set.path("set").path("id").asLong();
            int steps = set.path("steps").size();
            assertEquals(config.plan().illuminants().size() * config.plan().ev().values().size(), steps,
                    "the config's default plan");

            call("POST", "/api/sets/" + setId + "/shoot", null, 202);
            poll("/api/shoot", s -> s.path("state").asText().equals("idle") && s.path("done").asInt() == steps);

            long roll = call("POST", "/api/sets/" + setId + "/rolls", "{\"code\":\"J1\"}", 201)
                    .path("roll").path("id").asLong();
            call("POST", "/api/rolls/" + roll + "/shoot", null, 202);
            poll("/api/rolls/" + roll, r -> r.path("roll").path("status").asText().equals("SHOT"));
            call("POST", "/api/rolls/" + roll + "/lab", "{\"lab\":\"Journey Lab\",\"process\":\"C-41\",\"push_pull\":0,"
                    + "\"date\":\"2026-12-01\"}", 200);
            // The simulated lab numbers its files one off, as real labs do; the operator confirms the offset.
            String folder = call("POST", "/api/rolls/" + roll + "/sim-lab", "{\"numbering_offset\":1}", 201)
                    .path("folder").asText();
            // issue 20: the lab's control strip of that run came with the delivery, judged by the shipped limits
            JsonNode strip = call("GET", "/api/rolls/" + roll, null, 200).path("control_strip");
            assertEquals("lab", strip.path("source").asText(), strip.toString());
            assertEquals("Journey Lab", strip.path("lab").asText());
            assertTrue(strip.path("limits").path("source").asText().contains("Z-131"), strip.toString());
            assertTrue(strip.path("verdict").asText().matches("in_control|beyond_action|out_of_control"), strip.toString());
            JsonNode imported = call("POST", "/api/rolls/" + roll + "/scans",
                    JSON.writeValueAsString(Map.of("path", folder)), 200);
            assertEquals(steps, imported.path("imported").size(), imported.toString());
            int offset = offsetConflict(call("GET", "/api/rolls/" + roll + "/pairing", null, 200));
            assertEquals(-1, offset);
            JsonNode paired = call("POST", "/api/rolls/" + roll + "/pairing", "{\"offset\":" + offset + "}", 200);
            assertEquals(0, paired.path("conflicts").size(), paired.toString());
            long shot = System.nanoTime();

            // train_when_complete = true: completion queued the training; it must end DONE.
            JsonNode jobs = poll("/api/jobs", j -> j.size() > 0 && j.get(j.size() - 1).path("state").asText()
                    .matches("DONE|FAILED|CANCELLED"));
            JsonNode job = jobs.get(jobs.size() - 1);
            assertEquals("DONE", job.path("state").asText(), job.toString());
            long trained = System.nanoTime();
            System.out.printf("journey: set to pairs %.0f s, training with exports %.0f s (%d steps)%n",
                    (shot - t0) / 1e9, (trained - shot) / 1e9, steps);

            JsonNode models = call("GET", "/api/sets/" + setId + "/models", null, 200);
            assertEquals(1, models.size());
            // which candidate the shipped list selected (its side files, e.g. grid.bin, went through the exports)
            System.out.printf("journey: selected %s%n", models.get(0).path("model").path("fitter").asText("?"));
            assertEquals(0, models.get(0).path("export_failures").size(), models.get(0).path("export_failures").toString());
            checkEveryConfiguredExport(config, models.get(0).path("exports"), steps / config.plan().ev().values().size());

            // The export time of the default plan alone: the model exported again, without refitting.
            long r0 = System.nanoTime();
            long exportJob = call("POST", "/api/models/" + models.get(0).path("model").path("id").asLong() + "/exports",
                    null, 202).path("job").path("id").asLong();
            poll("/api/jobs", j -> j.get(j.size() - 1).path("id").asLong() == exportJob
                    && j.get(j.size() - 1).path("state").asText().matches("DONE|FAILED|CANCELLED"));
            JsonNode again = call("GET", "/api/sets/" + setId + "/models",
                    null, 200).get(0);
            System.out.printf("journey: export of the shipped plan alone (re-export) %.1f s, %d files%n",
                    (System.nanoTime() - r0) / 1e9, again.path("exports").size());
            assertEquals(models.get(0).path("exports").size(), again.path("exports").size());
            assertEquals(0, again.path("export_failures").size(), again.toString());
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    /** The shipped config.toml with data_dir and the port changed, and nothing else. */
    private Path shippedConfig() throws IOException {
        List<String> shipped = Files.readAllLines(Path.of("..", "config.toml"));
        List<String> mine = new ArrayList<>();
        int changed = 0;
        for (String line : shipped) {
            if (line.equals("data_dir = \"data\"")) {
                line = "data_dir = \"" + dir.resolve("data") + "\"";
                changed++;
            } else if (line.equals("port = 8420")) {
                line = "port = 0";
                changed++;
            }
            mine.add(line);
        }
        assertEquals(2, changed, "the shipped config.toml must have data_dir = \"data\" and port = 8420");
        return Files.write(dir.resolve("config.toml"), mine);
    }

    private void checkEveryConfiguredExport(StationConfig config, JsonNode exports, int lights) throws Exception {
        Path data = dir.resolve("data");
        Set<String> seen = new HashSet<>();
        for (JsonNode e : exports) {
            Path file = data.resolve(e.path("file").asText());
            assertTrue(Files.isRegularFile(file), file::toString);
            String format = e.path("format").asText();
            seen.add(format + " " + e.path("encoding").asText() + " " + e.path("size").asInt());
            switch (format) {
                case "cube" -> run("ffmpeg", "ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=32x32",
                        "-frames:v", "1", "-vf", "lut3d=file=" + file, "-f", "null", "-");
                case "haldclut" -> run("imagemagick", "convert", "-size", "32x32", "gradient:red-blue",
                        file.toString(), "-hald-clut", dir.resolve("hald-out.png").toString());
                case "icc" -> assertTrue(run("liblcms2-utils", "transicc", "-n", "-i" + file, "-o*Lab").lines()
                        .map(String::trim).anyMatch(l -> l.matches("-?[0-9.]+\\s+-?[0-9.]+\\s+-?[0-9.]+")),
                        "LittleCMS applied the profile to one Lab value: " + file);
                case "xmp" -> assertTrue(run("libimage-exiftool-perl", "exiftool", "-j", "-XMP-crs:all", file.toString())
                        .contains("\"PresetType\": \"Look\""), file::toString);
                case "bundle" -> {
                    Path out = dir.resolve("imported");
                    String said = cli("import-bundle", "--bundle", file.toString(), "--out", out.toString());
                    assertTrue(said.contains("byte-identical"), said);
                    var provenance = emu.calibration.export.ModelBundle.read(file).provenance();
                    assertEquals("Journey Lab", provenance.lab(), "the roll log in the provenance: " + provenance);
                    assertEquals("C-41", provenance.process());
                    assertEquals("2026-12-01", provenance.dates().get("sent-to-lab"), provenance.dates()::toString);
                    assertTrue(provenance.dates().keySet().containsAll(List.of("loaded", "shot", "scanned", "fitted")),
                            provenance.dates()::toString);
                }
                default -> fail("unexpected format " + format);
            }
        }
        int expected = 0;
        for (var entry : config.exports().plan().entries()) {
            if (entry.format().equals("bundle")) {
                assertTrue(seen.contains("bundle  0"), seen::toString);
                expected++;
                continue;
            }
            for (String enc : entry.encodings()) {
                for (int size : entry.sizes()) {
                    assertTrue(seen.contains(entry.format() + " " + enc + " " + size), entry.format() + " " + enc + " "
                            + size + " in " + seen);
                    expected += lights;
                }
            }
        }
        assertEquals(expected, exports.size(), "one file per export and light, and the bundle");
    }

    private static int offsetConflict(JsonNode conflicts) {
        for (JsonNode c : conflicts) {
            if (c.path("kind").asText().equals("offset")) {
                return c.path("suggested_offset").asInt();
            }
        }
        return fail("no numbering-offset conflict in " + conflicts);
    }

    private Process start(Path cfg) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main", "run", "--config", cfg.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1"); // as bin/station sets it
        return pb.start();
    }

    private String awaitUrl(Process p) throws Exception {
        return await(p, Pattern.compile("station listening on (\\S+)"), dir.resolve("out.txt"));
    }

    private String awaitOneTimePassword(Process p) throws Exception {
        return await(p, ONE_TIME, dir.resolve("data").resolve("one-time-password.txt"));
    }

    private String await(Process p, Pattern pattern, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.exists(file) ? Files.readString(file) : "");
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + pattern + "' in " + file + "; stderr: " + Files.readString(dir.resolve("err.txt")));
    }

    /** The login page's two calls: log in with the one-time password, then change it. */
    private void firstLogin(String oneTime) throws Exception {
        HttpResponse<String> in = send("POST", "/api/auth/login", "{\"name\":\"admin\",\"password\":\"" + oneTime + "\"}");
        assertEquals(200, in.statusCode(), in.body());
        String c = in.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = c.substring(0, c.indexOf(';'));
        csrf = JSON.readTree(in.body()).path("csrf").asText();
        HttpResponse<String> changed = send("POST", "/api/auth/password",
                "{\"current\":\"" + oneTime + "\",\"password\":\"journey-password-42\"}");
        assertEquals(200, changed.statusCode(), changed.body());
    }

    private JsonNode call(String method, String path, String json, int status) throws Exception {
        HttpResponse<String> r = send(method, path, json);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url).resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (cookie != null) {
            b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode poll(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(50);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = call("GET", path, null, 200);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        return fail("timed out polling " + path + "; last: " + last);
    }

    /** {@code station COMMAND ...} as its own process, on the same classpath as the daemon. */
    private String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main"));
        cmd.addAll(List.of(args));
        return run("(station)", cmd.toArray(String[]::new));
    }

    /** Runs a consumer program; a missing one fails the test naming its Debian package. */
    private static String run(String debianPackage, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            return fail(command[0] + " is not installed: run scripts/install-test-deps.sh (Debian package "
                    + debianPackage + ")", e);
        }
        if (command[0].equals("transicc")) {
            p.getOutputStream().write("50 10 -10\n".getBytes(StandardCharsets.US_ASCII));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }
}
