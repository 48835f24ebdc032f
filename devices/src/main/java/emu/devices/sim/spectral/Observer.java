package emu.devices.sim.spectral;

/**
 * The CIE 1931 2-degree standard observer: tristimulus values of a colour stimulus
 * (CIE 15:2004 §7.1, eq. 7.1-7.3, rectangle rule on the 5 nm grid).
 */
public final class Observer {
    /** calibration's copy (its illuminant registry reads the same table): one copy of the CIE data. */
    private static final SpectralTable CMFS = SpectralTable.load("/emu/calibration/color/cie1931_2deg_cmfs.csv");
    /** x̄(λ). */
    public static final Spectrum X_BAR = CMFS.get("x_bar");
    /** ȳ(λ), the photopic luminous efficiency function. */
    public static final Spectrum Y_BAR = CMFS.get("y_bar");
    /** z̄(λ). */
    public static final Spectrum Z_BAR = CMFS.get("z_bar");

    private Observer() {}

    /**
     * XYZ of a surface of reflectance {@code r} under {@code illuminant}, normalised so the
     * perfect reflecting diffuser has Y = 1 (CIE 15:2004 eq. 7.1 with k = 1 / ∫ S ȳ).
     */
    public static double[] xyz(Spectrum r, Spectrum illuminant) {
        double k = 1 / illuminant.integrate(Y_BAR);
        return new double[] {
            k * X_BAR.integrate(r, illuminant), k * Y_BAR.integrate(r, illuminant), k * Z_BAR.integrate(r, illuminant)
        };
    }
}
