package emu.devices.rig;

import java.util.Optional;
import java.util.Set;

/**
 * A status read-out. {@code temperatureC} and {@code hours} are NaN when the rig cannot measure
 * them (DMX fixtures); {@code preset} is empty after raw channel levels were set.
 */
public record RigStatus(boolean ready, boolean on, double intensity, Optional<String> preset,
                        double temperatureC, double hours, Set<RigFault> faults) {
    public RigStatus {
        faults = Set.copyOf(faults);
    }

    /** True when the rig reports any fault. */
    public boolean faulted() {
        return !faults.isEmpty();
    }
}
