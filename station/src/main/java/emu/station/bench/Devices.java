package emu.station.bench;

import emu.calibration.chart.SamplingOptions;
import emu.devices.camera.Camera;
import emu.devices.camera.CameraDrivers;
import emu.devices.camera.CameraOptions;
import emu.devices.film.FilmBody;
import emu.devices.film.FilmLab;
import emu.devices.rig.IlluminantRig;
import emu.devices.rig.RigDrivers;
import emu.devices.rig.RigException;
import emu.devices.rig.RigSettings;
import emu.devices.rig.dmx.DmxFixture;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.camera.SimCamera;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.lab.SimFilmCamera;
import emu.devices.sim.lab.SimFilmLab;
import emu.station.config.StationConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's devices as {@code config.toml} names them: the camera through the camera driver
 * registry ({@code [camera] driver}), the rig through the rig driver registry ({@code [rig]
 * driver}). The {@code sim} drivers share {@link VirtualBench#shared()}, so the simulated camera
 * and, on the virtual bench, the simulated film camera body and lab ({@link #filmBody()},
 * {@link #filmLab()}) see what the simulated rig emits.
 */
public final class Devices implements AutoCloseable {
    private final Camera camera;
    private final IlluminantRig rig;
    private final Optional<VirtualBench> bench;
    private final double captureScale;
    private final SamplingOptions captureSampling;
    private final Duration shutterPulse;

    private Devices(Camera camera, IlluminantRig rig, Optional<VirtualBench> bench, double captureScale,
                    SamplingOptions captureSampling, Duration shutterPulse) {
        this.camera = camera;
        this.rig = rig;
        this.bench = bench;
        this.captureScale = captureScale;
        this.captureSampling = captureSampling;
        this.shutterPulse = shutterPulse;
    }

    /**
     * Opens the configured camera and rig.
     *
     * @throws RigException when the rig cannot be reached
     * @throws emu.devices.camera.CameraException when the camera cannot be opened
     */
    public static Devices open(StationConfig cfg) throws RigException {
        String cameraDriver = name(cfg.camera().driver());
        String rigDriver = name(cfg.rig().driver());
        StationConfig.Camera c = cfg.camera();
        CameraOptions options = CameraOptions.defaults()
                .withCamera(c.model().isBlank() ? null : c.model(), c.port().isBlank() ? null : c.port())
                .withLibraryPath(c.libraryPath().orElse(null))
                .withCaptureTarget(c.captureTarget() == StationConfig.CaptureTarget.CARD
                        ? emu.devices.camera.CaptureTarget.CARD : emu.devices.camera.CaptureTarget.RAM, c.keepOnCamera());
        VirtualBench bench = VirtualBench.shared();
        StationConfig.SimLamp lamp = cfg.simLamp();
        bench.setAgeing(lamp.redPercentPerStep() / 100, lamp.greenPercentPerStep() / 100, lamp.bluePercentPerStep() / 100);
        RigDrivers rigs = RigDrivers.standard().with("sim",
                s -> bench.connectRig("sim", RigDrivers.lineOptions(s), VirtualBench.DEFAULT_PRESETS));
        IlluminantRig rig = rigs.open(rigSettings(cfg.rig()));
        Camera camera;
        try {
            camera = CameraDrivers.get(cameraDriver).open(options);
        } catch (RuntimeException e) {
            rig.close();
            throw e;
        }
        boolean onBench = camera instanceof SimCamera || rigDriver.equals("sim");
        double scale = captureScale(cfg.camera().driver());
        SamplingOptions sampling = camera instanceof SimCamera ? simCameraSampling() : SamplingOptions.DEFAULTS;
        return new Devices(camera, rig, onBench ? Optional.of(bench) : Optional.empty(), scale, sampling,
                Duration.ofMillis(cfg.rig().shutterPulseMs()));
    }

    /**
     * Sampling for the sim camera's TIFF: its sensor clips each raw channel at one white level,
     * which after white balance and matrix lands far below the file's full scale (a TIFF code
     * stands for code / 65535 x {@link SimCamera#TIFF_FULL_SCALE}) and differs per channel (a
     * clipped white reads about 4.6, 1.6, 2.7). The clip level is the lowest Rec.709 channel of a
     * pixel with every raw channel at the white level, in file units, with the default's margin
     * (0.98 of full scale becomes 0.98 of this level).
     */
    public static SamplingOptions simCameraSampling() {
        DigitalCameraModel sensor = DigitalCameraModel.nikonD5100();
        double w = sensor.whiteLevel();
        double[] white = sensor.toRec709(new double[] {w, w, w});
        double lowest = Math.min(white[0], Math.min(white[1], white[2]));
        return SamplingOptions.DEFAULTS.withClipLevel(SamplingOptions.DEFAULTS.clipLevel() * lowest / SimCamera.TIFF_FULL_SCALE);
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code [rig]} as the rig drivers take it. */
    static RigSettings rigSettings(StationConfig.Rig r) {
        RigSettings s = RigSettings.defaults().withDriver(name(r.driver())).withPort(r.port()).withBaud(r.baud())
                .withSettle(Duration.ofMillis(Math.round(r.settleSeconds() * 1000)));
        s = new RigSettings(s.driver(), s.port(), s.baud(), s.settle(), Duration.ofMillis(r.shutterPulseMs()),
                Duration.ofSeconds(2), s.fixture());
        if (r.driver() == StationConfig.RigDriver.DMX_ENTTEC && !r.dmx().fixtures().isEmpty()) {
            s = s.withFixture(fixture(r.dmx()));
        }
        return s;
    }

    private static DmxFixture fixture(StationConfig.Dmx dmx) {
        Map<String, Map<Integer, Integer>> m = new LinkedHashMap<>();
        dmx.fixtures().forEach((name, f) -> m.put(name, f.channels()));
        return DmxFixture.fromConfig(dmx.bits(), m);
    }

    public Camera camera() {
        return camera;
    }

    public IlluminantRig rig() {
        return rig;
    }

    /** Whether the devices are (partly) the virtual bench's simulators. */
    public boolean virtualBench() {
        return bench.isPresent();
    }

    /**
     * The film camera body the station fires itself: the virtual bench's simulated film camera when
     * the devices are simulated; empty for real devices (a real film camera is fired through the
     * rig's shutter output or by the operator).
     */
    public Optional<FilmBody> filmBody() {
        return bench.map(SimFilmCamera::new);
    }

    /** The lab the station develops its rolls with: the simulated lab on the virtual bench; empty otherwise. */
    public Optional<FilmLab> filmLab() {
        return bench.map(b -> new SimFilmLab());
    }

    /** Factor from a capture file's normalised values to scene-linear values of the pairs contract. */
    public double captureScale() {
        return captureScale;
    }

    /**
     * {@link #captureScale()} for captures made with the camera driver {@code driver}: the sim
     * camera's TIFF holds code / 65535 x its full scale (SimCamera); a real camera's developed RAW is
     * already 0..1 linear.
     */
    public static double captureScale(StationConfig.CameraDriver driver) {
        return driver == StationConfig.CameraDriver.SIM ? SimCamera.TIFF_FULL_SCALE : 1.0;
    }

    /** How the captures of a configured camera driver are sampled, without opening the camera (the web UI's exposure view). */
    public static SamplingOptions captureSampling(StationConfig.CameraDriver driver) {
        return driver == StationConfig.CameraDriver.SIM ? simCameraSampling() : SamplingOptions.DEFAULTS;
    }

    /** How to sample a capture's chart patches (the clip level of this camera's files). */
    public SamplingOptions captureSampling() {
        return captureSampling;
    }

    /** The rig's shutter-release pulse for a real film camera. */
    public Duration shutterPulse() {
        return shutterPulse;
    }

    @Override
    public void close() {
        try {
            camera.close();
        } finally {
            rig.close();
        }
    }

    @Override
    public String toString() {
        return "devices (" + camera.describe().model() + ", " + rig.device() + ")";
    }
}
