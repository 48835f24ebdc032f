package emu.devices.camera;

/** Talking to the camera failed (USB or PTP I/O error) after any retries. */
public class CameraIoException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraIoException(String device, String message) {
        super(device, message);
    }

    public CameraIoException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
