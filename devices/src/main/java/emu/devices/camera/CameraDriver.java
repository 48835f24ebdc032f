package emu.devices.camera;

import java.util.List;

/**
 * A way to reach cameras, chosen by the {@code [camera] driver} name. Drivers register through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/emu.devices.camera.CameraDriver}) and are
 * looked up with {@link CameraDrivers#get}.
 */
public interface CameraDriver {
    /** The name in {@code config.toml}, e.g. {@code gphoto2}, {@code sim}. */
    String name();

    /** The cameras this driver can see now (libraries and search paths from {@code options}). */
    List<DetectedCamera> detect(CameraOptions options);

    /**
     * Opens the camera {@code options} names, or the only one detected.
     *
     * @throws CameraNotFoundException when none matches, listing the detected ones
     */
    Camera open(CameraOptions options);
}
