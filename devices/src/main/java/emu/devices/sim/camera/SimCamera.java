package emu.devices.sim.camera;

import emu.calibration.color.Srgb;
import emu.devices.camera.Camera;
import emu.devices.camera.CameraDisconnectedException;
import emu.devices.camera.CameraInfo;
import emu.devices.camera.CameraSetting;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.CapturedFiles;
import emu.devices.camera.ExposureChoice;
import emu.devices.camera.Exposures;
import emu.devices.camera.SettingNames;
import emu.devices.camera.ShutterSpeed;
import emu.devices.camera.StorageInfo;
import emu.devices.sim.Noise;
import emu.devices.sim.bench.LightState;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.ImageFiles;
import emu.devices.sim.render.Optics;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A digital camera on the virtual bench, behind the same {@link Camera} API as a real one. It
 * photographs a ColorChecker 24 ({@link ChartScene}) lit by whatever the bench's rig emits at
 * the moment of the shot, through {@link Optics} (vignetting, blur), onto the D5100 sensor model
 * ({@link DigitalCameraModel}: noise, per-channel clipping, fixed daylight white balance, matrix).
 *
 * <p>Exposure: the metered exposure (EV 0, where an 18% grey reads 0.18 under a settled preset at
 * full intensity) is 1/60 s at f/8 and ISO 100; other settings shift it by
 * log2(t · 60) + log2(ISO / 100) + 2 log2(8 / N) stops (APEX, ISO 2720 annex).
 *
 * <p>Each capture writes two files through {@link CapturedFiles} (temp, fsync, rename, never
 * over an existing file): {@code NAME.tif}, 16-bit scene-linear Rec.709 where code / 65535 ×
 * {@link #TIFF_FULL_SCALE} is the value of the pairs contract (18% grey at EV 0 = 0.18), negative
 * values clamped to 0; and {@code NAME.jpg}, the camera's sRGB rendering. Not thread-safe, as the
 * API says.
 */
public final class SimCamera implements Camera {
    /** The scene-linear value that TIFF code 65535 stands for. */
    public static final double TIFF_FULL_SCALE = 8.0;
    /** Shutter speeds in 1/3-stop steps as Nikon bodies label them, fastest first, then Bulb. */
    public static final List<String> SHUTTER_SPEEDS = List.of("1/4000", "1/3200", "1/2500", "1/2000", "1/1600", "1/1250",
            "1/1000", "1/800", "1/640", "1/500", "1/400", "1/320", "1/250", "1/200", "1/160", "1/125", "1/100", "1/80",
            "1/60", "1/50", "1/40", "1/30", "1/25", "1/20", "1/15", "1/13", "1/10", "1/8", "1/6", "1/5", "1/4", "0.3",
            "0.4", "0.5", "0.6", "0.8", "1", "1.3", "1.6", "2", "2.5", "3", "4", "5", "6", "8", "10", "13", "15", "20",
            "25", "30", "Bulb");
    private static final List<String> ISOS = List.of("100", "125", "160", "200", "250", "320", "400", "500", "640", "800",
            "1000", "1250", "1600", "2000", "2500", "3200", "4000", "5000", "6400");
    private static final List<String> APERTURES = List.of("f/2.8", "f/3.2", "f/3.5", "f/4", "f/4.5", "f/5", "f/5.6",
            "f/6.3", "f/7.1", "f/8", "f/9", "f/10", "f/11", "f/13", "f/14", "f/16", "f/18", "f/20", "f/22");
    private static final String MODEL = "EMU Sim D5100";
    private static final String PORT = "sim:bench";

    private final VirtualBench bench;
    private final DigitalCameraModel sensor = DigitalCameraModel.nikonD5100();
    private final ChartScene scene;
    private final Optics optics;
    private final long seed;
    private final Map<String, CameraSetting> settings = new LinkedHashMap<>();
    private int shots;
    private boolean closed;

    /**
     * A camera on {@code bench}, framing the chart at {@code width x height} pixels.
     *
     * @param seed fixes the framing (rotation, perspective) and the noise of each successive shot
     */
    public SimCamera(VirtualBench bench, int width, int height, Optics optics, long seed) {
        this.bench = bench;
        this.scene = new ChartScene(width, height, seed);
        this.optics = optics;
        this.seed = seed;
        put(choice(SettingNames.SHUTTER_SPEED, "Shutter Speed", "/main/capturesettings/shutterspeed", "1/60", SHUTTER_SPEEDS));
        put(choice(SettingNames.ISO, "ISO Speed", "/main/imgsettings/iso", "100", ISOS));
        put(choice("f-number", "F-Number", "/main/capturesettings/f-number", "f/8", APERTURES));
        put(choice(SettingNames.IMAGE_FORMAT, "Image Quality", "/main/imgsettings/imagequality", "TIFF+JPEG", List.of("TIFF+JPEG")));
        put(choice(SettingNames.CAPTURE_TARGET, "Capture Target", "/main/settings/capturetarget", "Internal RAM",
                List.of("Internal RAM", "Memory card")));
    }

    /** A 1200 x 800 camera on {@code bench} with the default lens. */
    public SimCamera(VirtualBench bench, long seed) {
        this(bench, 1200, 800, Optics.DEFAULT, seed);
    }

    private static CameraSetting choice(String name, String label, String path, String value, List<String> choices) {
        return new CameraSetting(name, label, path, CameraSetting.Type.RADIO, value, choices, Optional.empty(), false);
    }

    private void put(CameraSetting s) {
        settings.put(s.name(), s);
    }

    /** The scene this camera frames (for tests and for locating the chart's ground truth). */
    public ChartScene scene() {
        return scene;
    }

    @Override
    public CameraInfo describe() {
        open();
        return new CameraInfo(MODEL, PORT, "SIM" + Long.toHexString(seed), "1.0",
                "Simulated Nikon D5100 on the virtual bench; TIFF = scene-linear Rec.709 x 1/" + TIFF_FULL_SCALE
                        + " (code 65535 = " + TIFF_FULL_SCALE + "), fixed daylight white balance; EV 0 = 1/60 s f/8 ISO 100");
    }

    @Override
    public List<CameraSetting> settings() {
        open();
        return List.copyOf(settings.values());
    }

    @Override
    public CameraSetting setting(String name) {
        open();
        for (String candidate : SettingNames.candidates(name)) {
            CameraSetting s = settings.get(candidate);
            if (s != null) {
                return s;
            }
        }
        throw new CameraSettingException(device(), "no setting '" + name + "' on " + device() + "; settings: "
                + String.join(", ", settings.keySet()));
    }

    @Override
    public void set(String name, String value) {
        CameraSetting s = setting(name);
        s.checkAccepts(device(), value);
        put(new CameraSetting(s.name(), s.label(), s.path(), s.type(), value, s.choices(), s.range(), s.readOnly()));
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        open();
        request.fixed().forEach(this::set);
        double requested = 0;
        double achieved = 0;
        if (request.exposure() instanceof CaptureRequest.Exposure.Explicit e) {
            set(SettingNames.SHUTTER_SPEED, e.speed().label());
        } else if (request.exposure() instanceof CaptureRequest.Exposure.Relative r) {
            ExposureChoice c = Exposures.nearestWithin(device(), shutterSpeeds(), r.base(), r.ev(), r.toleranceEv());
            set(SettingNames.SHUTTER_SPEED, c.speed().label());
            requested = c.requestedEv();
            achieved = c.achievedEv();
        }
        ShutterSpeed speed = shutterSpeed().orElseThrow(() -> new CameraSettingException(device(),
                device() + " cannot shoot at Bulb unattended; set a timed shutter speed"));
        double ev = exposureEv(speed);
        shots++;
        Rendered img = render(bench.light(), ev, Noise.derive(seed, shots));
        String stem = String.format(Locale.ROOT, "/store_00010001/DCIM/100EMUSM/EMU_%04d", shots);
        List<CapturedFile> files = new ArrayList<>();
        transfer(stem + ".TIF");
        files.add(CapturedFiles.write(request.directory(), request.baseName(), stem + ".TIF",
                ImageFiles.tiff16(img.linear, scene.width(), scene.height(), true)));
        transfer(stem + ".JPG");
        files.add(CapturedFiles.write(request.directory(), request.baseName(), stem + ".JPG",
                ImageFiles.jpeg(img.display, scene.width(), scene.height())));
        return new CaptureResult(files, Optional.of(speed), requested, achieved);
    }

    /** Stops from the metered exposure (1/60 s, f/8, ISO 100) that the current settings give at {@code speed}. */
    double exposureEv(ShutterSpeed speed) {
        double iso = Double.parseDouble(setting(SettingNames.ISO).value());
        double n = Double.parseDouble(setting("f-number").value().substring(2));
        return log2(speed.seconds() * 60) + log2(iso / 100) + 2 * log2(8 / n);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Scene-linear planes (already divided by the TIFF scale) and the display rendering. */
    private record Rendered(float[][] linear, float[][] display) {}

    private Rendered render(LightState light, double ev, long noiseSeed) {
        Illuminant metered = light.preset().orElse(Illuminants.get("D65"));
        double[][] raw = new double[ChartScene.REGIONS][];
        for (int r = 0; r < ChartScene.REGIONS; r++) {
            raw[r] = sensor.raw(scene.reflectance(r), light.emitted(), metered, ev);
        }
        int w = scene.width();
        int h = scene.height();
        float[][] planes = Optics.paint(scene.regions(), raw);
        optics.vignette(planes, w, h);
        optics.blur(planes, w, h);
        double gain = Double.parseDouble(setting(SettingNames.ISO).value()) / 100;
        SplittableRandom rng = new SplittableRandom(noiseSeed);
        float[][] linear = new float[3][w * h];
        float[][] display = new float[3][w * h];
        double[] px = new double[3];
        for (int i = 0; i < w * h; i++) {
            px[0] = planes[0][i];
            px[1] = planes[1][i];
            px[2] = planes[2][i];
            double[] rgb = sensor.toRec709(sensor.expose(px, rng, 1, gain));
            for (int c = 0; c < 3; c++) {
                linear[c][i] = (float) (rgb[c] / TIFF_FULL_SCALE);
                display[c][i] = (float) Srgb.INSTANCE.encode(Math.min(1, Math.max(0, rgb[c])));
            }
        }
        return new Rendered(linear, display);
    }

    @Override
    public List<StorageInfo> storageInfo() {
        open();
        return List.of(new StorageInfo("/store_00010001", "Simulated card", 32L << 30, 32L << 30, -1));
    }

    @Override
    public void close() {
        closed = true;
    }

    private String device() {
        return MODEL + " on " + PORT;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(device() + " is closed");
        }
        if (!bench.cameraPresent()) { // as libgphoto2 reports an unplugged camera (GP_ERROR_IO_USB_FIND)
            throw new CameraDisconnectedException(device(), device() + " is gone from the bus (unplugged or switched off)");
        }
    }

    /** Before each download: a camera unplugged on the bench vanishes here, between a capture's files. */
    private void transfer(String cameraPath) {
        if (!bench.cameraTransfers()) {
            throw new CameraDisconnectedException(device(), device() + " vanished while downloading " + cameraPath);
        }
    }
}
