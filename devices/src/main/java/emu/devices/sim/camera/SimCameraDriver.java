package emu.devices.sim.camera;

import emu.devices.camera.Camera;
import emu.devices.camera.CameraDriver;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.DetectedCamera;
import emu.devices.sim.bench.VirtualBench;
import java.util.List;

/**
 * The {@code sim} camera driver: one simulated camera on the process-wide
 * {@link VirtualBench#shared()} bench, so that it sees the light of the {@code sim} rig.
 */
public final class SimCameraDriver implements CameraDriver {
    /** The simulated camera's model and port as detection reports them. */
    public static final DetectedCamera CAMERA = new DetectedCamera("EMU Sim D5100", "sim:bench");

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public List<DetectedCamera> detect(CameraOptions options) {
        return List.of(CAMERA);
    }

    @Override
    public Camera open(CameraOptions options) {
        if (options.model().isPresent() && !(options.model().get().equals(CAMERA.model())
                && options.port().orElse("").equals(CAMERA.port()))) {
            throw new CameraNotFoundException(options.device(), "no simulated camera " + options.device(), List.of(CAMERA), null);
        }
        return new SimCamera(VirtualBench.shared(), 1);
    }
}
