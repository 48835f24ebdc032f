package emu.station.bench;

import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;

/**
 * The spectra of lights by name, from the virtual bench's tables (CIE illuminants, Planck's law
 * for names like {@code 3200K}): what a model bundle records for each light of its plan. Part of
 * the driver wiring, so the rest of the station never imports the simulators.
 */
public final class Spectra {
    /** First wavelength of {@link #of}, nm. */
    public static final double START_NM = Spectrum.START_NM;
    /** Step of {@link #of}, nm. */
    public static final double STEP_NM = Spectrum.STEP_NM;

    private Spectra() {}

    /**
     * The relative spectral power of the light called {@code name}, every {@link #STEP_NM} from
     * {@link #START_NM}.
     *
     * @throws IllegalArgumentException naming the known lights when there is no such one
     */
    public static double[] of(String name) {
        Spectrum spd = Illuminants.get(name).spd();
        double[] power = new double[Spectrum.SIZE];
        for (int i = 0; i < power.length; i++) {
            power[i] = spd.at(i);
        }
        return power;
    }
}
