package emu.devices.rig;

/** The rig answered something that does not follow the protocol (after retries). */
public class RigProtocolException extends RigException {
    public RigProtocolException(String device, String message) {
        super(device, message);
    }
}
