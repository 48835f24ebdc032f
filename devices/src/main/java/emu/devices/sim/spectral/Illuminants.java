package emu.devices.sim.spectral;

import java.util.List;

/**
 * The virtual bench's view of the one illuminant registry ({@link emu.calibration.color.Illuminants}):
 * the same names (CIE tables, {@code F11} for {@code FL11}, any CIE daylight {@code Dnn}, a
 * Planckian radiator such as {@code 3200K}) with their spectra as the bench's {@link Spectrum},
 * normalised to unit luminance ({@link Illuminant#normalised}). Nothing is tabulated here, so the
 * bench, the fitters and the exports cannot disagree about a light.
 */
public final class Illuminants {

    private Illuminants() {}

    /** The tabulated CIE illuminant names, in file order. */
    public static List<String> cieNames() {
        return emu.calibration.color.Illuminants.tabulated();
    }

    /**
     * The illuminant called {@code name}, as the registry spells it.
     *
     * @throws IllegalArgumentException naming {@code name} and the known names if the registry does
     *     not know it
     */
    public static Illuminant get(String name) {
        return of(emu.calibration.color.Illuminants.get(name));
    }

    /** A Planckian radiator at {@code kelvin} (1000-25000 K), named like {@code 3200K}. */
    public static Illuminant blackbody(double kelvin) {
        return of(emu.calibration.color.Illuminants.planck(kelvin));
    }

    private static Illuminant of(emu.calibration.color.Illuminant light) {
        return Illuminant.normalised(light.name(), Spectrum.of(light.spd()));
    }
}
