package emu.devices.sim.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.camera.CameraDrivers;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.ShutterSpeed;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.Optics;
import emu.devices.sim.spectral.Illuminants;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sim camera and the sim rig sharing one bench, as the demo uses them; images read back with ImageIO. */
class SimCameraTest {
    private static final DigitalCameraModel MODEL = DigitalCameraModel.nikonD5100();
    private static VirtualBench bench;
    private static LineRig rig;
    private static SimCamera camera;
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        bench = new VirtualBench(Duration.ofMillis(50));
        rig = bench.connectRig("sim-test", LineRig.Options.defaults(), List.of("D65", "A"));
        camera = new SimCamera(bench, 600, 400, Optics.DEFAULT, 7);
    }

    @AfterAll
    static void tearDown() {
        camera.close();
        rig.close();
    }

    private static void light(String preset) throws Exception {
        rig.setPreset(preset);
        rig.setOn(true);
        rig.awaitSettled(Duration.ofSeconds(5));
    }

    /** Mean scene-linear value of a 9x9 window at patch {@code i}'s centre, divided by the vignetting there. */
    private static double[] patch(Raster r, int i) {
        ChartScene scene = camera.scene();
        double[] c = scene.patchCentre(i);
        double[] sum = new double[3];
        int n = 0;
        for (int y = (int) c[1] - 4; y <= (int) c[1] + 4; y++) {
            for (int x = (int) c[0] - 4; x <= (int) c[0] + 4; x++) {
                for (int b = 0; b < 3; b++) {
                    sum[b] += r.getSample(x, y, b) / 65535.0 * SimCamera.TIFF_FULL_SCALE;
                }
                n++;
            }
        }
        double v = Optics.DEFAULT.vignetteAt(c[0], c[1], scene.width(), scene.height());
        for (int b = 0; b < 3; b++) {
            sum[b] /= n * v;
        }
        return sum;
    }

    private static Raster tiff(CaptureResult res) throws Exception {
        Path tif = res.files().get(0).path();
        assertTrue(tif.toString().endsWith(".tif"), tif.toString());
        BufferedImage img = ImageIO.read(tif.toFile());
        assertEquals(16, img.getColorModel().getComponentSize(0));
        return img.getRaster();
    }

    @Test
    void capturesReproduceThePatchPhysicsUnderTheRigsLight() throws Exception {
        light("D65");
        CaptureResult res = camera.capture(CaptureRequest.asSet(dir, "d65-ev0"));
        assertEquals(2, res.files().size());
        assertTrue(res.jpeg().isPresent());
        BufferedImage jpg = ImageIO.read(res.jpeg().get().path().toFile());
        assertEquals(600, jpg.getWidth());
        Raster r = tiff(res);
        for (int i : new int[] {1, 14, 18, 21}) {
            double[] expected = MODEL.capture(camera.scene().reflectance(i), Illuminants.get("D65"), 0, null, 1);
            double[] got = patch(r, i);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[c], got[c], 0.03 * expected[c] + 0.002, "patch " + i + " channel " + c);
            }
        }
        light("A");
        double[] greyA = patch(tiff(camera.capture(CaptureRequest.asSet(dir, "a-ev0"))), 21);
        assertTrue(greyA[0] > greyA[1] && greyA[1] > greyA[2], "tungsten stays warm with daylight balance");
    }

    @Test
    void bracketsOnTheOneThirdStopScaleAndClipsHighlights() throws Exception {
        light("D65");
        ShutterSpeed base = ShutterSpeed.parse("1/60").orElseThrow();
        CaptureResult plus1 = camera.capture(CaptureRequest.relative(dir, "plus1", base, 1));
        assertEquals("1/30", plus1.shutterSpeed().orElseThrow().label());
        assertEquals(1.0, plus1.achievedEv(), 0.01);
        CaptureResult third = camera.capture(CaptureRequest.relative(dir, "third", base, -1.0 / 3));
        assertEquals("1/80", third.shutterSpeed().orElseThrow().label());
        double grey = patch(tiff(plus1), 21)[1];
        double expected = MODEL.capture(camera.scene().reflectance(21), Illuminants.get("D65"), 1, null, 1)[1];
        assertEquals(expected, grey, 0.03 * expected);
        // 4 stops over: the white patch sits at the clipped value the sensor model gives
        double[] white = patch(tiff(camera.capture(CaptureRequest.relative(dir, "plus4", base, 4))), 18);
        double[] clipped = MODEL.capture(camera.scene().reflectance(18), Illuminants.get("D65"), 4, null, 1);
        double[] unclipped = MODEL.toRec709(MODEL.raw(camera.scene().reflectance(18), Illuminants.get("D65"), 4));
        assertTrue(clipped[1] < 0.5 * unclipped[1]);
        // vignetting scales raw before clipping, so compare loosely at the centre-ish patch
        assertEquals(clipped[1], white[1] * Optics.DEFAULT.vignetteAt(camera.scene().patchCentre(18)[0],
                camera.scene().patchCentre(18)[1], 600, 400), 0.03 * clipped[1]);
        assertThrows(CameraSettingException.class, () -> camera.capture(CaptureRequest.relative(dir, "far", base, 20)));
    }

    @Test
    void aDarkBenchGivesADarkFrameAndFilesAreNeverOverwritten() throws Exception {
        rig.setOn(false);
        Raster r = tiff(camera.capture(CaptureRequest.asSet(dir, "dark")));
        assertTrue(patch(r, 18)[1] < 0.01, "light off: the white patch is dark");
        assertThrows(java.io.UncheckedIOException.class, () -> camera.capture(CaptureRequest.asSet(dir, "dark")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
        }
        rig.setOn(true);
    }

    @Test
    void settingsBehaveLikeACamera() {
        assertEquals("f/8", camera.setting("aperture").value());
        assertThrows(CameraSettingException.class, () -> camera.set("iso", "150"));
        assertThrows(CameraSettingException.class, () -> camera.setting("whitebalance"));
        assertEquals(SimCamera.SHUTTER_SPEEDS.size() - 1, camera.shutterSpeeds().size(), "all but Bulb are timed");
        assertEquals(1.0 / 4000, camera.shutterSpeeds().get(0).seconds(), 1e-12);
        camera.set("iso", "200");
        assertEquals(1.0, camera.exposureEv(ShutterSpeed.parse("1/60").orElseThrow()), 1e-9);
        camera.set("iso", "100");
    }

    @Test
    void theSimDriverIsRegistered() {
        var driver = CameraDrivers.get("sim");
        assertEquals(List.of(SimCameraDriver.CAMERA), driver.detect(CameraOptions.defaults()));
        try (var cam = driver.open(CameraOptions.defaults())) {
            assertInstanceOf(SimCamera.class, cam);
            assertEquals("EMU Sim D5100", cam.describe().model());
        }
    }

    @Test
    void framingIsTheSameAtEveryResolution() {
        // a 24 MP body sees the demo's 1200 x 800 framing five times larger: the perspective tilt
        // once acted per pixel, so at 6000 x 4000 it ran the chart off the frame
        for (long seed : new long[] {3, 7, 11, 42}) {
            ChartScene small = new ChartScene(1200, 800, seed);
            ChartScene large = new ChartScene(6000, 4000, seed);
            double[][] s = small.boardCorners();
            double[][] l = large.boardCorners();
            for (int k = 0; k < 4; k++) {
                assertEquals(5 * s[k][0], l[k][0], 1e-6, "seed " + seed + " corner " + k + " x");
                assertEquals(5 * s[k][1], l[k][1], 1e-6, "seed " + seed + " corner " + k + " y");
                assertTrue(l[k][0] > 0 && l[k][0] < 6000 && l[k][1] > 0 && l[k][1] < 4000,
                        "seed " + seed + ": board corner " + k + " in the frame");
            }
            for (int i = 0; i < 24; i++) {
                double[] c = large.patchCentre(i);
                assertEquals(i, large.regionAt(c[0], c[1]), "seed " + seed + " patch " + i);
            }
        }
    }

    @Test
    void framingIsSeededAndSlightlyRotated() {
        ChartScene a = new ChartScene(600, 400, 7);
        ChartScene b = new ChartScene(600, 400, 7);
        assertArrayEquals(a.patchCentre(0), b.patchCentre(0), 0);
        double[] p0 = a.patchCentre(0);
        double[] p5 = a.patchCentre(5);
        double angle = Math.toDegrees(Math.atan2(p5[1] - p0[1], p5[0] - p0[0]));
        assertTrue(Math.abs(angle) < 4, "rotation (with perspective) " + angle);
        assertEquals(ChartScene.SURROUND, a.regionAt(2, 2));
        for (int i = 0; i < 24; i++) {
            double[] c = a.patchCentre(i);
            assertEquals(i, a.regionAt(c[0], c[1]));
        }
        // the chart fills about 70% of the width; a patch is 40/279 of the board
        double[][] corners = a.boardCorners();
        double boardWidth = Math.hypot(corners[1][0] - corners[0][0], corners[1][1] - corners[0][1]);
        assertEquals(0.70 * 600, boardWidth, 0.05 * 600);
        assertEquals(boardWidth * 40 / 279, a.patchSizePixels(), 0.1 * boardWidth * 40 / 279, "up to the perspective tilt");
        double[] p2 = a.patchCentre(2);
        double[] p3 = a.patchCentre(3);
        assertEquals(ChartScene.BOARD, a.regionAt((p2[0] + p3[0]) / 2, (p2[1] + p3[1]) / 2), "between patches: board");
        // with a slate the chart moves left and the slate shows on the right
        ChartScene slated = new ChartScene(600, 400, 7, true).withSlate("step-1");
        assertTrue(slated.patchCentre(0)[0] < p0[0]);
        int[] regions = slated.regions();
        int black = 0;
        int white = 0;
        double rightmostPatch = slated.patchCentre(5)[0];
        for (int i = 0; i < regions.length; i++) {
            if (regions[i] == ChartScene.SLATE_BLACK || regions[i] == ChartScene.SLATE_WHITE) {
                assertTrue(i % 600 > rightmostPatch, "the slate stands right of the chart");
                black += regions[i] == ChartScene.SLATE_BLACK ? 1 : 0;
                white += regions[i] == ChartScene.SLATE_WHITE ? 1 : 0;
            }
        }
        assertTrue(black > 1000 && white > black, black + " dark and " + white + " light slate pixels");
        assertThrows(IllegalStateException.class, () -> a.withSlate("x"));
    }
}
