package emu.devices.sim.bench;

import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Spectrum;
import java.util.Optional;

/**
 * What the rig emits at one instant.
 *
 * @param preset the selected preset's illuminant (unit luminance, settled), empty before any
 *     preset is chosen; cameras meter for it (EV 0 = an 18% grey at middle grey under the settled
 *     preset at full intensity)
 * @param emitted the spectrum actually emitted now: preset × intensity × level, with warm-up drift;
 *     zero when off
 * @param settled whether the warm-up drift has decayed
 */
public record LightState(Optional<Illuminant> preset, Spectrum emitted, boolean settled) {
    /** The emitted light as an illuminant named after the preset (not renormalised: intensity and drift stay in it). */
    public Illuminant asIlluminant() {
        return new Illuminant(preset.map(Illuminant::name).orElse("dark"), emitted);
    }
}
