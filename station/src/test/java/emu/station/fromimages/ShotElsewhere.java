package emu.station.fromimages;

import emu.calibration.chart.RgbImage;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.ShutterSpeed;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.Noise;
import emu.devices.sim.bench.LightState;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.camera.SimCamera;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.ImageFiles;
import emu.devices.sim.render.Optics;
import emu.devices.sim.spectral.Illuminant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A profiling set "shot elsewhere", rendered by the virtual bench to plain folders, as a person
 * would bring them: {@code captures/LIGHT/DSC_nnnn.tif} (+ the camera's .jpg) from the sim camera
 * (rotation, perspective, vignetting, blur, sensor noise) with EXIF written by exiftool as a camera
 * writes it, and {@code scans/R1_Fnn.tif} (+ .jpg) from the sim film lab (grain, scanner noise) of a
 * roll exposed at the same steps. Each shot keeps the simulator's noise-free truth per patch: the
 * sensor's Rec.709 values and the lab's scan values of the patch at its centre's vignetting.
 */
public final class ShotElsewhere {
    public static final String STOCK = "portrait-160";
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    /** Sim camera TIFF code 65535 = this contract value: the {@code --digital-scale} for its TIFFs. */
    public static final double SCALE = SimCamera.TIFF_FULL_SCALE;

    /** One step: files and truth (24 patches x RGB). */
    public record Shot(Path capture, Path scan, String illuminant, String speed, double simEv, double filmEv,
            double[][] digitalTruth, double[][] filmTruth) {}

    private ShotElsewhere() {}

    /**
     * Shoots every light at every shutter speed (f/8, ISO 100; 1/60 s is the sim camera's EV 0), the
     * film frame of each step at the speed's nominal stops from 1/60 (a photographer's bracket).
     */
    public static List<Shot> shoot(Path root, List<String> lights, Map<String, Double> speedsToFilmEv, long seed) throws Exception {
        Path captures = root.resolve("captures");
        Path scans = root.resolve("scans");
        Files.createDirectories(scans);
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        DigitalCameraModel sensor = DigitalCameraModel.nikonD5100();
        FilmRoll roll = new FilmRoll(STOCK, "R1", 36, seed);
        List<Shot> shots = new ArrayList<>();
        List<double[][]> digitalTruth = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>();
        try (LineRig rig = bench.connectRig("elsewhere", LineRig.Options.defaults(), lights);
                SimCamera camera = new SimCamera(bench, WIDTH, HEIGHT, Optics.DEFAULT, seed)) {
            int n = 0;
            for (String light : lights) {
                rig.setPreset(light);
                rig.setOn(true);
                rig.awaitSettled(Duration.ofSeconds(5));
                LightState state = bench.light();
                for (Map.Entry<String, Double> s : speedsToFilmEv.entrySet()) {
                    n++;
                    String name = String.format(Locale.ROOT, "DSC_%04d", n);
                    ShutterSpeed speed = ShutterSpeed.parse(s.getKey()).orElseThrow();
                    camera.capture(new CaptureRequest(captures.resolve(light), name,
                            new CaptureRequest.Exposure.Explicit(speed), Map.of()));
                    double simEv = Math.log(speed.seconds() * 60) / Math.log(2);
                    digitalTruth.add(digitalTruth(camera.scene(), sensor, state, simEv));
                    roll.expose(state, light + "/" + s.getKey(), s.getValue());
                    exif(captures.resolve(light), name, s.getKey());
                    pending.add(new Object[] {captures.resolve(light).resolve(name + ".tif"), light, s.getKey(), simEv,
                            s.getValue()});
                }
            }
        }
        FilmLab lab = FilmLab.standard();
        List<ScanFile> delivered = lab.process(roll, LabQuirks.NONE, scans, line -> { });
        ProcessedRoll processed = lab.develop(roll);
        ChartScene framing = new ChartScene(WIDTH, HEIGHT, Noise.derive(roll.seed(), 2), roll.slate());
        for (int i = 0; i < pending.size(); i++) {
            Object[] p = pending.get(i);
            Illuminant light = roll.frames().get(i).light();
            double filmEv = (double) p[4];
            double[][] film = new double[24][];
            for (int k = 0; k < 24; k++) {
                film[k] = processed.scanPatch(framing.reflectance(k), light, filmEv + log2Vignette(framing, k), null, 1);
            }
            shots.add(new Shot((Path) p[0], delivered.get(i).tiff(), (String) p[1], (String) p[2], (double) p[3], filmEv,
                    digitalTruth.get(i), film));
        }
        return shots;
    }

    /** Noise-free Rec.709 of every patch at its centre's vignetting (the sim camera meters for the settled preset). */
    private static double[][] digitalTruth(ChartScene scene, DigitalCameraModel sensor, LightState light, double ev) {
        double[][] out = new double[24][];
        for (int k = 0; k < 24; k++) {
            out[k] = sensor.toRec709(sensor.expose(sensor.raw(scene.reflectance(k), light.emitted(),
                    light.preset().orElseThrow(), ev + log2Vignette(scene, k)), null, 1));
        }
        return out;
    }

    private static double log2Vignette(ChartScene scene, int patch) {
        double[] c = scene.patchCentre(patch);
        return Math.log(Optics.DEFAULT.vignetteAt(c[0] - 0.5, c[1] - 0.5, scene.width(), scene.height())) / Math.log(2);
    }

    /** Writes the exposure settings into both files of a capture, as the camera would have. */
    public static void exif(Path dir, String name, String speed) throws Exception {
        List<String> files = new ArrayList<>();
        for (String ext : List.of(".tif", ".jpg")) {
            if (Files.exists(dir.resolve(name + ext))) {
                files.add(dir.resolve(name + ext).toString());
            }
        }
        exiftool(files, "-ExposureTime=" + speed, "-FNumber=8", "-ISO=100");
    }

    public static void exiftool(List<String> files, String... tags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("exiftool", "-q", "-overwrite_original"));
        cmd.addAll(List.of(tags));
        cmd.addAll(files);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("exiftool (Debian libimage-exiftool-perl) failed: " + out);
        }
    }

    /** Rewrites a 16-bit linear TIFF turned by {@code quarterTurns} x 90 degrees clockwise. */
    public static void rotate(Path tiff, int quarterTurns) throws Exception {
        RgbImage img = RgbImage.read(tiff);
        int w = img.width();
        int h = img.height();
        boolean swap = quarterTurns % 2 == 1;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        float[][] planes = new float[3][ow * oh];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int ox;
                int oy;
                switch (quarterTurns % 4) {
                    case 1 -> { ox = h - 1 - y; oy = x; }
                    case 2 -> { ox = w - 1 - x; oy = h - 1 - y; }
                    case 3 -> { ox = y; oy = w - 1 - x; }
                    default -> { ox = x; oy = y; }
                }
                for (int c = 0; c < 3; c++) {
                    planes[c][oy * ow + ox] = img.get(x, y, c);
                }
            }
        }
        Files.write(tiff, ImageFiles.tiff16(planes, ow, oh, true));
    }

    /** Rewrites a 16-bit TIFF keeping only its left {@code fraction} of columns (a chart partly out of frame). */
    public static void cropLeft(Path tiff, double fraction, boolean linear) throws Exception {
        RgbImage img = RgbImage.read(tiff);
        int ow = (int) (img.width() * fraction);
        float[][] planes = new float[3][ow * img.height()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < ow; x++) {
                for (int c = 0; c < 3; c++) {
                    planes[c][y * ow + x] = img.get(x, y, c);
                }
            }
        }
        Files.write(tiff, ImageFiles.tiff16(planes, ow, img.height(), linear));
    }
}
