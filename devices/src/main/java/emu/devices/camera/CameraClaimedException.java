package emu.devices.camera;

/** Another process holds the camera's USB interface (libgphoto2 -53); the message names the likely holder and how to release it. */
public class CameraClaimedException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraClaimedException(String device, String message) {
        super(device, message);
    }

    public CameraClaimedException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
