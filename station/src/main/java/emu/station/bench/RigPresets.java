package emu.station.bench;

import emu.devices.rig.IlluminantRig;
import emu.devices.rig.RigException;
import java.util.Collection;
import java.util.List;

/**
 * The rig's presets: the lights a plan may name. Asked once and remembered, since they change with
 * the rig's firmware, not during a run; empty (and asked again next time) while the rig cannot answer.
 */
public final class RigPresets {
    private final IlluminantRig rig;
    private volatile List<String> presets;

    public RigPresets(IlluminantRig rig) {
        this.rig = rig;
    }

    /** Every preset the rig offers, or none while it cannot answer. */
    public List<String> all() {
        List<String> known = presets;
        if (known == null) {
            try {
                known = List.copyOf(rig.presets());
            } catch (RigException e) {
                return List.of();
            }
            presets = known;
        }
        return known;
    }

    /**
     * Those of {@code lights} the rig offers no preset for, so a plan naming a light the rig lacks
     * is flagged, not found at night as steps failing every retry; empty while the rig cannot answer.
     */
    public List<String> missing(Collection<String> lights) {
        List<String> known = all();
        if (known.isEmpty()) {
            return List.of();
        }
        return lights.stream().filter(l -> !known.contains(l)).distinct().toList();
    }
}
