package emu.devices.rig;

import java.util.Set;

/** The rig reports a fault (or, as {@link RigDisconnectedException}, the link to it is lost). */
public class RigFaultException extends RigException {
    private final Set<RigFault> faults;

    public RigFaultException(String device, Set<RigFault> faults, String message) {
        this(device, faults, message, null);
    }

    public RigFaultException(String device, Set<RigFault> faults, String message, Throwable cause) {
        super(device, message, cause);
        this.faults = Set.copyOf(faults);
    }

    /** The faults raised; never empty. */
    public Set<RigFault> faults() {
        return faults;
    }
}
