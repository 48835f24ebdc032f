package emu.devices.rig;

import java.util.Locale;
import java.util.Optional;

/** Fault flags a rig can raise (protocol names in {@code docs/rig-protocol.md}, "Fault flags"). */
public enum RigFault {
    /** LED or driver temperature above its limit; output is cut. */
    OVERTEMP,
    /** A channel's measured current differs from the commanded one (open or shorted LED string). */
    CHANNEL,
    /** The LED supply voltage is out of range. */
    SUPPLY,
    /** The fan stopped. */
    FAN,
    /** The link to the rig is lost (the port disappeared or the firmware stopped answering). */
    LINK,
    /** A flag this host does not know, reported by newer firmware; treated as a fault. */
    OTHER;

    /** The fault for a protocol flag name, case-insensitive; empty for unknown names. */
    public static Optional<RigFault> byName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
