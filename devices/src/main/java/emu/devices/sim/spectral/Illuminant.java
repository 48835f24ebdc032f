package emu.devices.sim.spectral;

import java.util.Objects;

/**
 * A named light source. The SPD is normalised to unit luminance (∫ S ȳ dλ = 1), so a perfect
 * white lit by it has Y = 1: a light meter's reading is already divided out, and only colour is
 * left to tell illuminants apart.
 */
public record Illuminant(String name, Spectrum spd) {
    public Illuminant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spd, "spd");
    }

    /** An illuminant from a relative SPD of any scale, normalised to unit luminance. */
    public static Illuminant normalised(String name, Spectrum relativeSpd) {
        double y = relativeSpd.integrate(Observer.Y_BAR);
        if (!(y > 0)) {
            throw new IllegalArgumentException("illuminant " + name + " has no luminance");
        }
        return new Illuminant(name, relativeSpd.scale(1 / y));
    }

    /** CIE 1931 xy chromaticity of the illuminant. */
    public double[] chromaticity() {
        double[] xyz = Observer.xyz(Spectrum.constant(1), spd);
        double s = xyz[0] + xyz[1] + xyz[2];
        return new double[] {xyz[0] / s, xyz[1] / s};
    }
}
