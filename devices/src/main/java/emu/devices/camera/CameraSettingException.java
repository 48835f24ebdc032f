package emu.devices.camera;

/** A setting does not exist, is read-only, or does not accept the value; the message lists what it accepts. */
public class CameraSettingException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraSettingException(String device, String message) {
        super(device, message);
    }

    public CameraSettingException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
