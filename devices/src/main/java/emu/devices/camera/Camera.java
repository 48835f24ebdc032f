package emu.devices.camera;

import java.util.List;
import java.util.Optional;

/**
 * One connected camera. Implementations: {@code gphoto2} (libgphoto2 via JNA) and {@code sim} (the
 * virtual bench). Not thread-safe by contract: the shoot runner drives one camera from one thread.
 * Every failure is a {@link CameraException} subclass naming the device.
 */
public interface Camera extends AutoCloseable {

    /** Model, port, serial and firmware as the camera reports them. */
    CameraInfo describe();

    /** Every setting the camera exposes, with its current value, choices or range, read-only flag. */
    List<CameraSetting> settings();

    /**
     * One setting by name; {@link SettingNames} aliases are resolved ({@code aperture} finds
     * {@code f-number} on a Nikon).
     *
     * @throws CameraSettingException if the camera has no such setting (the message lists close names)
     */
    CameraSetting setting(String name);

    /**
     * Sets a setting and reads it back.
     *
     * @throws CameraSettingException if unknown, read-only, not one of the choices, out of range, or the
     *         camera reports a different value afterwards
     */
    void set(String name, String value);

    /** The shutter speeds the camera offers now that have a duration (bulb, time are left out), fastest first. */
    default List<ShutterSpeed> shutterSpeeds() {
        return ShutterSpeed.parseAll(setting(SettingNames.SHUTTER_SPEED).choices());
    }

    /** The current shutter speed, empty when it is not a timed speed (bulb) or the camera does not say. */
    default Optional<ShutterSpeed> shutterSpeed() {
        return ShutterSpeed.parse(setting(SettingNames.SHUTTER_SPEED).value());
    }

    /** Captures one bracket step and downloads its file(s) into the request's directory. */
    CaptureResult capture(CaptureRequest request);

    /** Storage media in the camera with capacity and free space. */
    List<StorageInfo> storageInfo();

    /** Releases the camera (USB interface, library objects); idempotent. */
    @Override
    void close();
}
