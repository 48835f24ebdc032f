package emu.station.errors;

/**
 * A device (camera, rig, film camera, lab) failed or is unavailable while serving a request.
 * HTTP: 503, the request may succeed once the device is back. The devices' own exceptions
 * ({@code CameraException}, {@code RigException}) map the same way.
 */
public class DeviceFaultException extends RuntimeException {
    public DeviceFaultException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeviceFaultException(String message) {
        super(message);
    }
}
