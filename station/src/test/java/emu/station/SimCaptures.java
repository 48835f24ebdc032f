package emu.station;

import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.ShutterSpeed;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.camera.SimCamera;
import emu.devices.sim.render.Optics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One real sim-camera shot (900 x 600 unless asked: a 16-bit scene-linear TIFF and the camera's sRGB JPEG) under settled D65 at EV 0. */
public final class SimCaptures {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;

    private SimCaptures() {}

    public static CaptureResult shoot(Path dir, String name) throws Exception {
        return shoot(dir, name, WIDTH, HEIGHT);
    }

    public static CaptureResult shoot(Path dir, String name, int width, int height) throws Exception {
        VirtualBench bench = new VirtualBench(Duration.ofMillis(20));
        try (LineRig rig = bench.connectRig("ui-test", LineRig.Options.defaults(), List.of("D65"));
                SimCamera camera = new SimCamera(bench, width, height, Optics.DEFAULT, 3)) {
            rig.setPreset("D65");
            rig.setOn(true);
            rig.awaitSettled(Duration.ofSeconds(5));
            return camera.capture(CaptureRequest.relative(dir, name, ShutterSpeed.parse("1/60").orElseThrow(), 0));
        }
    }

    public static Path tiff(CaptureResult r) {
        return r.files().stream().filter(f -> f.path().toString().endsWith(".tif")).findFirst().orElseThrow().path();
    }
}
