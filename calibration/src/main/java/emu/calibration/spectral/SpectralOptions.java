package emu.calibration.spectral;

/**
 * Settings of the spectral fit, chosen on the training side (leave-one-light-out) in the session-7 study
 * (bench/RESULTS.md, "unseen lights from a spectral camera and film model"); {@link #defaults()} are the study's.
 *
 * @param lamCam smoothness of the camera's sensitivities, relative to the data term
 * @param lamFilm smoothness of the film's sensitivities, relative to the data term
 * @param iterations rounds of the film fit's alternation
 * @param rollContrast each trained roll gets its own contrast shift besides its speed shift
 * @param throughReadings interimage crosstalk through the other layers' readings (K) besides log exposure (A)
 * @param rollRidge the rolls' shifts pulled to 0 with this weight times the data's total weight (100: practically off)
 */
public record SpectralOptions(double lamCam, double lamFilm, int iterations, boolean rollContrast, boolean throughReadings,
        double rollRidge) {
    public SpectralOptions {
        if (!(lamCam > 0) || !(lamFilm > 0) || iterations < 1 || !(rollRidge >= 0)) {
            throw new IllegalArgumentException("spectral options: smoothness > 0, iterations >= 1, roll ridge >= 0; got "
                    + lamCam + ", " + lamFilm + ", " + iterations + ", " + rollRidge);
        }
    }

    /** The study's settings: lam 1e-1 / 1e-1, 30 rounds, contrast and crosstalk through readings on, ridge 100. */
    public static SpectralOptions defaults() {
        return new SpectralOptions(1e-1, 1e-1, 30, true, true, 100);
    }

    /** These settings with other smoothness weights. */
    public SpectralOptions withSmoothness(double cam, double film) {
        return new SpectralOptions(cam, film, iterations, rollContrast, throughReadings, rollRidge);
    }
}
