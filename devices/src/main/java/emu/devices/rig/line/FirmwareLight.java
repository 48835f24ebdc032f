package emu.devices.rig.line;

import emu.devices.rig.RigFault;
import java.util.List;
import java.util.Set;

/**
 * The light behind the simulated firmware: what {@link SimFirmware} drives when it executes
 * protocol commands. {@link PlainLight} is a protocol-only model (named presets, a fixed settle
 * time); the virtual bench plugs in a spectral one (illuminant spectra, warm-up drift).
 *
 * <p>The firmware calls these from one thread at a time. Argument ranges are checked by the
 * firmware before the call; a light throws {@link IllegalArgumentException} only for a preset
 * name it does not know.
 */
public interface FirmwareLight {

    /** Preset names, each matching {@code [A-Za-z0-9_.+-]{1,32}}. */
    List<String> presetNames();

    /** Number of 16-bit channels. */
    int channels();

    /** Switches to a preset; restarts settling. */
    void selectPreset(String name);

    /** Sets raw channel levels (each 0..65535, {@link #channels()} of them); restarts settling. */
    void setLevels(int[] levels);

    /** Output scale 0..1; restarts settling. */
    void setIntensity(double fraction);

    /** Output on or off; switching on restarts settling (warm-up). */
    void setOn(boolean on);

    /** True once the output is stable after the last change (warm-up drift has decayed). */
    boolean settled();

    /** LED temperature in degrees Celsius. */
    double temperatureC();

    /** Hours the output has been on, over the light's life. */
    double hours();

    /** Current faults; empty when healthy. */
    Set<RigFault> faults();
}
