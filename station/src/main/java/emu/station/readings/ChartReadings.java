package emu.station.readings;

import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartReader;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.PatchReading;
import emu.calibration.chart.SamplingOptions;
import emu.devices.camera.CapturedFile;
import emu.station.errors.InvalidInputException;
import emu.station.store.ReadingRepository.PatchValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads the chart off a capture or a scan with the chart package (operator corners when the set
 * has them, detection otherwise) and turns the sampled patches into stored values. Camera RAW
 * files are developed first with libraw's {@code dcraw_emu -T -4} (linear 16-bit TIFF).
 */
public final class ChartReadings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartReadings() {}

    /**
     * @param corners JSON {@code [[x,y],[x,y],[x,y],[x,y]]} of the chart's grid corners, or empty to detect
     * @param sampling how to sample: the clip level must suit the image's source (a scan's full
     *     scale, a camera's white level; see {@code Devices#captureSampling})
     * @throws ChartNotFoundException when detection finds no chart
     * @throws IOException when the file is not a readable image (naming it)
     */
    public static ChartReading read(Path file, ChartSpec spec, Optional<String> corners, SamplingOptions sampling)
            throws IOException, ChartNotFoundException {
        double[][] c = corners.isPresent() ? parseCorners(corners.get()) : null;
        if (CapturedFile.Kind.ofName(file.getFileName().toString()) == CapturedFile.Kind.RAW) {
            Path dir = Files.createTempDirectory("emu-raw-");
            try {
                Path tiff = develop(file, dir);
                return ChartReader.read(tiff, spec, c, sampling);
            } finally {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
        return ChartReader.read(file, spec, c, sampling);
    }

    /**
     * Checks a capture is usable: some patch not clipped.
     *
     * @throws IOException naming the file when every patch is clipped
     */
    public static void verifyNotAllClipped(Path file, ChartReading reading) throws IOException {
        if (reading.patches().stream().allMatch(PatchReading::clipped)) {
            throw new IOException(file + ": every chart patch is clipped; lower the exposure or the light");
        }
    }

    /** The patches as stored, means multiplied by {@code scale} (see {@code Devices#captureScale}). */
    public static List<PatchValue> values(ChartReading reading, double scale) {
        List<PatchValue> out = new ArrayList<>();
        for (PatchReading p : reading.patches()) {
            double noise = Math.max(p.std()[0], Math.max(p.std()[1], p.std()[2])) * scale;
            out.add(new PatchValue(p.index() + 1, p.mean()[0] * scale, p.mean()[1] * scale, p.mean()[2] * scale,
                    noise, p.clipped(), p.nonUniform()));
        }
        return out;
    }

    /**
     * Parses and checks operator corners.
     *
     * @throws IllegalArgumentException saying what shape is expected
     */
    public static double[][] parseCorners(String json) {
        double[][] c;
        try {
            c = JSON.readValue(json, double[][].class);
        } catch (IOException e) {
            throw new InvalidInputException("corners", "corners must be JSON [[x,y],[x,y],[x,y],[x,y]]: " + e.getMessage());
        }
        if (c == null || c.length != 4) {
            throw new InvalidInputException("corners", "corners must be 4 points [[x,y],...], got " + (c == null ? 0 : c.length));
        }
        for (double[] p : c) {
            if (p == null || p.length != 2 || !Double.isFinite(p[0]) || !Double.isFinite(p[1]) || p[0] < 0 || p[1] < 0) {
                throw new InvalidInputException("corners", "each corner must be [x, y] in image pixels (>= 0)");
            }
        }
        return c;
    }

    /** Develops a camera RAW into {@code dir} with {@code dcraw_emu -T -4} (libraw-bin); returns the TIFF. */
    public static Path develop(Path raw, Path dir) throws IOException {
        Path copy = dir.resolve(raw.getFileName());
        Files.copy(raw, copy);
        Process p = new ProcessBuilder("dcraw_emu", "-T", "-4", copy.toString()).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(raw + ": dcraw_emu cannot develop this RAW file: " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted developing " + raw, e);
        }
        Path tiff = dir.resolve(raw.getFileName() + ".tiff");
        if (!Files.isRegularFile(tiff)) {
            throw new IOException(raw + ": dcraw_emu wrote no TIFF (" + out.strip() + ")");
        }
        return tiff;
    }
}
