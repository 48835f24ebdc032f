package emu.station.fromimages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Exposure settings from image metadata, read by ExifTool ({@code exiftool -j -n}: Debian's
 * libimage-exiftool-perl), which knows every camera's RAW, TIFF and JPEG EXIF; one process for all
 * files.
 */
final class Exif {
    private Exif() {}

    /** Exposure time in seconds, f-number and ISO speed of one file. */
    record Exposure(double seconds, double fNumber, double iso) {
        /**
         * log2 of the light the sensor gathered, up to a constant: t · ISO / N² (APEX: Ev = Av + Tv,
         * Av = 2 log2 N, Tv = -log2 t, and ISO gain adds log2(ISO / 100); ISO 2720:1974 annex), so the
         * difference of two values is the EV between the shots.
         */
        double stops() {
            return Math.log(seconds * iso / (fNumber * fNumber)) / Math.log(2);
        }
    }

    /**
     * @throws IOException when exiftool is missing or fails
     * @throws IllegalArgumentException naming every file that lacks exposure time, f-number or ISO
     */
    static Map<Path, Exposure> read(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return Map.of();
        }
        Path args = Files.createTempFile("emu-exif-", ".args");
        String out;
        try {
            Files.write(args, files.stream().map(p -> p.toAbsolutePath().toString()).toList(), StandardCharsets.UTF_8);
            Process p;
            try {
                p = new ProcessBuilder("exiftool", "-j", "-n", "-q", "-q", "-charset", "filename=utf8",
                        "-ExposureTime", "-FNumber", "-ISO", "-@", args.toString()).redirectErrorStream(false).start();
            } catch (IOException e) {
                throw new IOException("cannot run exiftool to read exposure settings (install Debian's"
                        + " libimage-exiftool-perl, or pair by a --manifest with an ev column): " + e.getMessage(), e);
            }
            p.getOutputStream().close();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("exiftool did not finish in 120 s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted reading EXIF", e);
            }
            if (out.isBlank()) {
                throw new IOException("exiftool read nothing: " + err.strip());
            }
        } finally {
            Files.deleteIfExists(args);
        }
        Map<String, JsonNode> bySource = new HashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(out)) {
            bySource.put(n.path("SourceFile").asText(), n);
        }
        Map<Path, Exposure> result = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            JsonNode n = bySource.get(f.toAbsolutePath().toString());
            double t = n == null ? Double.NaN : n.path("ExposureTime").asDouble(Double.NaN);
            double fn = n == null ? Double.NaN : n.path("FNumber").asDouble(Double.NaN);
            double iso = n == null ? Double.NaN : n.path("ISO").asDouble(Double.NaN);
            List<String> missing = new ArrayList<>();
            if (!(t > 0)) {
                missing.add("ExposureTime");
            }
            if (!(fn > 0)) {
                missing.add("FNumber");
            }
            if (!(iso > 0)) {
                missing.add("ISO");
            }
            if (missing.isEmpty()) {
                result.put(f, new Exposure(t, fn, iso));
            } else {
                problems.add(f + ": no EXIF " + String.join(", ", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("exposure settings are needed to compute EV without a manifest:\n  "
                    + String.join("\n  ", problems) + "\n(give a --manifest with an ev column instead)");
        }
        return result;
    }
}
