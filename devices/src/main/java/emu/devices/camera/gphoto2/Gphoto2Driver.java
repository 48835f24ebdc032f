package emu.devices.camera.gphoto2;

import emu.devices.camera.Camera;
import emu.devices.camera.CameraDriver;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.DetectedCamera;
import java.util.List;

/** The {@code gphoto2} driver: any camera libgphoto2 supports, through {@link Gphoto2Camera}. */
public final class Gphoto2Driver implements CameraDriver {
    @Override
    public String name() {
        return "gphoto2";
    }

    @Override
    public List<DetectedCamera> detect(CameraOptions options) {
        return Gphoto2Runtime.get(options.libraryPath()).autodetect(options.callTimeout());
    }

    @Override
    public Camera open(CameraOptions options) {
        return Gphoto2Camera.open(Gphoto2Runtime.get(options.libraryPath()), options);
    }
}
