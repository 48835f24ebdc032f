package emu.calibration.color;

import java.util.Objects;

/**
 * One light of the illuminant registry ({@link Illuminants}): its canonical name, its family, its
 * CIE 1931 2-degree chromaticity and its relative spectral power on the registry's grid
 * (380-780 nm in 5 nm steps, {@value #SIZE} samples: the grid of the CMFs and CIE tables bundled
 * here). The arrays are copied in and out, so an entry cannot be changed by its users.
 *
 * @param name the canonical name ({@code FL11} for {@code f11}, {@code 3200K}, {@code D93})
 * @param xy CIE 1931 (x, y): the CIE table for tabulated lights, the CIE formula for daylight,
 *     Planck's law against the CMFs for a Planckian radiator
 * @param spd relative spectral power, as the CIE tables give it (any scale)
 */
public record Illuminant(String name, Family family, double[] xy, double[] spd) {
    /** First wavelength of the grid, nm. */
    public static final int START_NM = 380;
    /** Grid step, nm. */
    public static final int STEP_NM = 5;
    /** Samples on the grid (380-780 nm). */
    public static final int SIZE = 81;

    /** What kind of source a light is; exports and reports group lights by it. */
    public enum Family {
        /** CIE illuminant A: a tungsten-filament lamp, a Planckian radiator at about 2856 K. */
        INCANDESCENT,
        /** CIE daylight (D50, D65, any Dnn) from the daylight components. */
        DAYLIGHT,
        /** CIE fluorescent lamps (FL2, FL11, ...). */
        FLUORESCENT,
        /** CIE LED illuminants (LED-B1 .. LED-V2). */
        LED,
        /** A Planckian (black-body) radiator named by its temperature, e.g. 3200K. */
        PLANCKIAN,
        /** A tabulated light of none of the series above. */
        OTHER
    }

    public Illuminant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        if (xy.length != 2) {
            throw new IllegalArgumentException("illuminant " + name + ": xy needs 2 values, got " + xy.length);
        }
        if (spd.length != SIZE) {
            throw new IllegalArgumentException("illuminant " + name + ": a spectrum needs " + SIZE
                    + " samples (380-780 nm by 5 nm), got " + spd.length);
        }
        xy = xy.clone();
        spd = spd.clone();
    }

    @Override
    public double[] xy() {
        return xy.clone();
    }

    @Override
    public double[] spd() {
        return spd.clone();
    }

    /** Wavelength of sample {@code i}, nm. */
    public static double wavelength(int i) {
        return START_NM + i * STEP_NM;
    }

    /**
     * The spectrum scaled to unit luminance, sum S(l) ybar(l) * 5 nm = 1 (CIE 15:2018 rectangle
     * rule on the 5 nm grid): a perfect white lit by it has Y = 1, so only colour tells lights
     * apart. The operations are those the virtual bench has always used, so its spectra (and the
     * archival bundles' provenance) keep every bit.
     */
    public double[] unitLuminanceSpd() {
        double[] yBar = Illuminants.yBar();
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
            s += spd[i] * yBar[i];
        }
        double y = s * STEP_NM;
        if (!(y > 0)) {
            throw new IllegalArgumentException("illuminant " + name + " has no luminance");
        }
        double k = 1 / y;
        double[] out = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = spd[i] * k;
        }
        return out;
    }
}
