package emu.calibration.spectral;

/**
 * Settings of the spectral fit, chosen on the training side (leave-one-light-out) in the session-7 study, the staged film fit on held-out patches (session 8)
 * (bench/RESULTS.md, "unseen lights from a spectral camera and film model"); {@link #defaults()} are the study's.
 *
 * @param lamCam smoothness of the camera's sensitivities, relative to the data term
 * @param lamFilm smoothness of the film's sensitivities, relative to the data term
 * @param iterations rounds of the film fit's alternation
 * @param rollContrast each trained roll gets its own contrast shift besides its speed shift
 * @param throughReadings interimage crosstalk through the other layers' readings (K) besides log exposure (A)
 * @param rollRidge the rolls' shifts pulled to 0 with this weight times the data's total weight (100: practically off)
 * @param staged 0: every round of the film fit refits sensitivities, crosstalk and curves together (session 7); else the
 *     first {@code staged} rounds fit the film's sensitivities and curves alone (no crosstalk, no roll shifts) and the
 *     later rounds the crosstalk, roll shifts and curves with the sensitivities held. Fitted together, the crosstalk
 *     takes over a layer's own exposure and its sensitivity drifts off (dense consumer-200~: the red layer's peak to
 *     380 nm; bench/RESULTS.md, "session 8: the spectral film model over the evaluator's exposures").
 */
public record SpectralOptions(double lamCam, double lamFilm, int iterations, boolean rollContrast, boolean throughReadings,
        double rollRidge, int staged, boolean choose) {
    public SpectralOptions {
        if (!(lamCam > 0) || !(lamFilm > 0) || iterations < 1 || !(rollRidge >= 0) || staged < 0 || staged >= iterations
                || choose && staged == 0) {
            throw new IllegalArgumentException("spectral options: smoothness > 0, iterations >= 1, roll ridge >= 0, staged"
                    + " rounds in [0, iterations) and > 0 to choose; got " + lamCam + ", " + lamFilm + ", " + iterations + ", "
                    + rollRidge + ", " + staged + ", " + choose);
        }
    }

    /** Session 7's form: every round fits everything together. */
    public SpectralOptions(double lamCam, double lamFilm, int iterations, boolean rollContrast, boolean throughReadings,
            double rollRidge) {
        this(lamCam, lamFilm, iterations, rollContrast, throughReadings, rollRidge, 0, false);
    }

    /**
     * Session 8's settings: lam 1e-1 / 1e-1, 30 rounds, contrast and crosstalk through readings on, ridge 100; the film
     * fitted jointly and, where a layer of that fit peaks at an end of the grid, staged too (the first 20 rounds
     * sensitivities and curves alone), the one closer to the training readings kept.
     */
    public static SpectralOptions defaults() {
        return new SpectralOptions(1e-1, 1e-1, 30, true, true, 100, 20, true);
    }

    /** Session 7's settings (the study's): as {@link #defaults()} but every round fits everything together. */
    public static SpectralOptions session7() {
        return new SpectralOptions(1e-1, 1e-1, 30, true, true, 100, 0, false);
    }

    /** These settings with other smoothness weights. */
    public SpectralOptions withSmoothness(double cam, double film) {
        return new SpectralOptions(cam, film, iterations, rollContrast, throughReadings, rollRidge, staged, choose);
    }

    /** These settings with {@code rounds} staged rounds (0: session 7's joint fit) and no choice between the two. */
    public SpectralOptions withStaged(int rounds) {
        return new SpectralOptions(lamCam, lamFilm, iterations, rollContrast, throughReadings, rollRidge, rounds, false);
    }
}
