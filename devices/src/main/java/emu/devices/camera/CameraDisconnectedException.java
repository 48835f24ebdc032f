package emu.devices.camera;

/** The camera went away (unplugged, switched off, USB reset); reopening may bring it back. */
public class CameraDisconnectedException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraDisconnectedException(String device, String message) {
        super(device, message);
    }

    public CameraDisconnectedException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
