package emu.devices.rig;

/** The rig did not answer (or did not settle) in time. */
public class RigTimeoutException extends RigException {
    public RigTimeoutException(String device, String message) {
        super(device, message);
    }
}
