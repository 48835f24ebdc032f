package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.chart.RgbImage;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.io.LinearDng;
import emu.station.fromimages.ShotElsewhere;
import emu.station.fromimages.ShotElsewhere.Shot;
import emu.station.bench.Devices;
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
                "--clip-level", clipLevel(), "--sheet", sheet.toString(), "--sheet-side", "300");
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
        // docs/img/contact-sheet.png is this sheet: mvn ... -Demu.sheetOut=$PWD/docs/img/contact-sheet.png
        String keep = System.getProperty("emu.sheetOut");
        if (keep != null) {
            Files.copy(sheet, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
    static CliRun fromImages(Path set, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("pairs", "from-images", "--captures",
                set.resolve("captures").toString(), "--scans", set.resolve("scans").toString(), "--out", out.toString(),
                "--digital-scale", Double.toString(ShotElsewhere.SCALE), "--clip-level", clipLevel()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aChartPartlyOutOfFrameExits2NamingTheFileOrIsListedWithKeepGoing(@TempDir Path dir) throws Exception {
        Path set = copy(dir.resolve("set"));
        Path cropped = capture(set, shots.get(4), ".tif");
        ShotElsewhere.cropLeft(cropped, 0.55, true);
        ShotElsewhere.exiftool(List.of(cropped.toString()), "-ExposureTime=1/60", "-FNumber=8", "-ISO=100");
        Path out = dir.resolve("pairs.csv");
        CliRun stop = fromImages(set, out);
        assertEquals(2, stop.exit(), stop.out() + stop.err());
        assertTrue(stop.err().contains(cropped.toString()) && stop.err().contains("in frame"), stop.err());
        assertTrue(Files.notExists(out), "nothing written when a step fails without --keep-going");

        CliRun go = fromImages(set, out, "--keep-going", "--sheet", dir.resolve("sheet.html").toString());
        assertEquals(0, go.exit(), go.out() + go.err());
        assertTrue(go.err().contains("1 image(s) could not be read") && go.err().contains(cropped.toString()), go.err());
        assertTrue(go.out().contains("from 5 of 6 steps"), go.out());
        assertTrue(PairsCsv.read(out).asList().stream().noneMatch(p -> p.frame().equals("R1_F05")));
        String html = Files.readString(dir.resolve("sheet.html"));
        assertTrue(html.contains("FAILED") && html.contains("data:image/png;base64,"), "the sheet shows the failed step");
    }

    @Test
    void aManifestPairsByHandAndABadLineExits2NamingIt(@TempDir Path dir) throws Exception {
        Path set = root.resolve("set");
        StringBuilder m = new StringBuilder("# steps shot at the lab\ncapture,scan,illuminant,ev,roll,frame\n");
        for (int i = 0; i < 3; i++) {
            Shot s = shots.get(i);
            m.append(String.format(Locale.ROOT, "%s/%s,%s,%s,%s,roll-7,%d%n", s.illuminant(), s.capture().getFileName(),
                    s.scan().getFileName(), s.illuminant(), s.filmEv(), i + 1));
        }
        Path manifest = dir.resolve("manifest.csv");
        Files.writeString(manifest, m);
        Path out = dir.resolve("pairs.csv");
        CliRun ok = fromImages(set, out, "--manifest", manifest.toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        PairSet pairs = PairsCsv.read(out);
        assertEquals(List.of("roll-7"), pairs.asList().stream().map(Pair::roll).distinct().toList());
        assertEquals(List.of("1", "2", "3"), pairs.asList().stream().map(Pair::frame).distinct().toList());

        Files.writeString(manifest, m + "D65/nope.tif,R1_F01.tif,D65,one stop\n");
        CliRun bad = fromImages(set, out, "--manifest", manifest.toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("manifest.csv line 6: ev = 'one stop' is not a number"), bad.err());
        assertTrue(bad.err().contains("nope.tif does not exist"), bad.err());
    }

    @Test
    void anOverexposedFrameHasItsClippedPatchesFlaggedAndLeftOut(@TempDir Path dir) throws Exception {
        Map<String, Double> over = new LinkedHashMap<>();
        over.put("1/4", 4.0);
        Shot shot = ShotElsewhere.shoot(dir.resolve("over"), List.of("D65"), over, 12).get(0);
        CliRun read = CliRun.of("chart", "read", shot.capture().toString(), "--clip-level", clipLevel());
        assertEquals(0, read.exit(), read.err());
        long clipped = read.out().lines().skip(1).filter(l -> l.contains(",true,")).count();
        assertTrue(clipped >= 12, "an EV +4 frame clips most patches:\n" + read.out());

        Path out = dir.resolve("pairs.csv");
        CliRun run = fromImages(dir.resolve("over"), out);
        // EV +4 clips 22 of the 24 patches on this sensor (and 17 on the film): the rest is still paired
        assertEquals(0, run.exit(), run.out() + run.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("digital clipped (\\d+)").matcher(run.out());
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 12, run.out());
        PairSet pairs = PairsCsv.read(out);
        assertTrue(pairs.size() <= 24 - 12, pairs.size() + " pairs");
        assertTrue(pairs.asList().stream().noneMatch(p -> p.patch().equals("cc24-19")), "white is clipped");
    }

    @Test
    void chartReadPrintsEveryPatchAndDrawsTheGrid(@TempDir Path dir) throws Exception {
        Shot s = shots.get(0);
        Path overlay = dir.resolve("overlay.png");
        Path json = dir.resolve("reading.json");
        CliRun run = CliRun.of("chart", "read", s.capture().toString(), "--out", json.toString(), "--overlay", overlay.toString());
        assertEquals(0, run.exit(), run.err());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(24, tree.get("patches").size());
        assertTrue(tree.get("confidence").asDouble() > 0.8, tree.toString());
        var grey = tree.get("patches").get(21);
        assertEquals("cc24-22", grey.get("patch").asText());
        // stored units: the sim TIFF holds contract value / 8
        assertEquals(s.digitalTruth()[21][1] / ShotElsewhere.SCALE, grey.get("rgb").get(1).asDouble(),
                DIGITAL_REL * s.digitalTruth()[21][1] / ShotElsewhere.SCALE + 0.001);
        assertTrue(ImageIO.read(overlay.toFile()).getWidth() == ShotElsewhere.WIDTH);

        CliRun csv = CliRun.of("chart", "read", s.scan().toString());
        assertEquals(0, csv.exit(), csv.err());
        assertEquals(25, csv.out().lines().count(), csv.out());
        assertTrue(csv.out().startsWith("index,patch,name,r,g,b,"), csv.out());
    }

    @Test
    void chartReadTakesOperatorCornersAndDecodesAJpeg(@TempDir Path dir) throws Exception {
        Shot s = shots.get(1);
        Path jpg = capture(root.resolve("set"), s, ".jpg");
        Path json = dir.resolve("detected.json");
        CliRun detected = CliRun.of("chart", "read", jpg.toString(), "--encoding", "srgb", "--out", json.toString());
        assertEquals(0, detected.exit(), detected.err());
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree(json.toFile());
        // the camera's JPEG is its sRGB rendering of the contract's values: decoded, grey reads its truth
        double grey = tree.get("patches").get(21).get("rgb").get(1).asDouble();
        assertEquals(s.digitalTruth()[21][1], grey, 2 * (DIGITAL_REL * s.digitalTruth()[21][1] + DIGITAL_ABS));
        StringBuilder corners = new StringBuilder();
        for (var c : tree.get("corners")) {
            corners.append(corners.length() == 0 ? "" : ",").append(c.get(0).asDouble()).append(',').append(c.get(1).asDouble());
        }
        Path placed = dir.resolve("placed.json");
        CliRun operator = CliRun.of("chart", "read", jpg.toString(), "--encoding", "srgb", "--corners", corners.toString(),
                "--format", "json", "--out", placed.toString());
        assertEquals(0, operator.exit(), operator.err());
        var p = mapper.readTree(placed.toFile());
        assertEquals("operator", p.get("method").asText());
        assertEquals(grey, p.get("patches").get(21).get("rgb").get(1).asDouble(), 1e-9, "same corners, same reading");

        CliRun three = CliRun.of("chart", "read", jpg.toString(), "--corners", "1,2,3,4,5,6");
        assertEquals(2, three.exit());
        assertTrue(three.err().contains("--corners needs 8 numbers"), three.err());
    }

    @Test
    void theWrongChartExits2NamingTheFileAndTheChart(@TempDir Path dir) throws Exception {
        Path overlay = dir.resolve("overlay.png");
        CliRun run = CliRun.of("chart", "read", shots.get(0).capture().toString(), "--chart", "ampas190",
                "--overlay", overlay.toString());
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains(shots.get(0).capture().toString()) && run.err().contains("no ampas190"), run.err());
        assertTrue(Files.isRegularFile(overlay), "the overlay shows what was seen even when no chart was found");
    }

    @Test
    void anUnreadableImageExits2NamingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.tif");
        Files.writeString(bad, "not an image");
        CliRun run = CliRun.of("chart", "read", bad.toString());
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains(bad.toString()), run.err());
        Path raw = dir.resolve("broken.nef");
        Files.writeString(raw, "not a raw file");
        CliRun dev = CliRun.of("chart", "read", raw.toString());
        assertEquals(2, dev.exit(), dev.out());
        assertTrue(dev.err().contains(raw.toString()) && dev.err().contains("dcraw_emu"), dev.err());
    }

    @Test
    void fromTwoFoldersToPairsToFitToExportWithNoDaemon(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("pairs.csv");
        CliRun p = fromImages(root.resolve("set"), pairs);
        assertEquals(0, p.exit(), p.err());
        Path model = dir.resolve("model");
        CliRun fit = CliRun.of("fit", "--pairs", pairs.toString(), "--out", model.toString(), "--candidates",
                "matrix,root-polynomial:degree=2", "--folds", "3", "--finalists", "0", "--stock", ShotElsewhere.STOCK);
        assertEquals(0, fit.exit(), fit.out() + fit.err());
        Path cube = dir.resolve("d65.cube");
        CliRun export = CliRun.of("export", "--model", model.toString(), "--format", "cube", "--encoding", "srgb",
                "--size", "17", "--illuminant", "D65", "--out", cube.toString());
        assertEquals(0, export.exit(), export.out() + export.err());
        var lut = emu.calibration.lut.CubeFile.read(cube).lut();
        assertEquals(17, lut.cube().size());
    }
}
