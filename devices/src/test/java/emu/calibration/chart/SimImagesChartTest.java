package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.ShutterSpeed;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.Noise;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.camera.SimCamera;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.lab.ExposedFrame;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.Optics;
import emu.devices.sim.spectral.Illuminants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart reader (calibration) on the virtual bench's own files (devices.sim): 16-bit linear TIFF
 * and sRGB JPEG captures from the sim camera, 16-bit TIFF and JPEG film scans from the sim lab. It
 * lives in the devices module because calibration cannot depend on devices.
 */
class SimImagesChartTest {
    private static final ChartSpec CC = ChartSpecs.colorChecker24();
    private static final DigitalCameraModel MODEL = DigitalCameraModel.nikonD5100();

    @TempDir
    Path dir;

    /** Largest distance between the located and the scene's true patch centres, in pixels. */
    private static double centreError(ChartLocation loc, ChartScene scene) {
        double worst = 0;
        for (int i = 0; i < CC.patchCount(); i++) {
            double[] c = CC.patchCentre(i);
            double[] got = loc.chartToImage().map(c[0], c[1]);
            double[] truth = scene.patchCentre(i);
            worst = Math.max(worst, Math.hypot(got[0] - truth[0], got[1] - truth[1]));
        }
        return worst;
    }

    @Test
    void simCameraCapturesAreLocatedAndSampled() throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        try (LineRig rig = bench.connectRig("chart-test", LineRig.Options.defaults(), List.of("D65", "A"));
                SimCamera camera = new SimCamera(bench, 900, 600, Optics.DEFAULT, 11)) {
            rig.setOn(true);
            ShutterSpeed base = ShutterSpeed.parse("1/60").orElseThrow();
            for (String light : List.of("D65", "A")) {
                rig.setPreset(light);
                rig.awaitSettled(Duration.ofSeconds(5));
                for (int ev : light.equals("D65") ? new int[] {-3, 3} : new int[] {0}) {
                    CaptureResult res = camera.capture(CaptureRequest.relative(dir, light + "_" + ev, base, ev));
                    Path tif = res.files().get(0).path();
                    ChartReading r = ChartReader.read(tif, CC, null, SamplingOptions.DEFAULTS);
                    String what = light + " EV " + ev + ": ";
                    // 1/8 s is 2.91 stops over 1/60 s: compare at the exposure the camera achieved
                    double achieved = res.achievedEv();
                    assertTrue(r.location().confidence() > 0.7, what + r.location().confidence() + " " + r.location().notes());
                    assertTrue(centreError(r.location(), camera.scene()) < 2, what + centreError(r.location(), camera.scene()));
                    int compared = 0;
                    for (int p : new int[] {1, 14, 21}) {
                        double[] c = camera.scene().patchCentre(p);
                        double v = Optics.DEFAULT.vignetteAt(c[0], c[1], 900, 600);
                        // the sensor clips in raw, before the matrix: no output level marks it, so
                        // patches within 0.25 EV of clipping (noise already clips there) are left out
                        if (MODEL.clips(MODEL.raw(camera.scene().reflectance(p), Illuminants.get(light),
                                achieved + Math.log(v) / Math.log(2) + 0.25))) {
                            continue;
                        }
                        compared++;
                        double[] expected = MODEL.capture(camera.scene().reflectance(p), Illuminants.get(light), achieved, null, 1);
                        for (int ch = 0; ch < 3; ch++) {
                            double got = r.patches().get(p).mean()[ch] * SimCamera.TIFF_FULL_SCALE / v;
                            assertEquals(expected[ch], got, 0.03 * expected[ch] + 0.002, what + CC.patchName(p) + " channel " + ch);
                        }
                    }
                    assertTrue(compared >= 2, what + "most patches compared");
                    ChartLocation jpeg = ChartLocator.locate(RgbImage.read(res.jpeg().orElseThrow().path()), CC);
                    assertTrue(centreError(jpeg, camera.scene()) < 2, what + "JPEG " + centreError(jpeg, camera.scene()));
                }
            }
        }
    }

    @Test
    void simLabScansAreLocatedAndSampled() throws Exception {
        int w = 600;
        int h = 400;
        FilmLab lab = new FilmLab(emu.devices.sim.film.Scanner.labScanner(), w, h, Optics.DEFAULT);
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        FilmRoll roll = new FilmRoll("portrait-160", "R0002", 36, 9);
        try (LineRig rig = bench.connectRig("chart-test", LineRig.Options.defaults(), List.of("D65", "A"))) {
            rig.setOn(true);
            for (String light : List.of("D65", "A")) {
                rig.setPreset(light);
                rig.awaitSettled(Duration.ofSeconds(5));
                roll.expose(bench, light + "/0", 0);
            }
            rig.setPreset("D65");
            rig.awaitSettled(Duration.ofSeconds(5));
            roll.expose(bench, "D65/2", 2);
        }
        List<ScanFile> scans = lab.process(roll, LabQuirks.NONE, dir, line -> { });
        ProcessedRoll processed = lab.develop(roll);
        // the film camera frames the chart as the lab test does: one framing per roll
        ChartScene scene = new ChartScene(w, h, Noise.derive(roll.seed(), 2));
        for (ScanFile s : scans) {
            ChartReading r = ChartReader.read(s.tiff(), CC, null, SamplingOptions.DEFAULTS);
            String what = s.tiff().getFileName() + ": ";
            assertTrue(r.location().confidence() > 0.7, what + r.location().confidence() + " " + r.location().notes());
            assertTrue(centreError(r.location(), scene) < 2, what + centreError(r.location(), scene));
            ExposedFrame f = roll.frames().get(s.frame() - 1);
            for (int p : new int[] {18, 21, 14}) {
                double[] c = scene.patchCentre(p);
                double vignetteEv = Math.log(Optics.DEFAULT.vignetteAt(c[0], c[1], w, h)) / Math.log(2);
                double[] expected = processed.scanPatch(scene.reflectance(p), f.light(), f.ev() + vignetteEv, null, 1);
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(expected[ch], r.patches().get(p).mean()[ch], 0.03, what + CC.patchName(p) + " channel " + ch);
                }
            }
            ChartLocation jpeg = ChartLocator.locate(RgbImage.read(s.jpeg()), CC);
            assertTrue(centreError(jpeg, scene) < 2, what + "JPEG " + centreError(jpeg, scene));
        }
    }
}
