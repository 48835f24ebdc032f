package emu.calibration.color;

/**
 * A log-like shaper that keeps negative values: s(x) = asinh(x / (2 e)) / ln 2.
 *
 * <p>For x much larger than e, asinh(x / 2e) = ln(x / e) + O((e/x)^2), so s is log2(x / e):
 * stops, which is how exposure behaves and what makes a model's features generalise across
 * EVs. Near zero it is linear (slope 1 / (2 e ln 2)) and it is odd, so camera noise and
 * negative out-of-gamut values stay finite and ordered instead of hitting log(0).
 * The shape is the inverse hyperbolic sine used for astronomical magnitudes (Lupton, Gunn &
 * Szalay 1999, "A modified magnitude system", AJ 118, eq. 2) with softening e.
 */
public final class LogShaper {

    /** Softening 2^-10 of scene-linear: about 7.5 stops below 18% grey, below a film's toe. */
    public static final LogShaper DEFAULT = new LogShaper(1.0 / 1024);

    private final double softening;

    public LogShaper(double softening) {
        if (!(softening > 0)) {
            throw new IllegalArgumentException("softening must be > 0, got " + softening);
        }
        this.softening = softening;
    }

    public double softening() {
        return softening;
    }

    /** Scene-linear -> shaped (about log2 stops above the softening). */
    public double forward(double x) {
        return asinh(x / (2 * softening)) / Math.log(2);
    }

    /** Shaped -> scene-linear. */
    public double inverse(double y) {
        return 2 * softening * Math.sinh(y * Math.log(2));
    }

    private static double asinh(double v) {
        // Written through |v| so large negative values do not cancel catastrophically.
        double a = Math.abs(v);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return v < 0 ? -r : r;
    }
}
