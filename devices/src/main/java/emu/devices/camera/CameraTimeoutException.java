package emu.devices.camera;

/** A camera call did not return within its watchdog time: the camera hung; the call is abandoned and the camera must be reopened. */
public class CameraTimeoutException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraTimeoutException(String device, String message) {
        super(device, message);
    }

    public CameraTimeoutException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
