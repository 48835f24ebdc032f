package emu.devices.sim.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.Noise;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.Optics;
import emu.devices.sim.spectral.Illuminants;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A roll shot on the bench (the rig driving the light through its simulated firmware), developed and scanned with quirks. */
class FilmLabTest {
    private static final FilmLab LAB = new FilmLab(emu.devices.sim.film.Scanner.labScanner(), 300, 200, Optics.DEFAULT);
    private static FilmRoll roll;
    private static List<ScanFile> scans;
    @TempDir
    static Path dir;

    @BeforeAll
    static void shootAndProcess() throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        roll = new FilmRoll("portrait-160", "R0001", 36, 5);
        try (LineRig rig = bench.connectRig("sim-test", LineRig.Options.defaults(), List.of("D65", "A"))) {
            rig.setOn(true);
            for (String light : List.of("D65", "A")) {
                rig.setPreset(light);
                rig.awaitSettled(Duration.ofSeconds(5));
                for (double ev : new double[] {-1, 0, 1}) {
                    roll.expose(bench, light + "/" + ev, ev);
                }
            }
        }
        LabQuirks quirks = LabQuirks.NONE.withSkippedFrame(2).withNumberingOffset(1).withScannedTwice(4);
        List<String> progress = new ArrayList<>();
        scans = LAB.process(roll, quirks, dir, progress::add);
        assertEquals(scans.size(), progress.size());
    }

    @Test
    void filesAreNamedByFrameNumberWithTheQuirks() throws Exception {
        List<String> names;
        try (var files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tif")).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of("R0001_F02.tif", "R0001_F04.tif", "R0001_F05.tif", "R0001_F05_2.tif", "R0001_F06.tif", "R0001_F07.tif"), names);
        assertEquals(List.of(1, 3, 4, 4, 5, 6), scans.stream().map(ScanFile::frame).toList());
        assertEquals(List.of(2, 4, 5, 5, 6, 7), scans.stream().map(ScanFile::labeledNumber).toList());
        for (ScanFile s : scans) {
            BufferedImage jpg = ImageIO.read(s.jpeg().toFile());
            assertEquals(300, jpg.getWidth());
            BufferedImage tif = ImageIO.read(s.tiff().toFile());
            assertEquals(16, tif.getColorModel().getComponentSize(0));
        }
        assertThrows(java.io.IOException.class, () -> LAB.process(roll, LabQuirks.NONE, dir, l -> { }), "never overwrites");
    }

    /** Soak, issue 16: offset -2 clamped frames 1 and 2 both to F00; the second write failed half-way. */
    @Test
    void anOffsetNumberingAFrameBelowZeroIsRefusedBeforeAnythingIsWritten(@TempDir Path out) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LAB.process(roll, LabQuirks.NONE.withNumberingOffset(-2), out, l -> { }));
        assertTrue(e.getMessage().contains("numbering offset -2 would number frame 1 as -1"), e.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "nothing delivered");
        }
    }

    private static double[] mean(Path tif, ChartScene scene, int patch) throws Exception {
        Raster r = ImageIO.read(tif.toFile()).getRaster();
        double[] c = scene.patchCentre(patch);
        double[] sum = new double[3];
        int n = 0;
        for (int y = (int) c[1] - 3; y <= (int) c[1] + 3; y++) {
            for (int x = (int) c[0] - 3; x <= (int) c[0] + 3; x++) {
                for (int b = 0; b < 3; b++) {
                    sum[b] += r.getSample(x, y, b) / 65535.0;
                }
                n++;
            }
        }
        for (int b = 0; b < 3; b++) {
            sum[b] /= n;
        }
        return sum;
    }

    @Test
    void scansMatchThePatchLevelFilmModel() throws Exception {
        ProcessedRoll processed = LAB.develop(roll);
        ChartScene scene = new ChartScene(300, 200, Noise.derive(roll.seed(), 2));
        for (ScanFile s : scans) {
            ExposedFrame f = roll.frames().get(s.frame() - 1);
            for (int patch : new int[] {18, 21, 14}) {
                double[] c = scene.patchCentre(patch);
                double vignetteEv = Math.log(Optics.DEFAULT.vignetteAt(c[0], c[1], 300, 200)) / Math.log(2);
                double[] expected = processed.scanPatch(scene.reflectance(patch), f.light(), f.ev() + vignetteEv, null, 1);
                double[] got = mean(s.tiff(), scene, patch);
                for (int b = 0; b < 3; b++) {
                    assertEquals(expected[b], got[b], 0.03, s.tiff().getFileName() + " patch " + patch + " channel " + b);
                }
            }
        }
        // the D65 frames get brighter with EV; the tungsten ones are warm
        double g1 = mean(scans.get(0).tiff(), scene, 21)[1];
        double g3 = mean(scans.get(1).tiff(), scene, 21)[1];
        assertTrue(g3 > g1 + 0.1, g1 + " -> " + g3);
        double[] warm = mean(scans.get(2).tiff(), scene, 21);
        assertTrue(warm[0] > warm[2] + 0.05, "A on daylight film is warm");
    }

    @Test
    void aRescanDiffersOnlyByScannerNoise() throws Exception {
        Raster a = ImageIO.read(scans.get(2).tiff().toFile()).getRaster();
        Raster b = ImageIO.read(scans.get(3).tiff().toFile()).getRaster();
        double diff = 0;
        boolean any = false;
        for (int y = 50; y < 150; y++) {
            for (int x = 50; x < 250; x++) {
                int d = a.getSample(x, y, 1) - b.getSample(x, y, 1);
                any |= d != 0;
                diff += Math.abs(d) / 65535.0;
            }
        }
        assertTrue(any, "two scans are two files with different noise");
        assertTrue(diff / 20000 < 0.01, "but the same picture: mean difference " + diff / 20000);
    }

    @Test
    void theFastScanTableMatchesTheSpectralIntegral() {
        ProcessedRoll processed = LAB.develop(roll);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            double[] dye = {rng.nextDouble(0, 3.5), rng.nextDouble(0, 3.5), rng.nextDouble(0, 3.5)};
            double[] exact = processed.scanDensities(dye);
            double[] fast = processed.scanDensitiesFast(dye[0], dye[1], dye[2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(exact[c], fast[c], 0.002);
            }
        }
    }

    @Test
    void slateQrCodesDecodeFromTheScans(@TempDir Path out) throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ZERO);
        FilmRoll slated = new FilmRoll("cine-500t", "R0007", 36, 9, true);
        try (LineRig rig = bench.connectRig("sim-test", LineRig.Options.defaults(), List.of("3200K", "D65"))) {
            rig.setOn(true);
            rig.setPreset("3200K");
            slated.expose(bench, "set-1/step-01", -1);
            rig.setPreset("D65");
            slated.expose(bench, "set-1/step-02", 1);
        }
        List<ScanFile> s = FilmLab.standard().process(slated, LabQuirks.NONE.withNumberingOffset(3), out, l -> { });
        for (int i = 0; i < 2; i++) {
            BufferedImage img = ImageIO.read(s.get(i).jpeg().toFile());
            var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                    new com.google.zxing.client.j2se.BufferedImageLuminanceSource(img)));
            String text = new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                    java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
            assertEquals(slated.frames().get(s.get(i).frame() - 1).step(), text, "the slate names the frame despite the offset");
        }
    }

    @Test
    void rollsRefuseBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new FilmRoll("nope", "R1", 36, 1));
        assertThrows(IllegalArgumentException.class, () -> new FilmRoll("portrait-160", "R 1", 36, 1));
        FilmRoll small = new FilmRoll("portrait-160", "R2", 1, 1);
        VirtualBench bench = new VirtualBench(Duration.ZERO);
        small.expose(bench, "s1", 0);
        assertThrows(IllegalStateException.class, () -> small.expose(bench, "s2", 0));
        assertNotEquals(Illuminants.get("A").name(), small.frames().get(0).light().name(), "no preset: the frame saw the dark");
    }
}
