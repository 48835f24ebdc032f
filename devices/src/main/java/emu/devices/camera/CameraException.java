package emu.devices.camera;

import java.util.Objects;

/**
 * A camera failure. The message names the device and, where the remedy is known, what to do.
 * Subclasses say what kind of failure it was so the shoot runner can decide (retry, reconnect, stop).
 */
public class CameraException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String device;

    public CameraException(String device, String message) {
        this(device, message, null);
    }

    public CameraException(String device, String message, Throwable cause) {
        super(message, cause);
        this.device = Objects.requireNonNull(device, "device");
    }

    /** The device it happened on, e.g. {@code Nikon DSC D750 on usb:001,004}. */
    public String device() {
        return device;
    }
}
