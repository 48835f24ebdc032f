package emu.devices.camera;

/** The camera stayed busy (PTP Device Busy, 0x2019) through every retry: it is still writing or metering; try the step again later. */
public class CameraBusyException extends CameraException {
    private static final long serialVersionUID = 1L;

    public CameraBusyException(String device, String message) {
        super(device, message);
    }

    public CameraBusyException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
