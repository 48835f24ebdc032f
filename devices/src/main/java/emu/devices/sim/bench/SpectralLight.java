package emu.devices.sim.bench;

import emu.devices.rig.RigFault;
import emu.devices.rig.line.FirmwareLight;
import emu.devices.rig.line.PlainLight;
import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spectral light behind the simulated rig firmware: each preset is an illuminant of the
 * bench's registry (CIE names, blackbodies like {@code 3200K}) at equal luminance, as a bench
 * rig is calibrated to equal illuminance across presets; one 16-bit dimmer channel. It writes
 * the {@link VirtualBench} state the simulated cameras read.
 */
public final class SpectralLight implements FirmwareLight {
    private final VirtualBench bench;
    private final Map<String, Illuminant> presets = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException naming a preset that is not a known illuminant or not a valid protocol token
     */
    public SpectralLight(VirtualBench bench, List<String> presetNames) {
        this.bench = bench;
        if (presetNames.isEmpty()) {
            throw new IllegalArgumentException("a rig light needs at least one preset");
        }
        for (String name : presetNames) {
            if (!PlainLight.PRESET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("preset name '" + name + "' must match " + PlainLight.PRESET_NAME);
            }
            presets.put(name, Illuminants.get(name));
        }
    }

    @Override
    public List<String> presetNames() {
        return List.copyOf(presets.keySet());
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public void selectPreset(String name) {
        Illuminant i = presets.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "'");
        }
        bench.selectPreset(i);
    }

    @Override
    public void setLevels(int[] levels) {
        bench.setLevel(levels[0] / 65535.0);
    }

    @Override
    public void setIntensity(double fraction) {
        bench.setIntensity(fraction);
    }

    @Override
    public void setOn(boolean on) {
        bench.setOn(on);
    }

    @Override
    public boolean settled() {
        return bench.settled();
    }

    @Override
    public double temperatureC() {
        return bench.temperatureC();
    }

    @Override
    public double hours() {
        return bench.hours();
    }

    @Override
    public Set<RigFault> faults() {
        return bench.faults();
    }
}
