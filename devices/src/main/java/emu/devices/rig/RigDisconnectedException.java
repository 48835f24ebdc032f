package emu.devices.rig;

import java.util.Set;

/**
 * The port disappeared or the far end stopped answering: a device fault ({@link RigFault#LINK}).
 * The driver keeps trying to reconnect; calls fail with this until it has.
 */
public class RigDisconnectedException extends RigFaultException {
    public RigDisconnectedException(String device, String message) {
        this(device, message, null);
    }

    public RigDisconnectedException(String device, String message, Throwable cause) {
        super(device, Set.of(RigFault.LINK), message, cause);
    }
}
