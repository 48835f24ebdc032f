package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.chart.RgbImage;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.station.fromimages.LinearDng;
import emu.station.fromimages.ShotElsewhere;
import emu.station.fromimages.ShotElsewhere.Shot;
import emu.station.shoot.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code station pairs from-images} on folders the virtual bench rendered (real sim camera and film
 * lab images, EXIF written by the real exiftool, a DNG developed by the real dcraw_emu): the pairs
 * must match the simulator's noise-free truth per patch.
 *
 * <p>Tolerances (stated in docs/pairs-from-images.md): digital within 2% + 0.002 of the truth per
 * channel for 16-bit TIFF and DNG captures (sensor noise over ~1,500 pixels is ~0.1%; the rest is
 * vignetting varying across the sampled square and blur), 4% + 0.004 for the 8-bit JPEG (quantised,
 * compressed); film within 0.005 (grain and scanner noise averaged, the scan's nonlinearity on them).
 */
class PairsFromImagesTest {
    static final double DIGITAL_REL = 0.02;
    static final double DIGITAL_ABS = 0.005;
    static final double FILM_ABS = 0.005;

    @TempDir static Path root;
    static List<Shot> shots;

    @BeforeAll
    static void shoot() throws Exception {
        Map<String, Double> bracket = new LinkedHashMap<>();
        bracket.put("1/30", 1.0);
        bracket.put("1/60", 0.0);
        bracket.put("1/125", -1.0);
        shots = ShotElsewhere.shoot(root.resolve("set"), List.of("D65", "A"), bracket, 11);
    }

    static String clipLevel() {
        return Double.toString(Devices.simCameraSampling().clipLevel());
    }

    /** A copy of the rendered set to change. */
    static Path copy(Path to) throws Exception {
        Path from = root.resolve("set");
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    static Path capture(Path set, Shot shot, String ext) {
        String name = shot.capture().getFileName().toString().replace(".tif", ext);
        return set.resolve("captures").resolve(shot.illuminant()).resolve(name);
    }

    @Test
    void pairsFromTwoFoldersMatchTheSimulatorsTruth(@TempDir Path dir) throws Exception {
        Path set = copy(dir.resolve("set"));
        // DSC_0002 (D65, 1/60): only the camera's JPEG
        Files.delete(capture(set, shots.get(1), ".tif"));
        // DSC_0003 (D65, 1/125): camera held in portrait
        ShotElsewhere.rotate(capture(set, shots.get(2), ".tif"), 1);
        // DSC_0004 (A, 1/30): a RAW (linear DNG) beside the JPEG, developed by dcraw_emu
        Path tif4 = capture(set, shots.get(3), ".tif");
        LinearDng.write(RgbImage.read(tif4), capture(set, shots.get(3), ".dng"));
        Files.delete(tif4);
        // DSC_0006 (A, 1/125): chart upside down
        ShotElsewhere.rotate(capture(set, shots.get(5), ".tif"), 2);
        for (int i : new int[] {2, 3, 5}) {
            Shot s = shots.get(i);
            String stem = s.capture().getFileName().toString().replace(".tif", "");
            Path d = set.resolve("captures").resolve(s.illuminant());
            Path file = Files.exists(d.resolve(stem + ".dng")) ? d.resolve(stem + ".dng") : d.resolve(stem + ".tif");
            ShotElsewhere.exiftool(List.of(file.toString()), "-ExposureTime=" + s.speed(), "-FNumber=8", "-ISO=100");
        }
        Path out = dir.resolve("pairs.csv");
        Path sheet = dir.resolve("sheet.png");
        CliRun run = CliRun.of("pairs", "from-images", "--captures", set.resolve("captures").toString(), "--scans",
                set.resolve("scans").toString(), "--out", out.toString(), "--digital-scale", Double.toString(ShotElsewhere.SCALE),
                "--clip-level", clipLevel(), "--sheet", sheet.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        PairSet pairs = PairsCsv.read(out);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).endsWith(",digital_source"), lines.get(0));
        List<String> misses = new java.util.ArrayList<>();
        double[] worst = new double[3];
        for (int i = 0; i < shots.size(); i++) {
            Shot s = shots.get(i);
            String frame = String.format(Locale.ROOT, "R1_F%02d", i + 1);
            List<Pair> step = pairs.asList().stream().filter(p -> p.frame().equals(frame)).toList();
            assertTrue(step.size() >= 12, frame + ": " + step.size() + " pairs\n" + run.out());
            boolean jpeg = i == 1;
            for (Pair p : step) {
                assertEquals(s.illuminant(), p.illuminant());
                assertEquals(s.filmEv(), p.ev(), 1e-9, frame + " EV (metered = the bracket's middle, 1/60)");
                int k = Integer.parseInt(p.patch().substring(5)) - 1;
                double[] d = p.digital();
                double[] f = p.film();
                for (int c = 0; c < 3; c++) {
                    // the sim camera's files clamp each pixel at 0: a channel whose truth is below 0 reads >= 0
                    double t = Math.max(0, s.digitalTruth()[k][c]);
                    double tol = (jpeg ? 2 : 1) * (DIGITAL_REL * t + DIGITAL_ABS);
                    double e = Math.abs(d[c] - t);
                    worst[jpeg ? 1 : 0] = Math.max(worst[jpeg ? 1 : 0], e / tol);
                    worst[2] = Math.max(worst[2], Math.abs(f[c] - s.filmTruth()[k][c]) / FILM_ABS);
                    if (e > tol || Math.abs(f[c] - s.filmTruth()[k][c]) > FILM_ABS) {
                        misses.add(String.format(Locale.ROOT, "%s %s ch%d: digital %.5f truth %.5f, film %.4f truth %.4f",
                                frame, p.patch(), c, d[c], t, f[c], s.filmTruth()[k][c]));
                    }
                }
            }
            String source = jpeg ? "srgb-decoded" : "linear";
            long marked = lines.stream().filter(l -> l.startsWith(frame + ",")).filter(l -> l.endsWith("," + source)).count();
            assertEquals(step.size(), marked, frame + " rows marked " + source);
        }
        System.out.printf(Locale.ROOT, "worst error / tolerance: digital TIFF+DNG %.2f, digital JPEG %.2f, film %.2f%n",
                worst[0], worst[1], worst[2]);
        System.out.println(run.out());
        assertTrue(misses.isEmpty(), misses.size() + " readings outside tolerance:\n" + String.join("\n", misses));
        assertTrue(ImageIO.read(sheet.toFile()).getHeight() > 6 * 200, "contact sheet has a row per step");
    }
}
