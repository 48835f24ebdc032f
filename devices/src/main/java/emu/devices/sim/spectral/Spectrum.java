package emu.devices.sim.spectral;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A spectral distribution sampled on the fixed grid 380-780 nm in 5 nm steps (81 samples), the
 * grid of the bundled data. Immutable.
 */
public final class Spectrum {
    /** First wavelength of the grid, nm. */
    public static final int START_NM = 380;
    /** Last wavelength of the grid, nm. */
    public static final int END_NM = 780;
    /** Grid step, nm. */
    public static final int STEP_NM = 5;
    /** Number of samples. */
    public static final int SIZE = (END_NM - START_NM) / STEP_NM + 1;

    private final double[] values;

    private Spectrum(double[] values) {
        this.values = values;
    }

    /** A spectrum from its 81 samples (copied). */
    public static Spectrum of(double[] samples) {
        if (samples.length != SIZE) {
            throw new IllegalArgumentException("a spectrum needs " + SIZE + " samples (380-780 nm by 5 nm), got " + samples.length);
        }
        return new Spectrum(samples.clone());
    }

    /** A spectrum from a function of wavelength in nm. */
    public static Spectrum sample(DoubleUnaryOperator fOfNm) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = fOfNm.applyAsDouble(wavelength(i));
        }
        return new Spectrum(v);
    }

    /** A constant spectrum (a perfectly neutral reflector of reflectance {@code value}). */
    public static Spectrum constant(double value) {
        double[] v = new double[SIZE];
        Arrays.fill(v, value);
        return new Spectrum(v);
    }

    /** A Gaussian band of unit peak: exp(-4 ln2 (λ-peak)²/fwhm²). */
    public static Spectrum gaussian(double peakNm, double fwhmNm) {
        double k = 4 * Math.log(2) / (fwhmNm * fwhmNm);
        return sample(l -> Math.exp(-k * (l - peakNm) * (l - peakNm)));
    }

    /** Wavelength of sample {@code i}, nm. */
    public static double wavelength(int i) {
        return START_NM + i * STEP_NM;
    }

    /** Sample {@code i}. */
    public double at(int i) {
        return values[i];
    }

    /** Sample-by-sample product. */
    public Spectrum times(Spectrum other) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = values[i] * other.values[i];
        }
        return new Spectrum(v);
    }

    /** Sample-by-sample sum. */
    public Spectrum plus(Spectrum other) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = values[i] + other.values[i];
        }
        return new Spectrum(v);
    }

    /** This spectrum times a constant. */
    public Spectrum scale(double k) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = values[i] * k;
        }
        return new Spectrum(v);
    }

    /** Each sample mapped through {@code f}. */
    public Spectrum map(DoubleUnaryOperator f) {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            v[i] = f.applyAsDouble(values[i]);
        }
        return new Spectrum(v);
    }

    /**
     * The integral of this spectrum times {@code other} by the rectangle rule on the 5 nm grid,
     * as CIE 15:2004 §7.1 recommends for tabulated data.
     */
    public double integrate(Spectrum other) {
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
            s += values[i] * other.values[i];
        }
        return s * STEP_NM;
    }

    /** The integral of the product of three spectra (e.g. sensitivity x reflectance x illuminant). */
    public double integrate(Spectrum b, Spectrum c) {
        double s = 0;
        for (int i = 0; i < SIZE; i++) {
            s += values[i] * b.values[i] * c.values[i];
        }
        return s * STEP_NM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }
}
