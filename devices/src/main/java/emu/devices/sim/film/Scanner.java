package emu.devices.sim.film;

import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;

/**
 * A film scanner: a lamp and three channel filters (sensor included). It measures the
 * transmittance of the negative in each channel, T_c = ∫ L F_c 10^(−D(λ)) dλ / ∫ L F_c dλ,
 * and reports the channel density −log10 T_c (integral densitometry, ISO 5-3:2009 §4).
 */
public record Scanner(String name, Spectrum lamp, Spectrum[] filters) {
    public Scanner {
        if (filters.length != 3) {
            throw new IllegalArgumentException("scanner " + name + ": three channel filters expected");
        }
        filters = filters.clone();
    }

    /**
     * A lab minilab-style scanner: a 3200 K halogen lamp and narrow filters near the ISO 5-3
     * Status M peaks (red 645, green 535, blue 445 nm).
     */
    public static Scanner labScanner() {
        return new Scanner("lab scanner", Illuminants.blackbody(3200).spd(), new Spectrum[] {
            Spectrum.gaussian(645, 35), Spectrum.gaussian(535, 35), Spectrum.gaussian(445, 35)});
    }

    /** Channel densities (red, green, blue) of a negative with spectral density {@code density}. */
    public double[] densities(Spectrum density) {
        Spectrum transmittance = density.map(d -> Math.pow(10, -d));
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = -Math.log10(filters[c].integrate(lamp, transmittance) / filters[c].integrate(lamp));
        }
        return out;
    }

    @Override
    public Spectrum[] filters() {
        return filters.clone();
    }
}
