package emu.devices.camera;

import java.util.Objects;

/**
 * What a connected camera says about itself.
 *
 * @param model    the driver's model name, e.g. {@code Nikon DSC D750}
 * @param port     the port it is connected on, e.g. {@code usb:001,004}
 * @param serial   serial number, empty when the camera does not report one
 * @param firmware firmware version, empty when unknown
 * @param summary  the camera's free-text summary (may be long), empty when not supported
 */
public record CameraInfo(String model, String port, String serial, String firmware, String summary) {
    public CameraInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(port, "port");
        serial = serial == null ? "" : serial;
        firmware = firmware == null ? "" : firmware;
        summary = summary == null ? "" : summary;
    }

    /** {@code model on port (serial ...)}: how errors and logs name the device. */
    public String device() {
        return model + " on " + port + (serial.isEmpty() ? "" : " (serial " + serial + ")");
    }
}
