package emu.calibration.color;

/**
 * CIE 1976 L*a*b*, CIE 15:2004 section 8.2.1 (eq. 8.3-8.8 with the linear segment below
 * (6/29)^3 written in its exact rational form, CIE 15:2004 note 4), and the film-scan colour
 * convention used for scoring: sRGB display values -> linear Rec.709 -> XYZ (D65) -> L*a*b*
 * relative to D65.
 */
public final class Cielab {

    private static final double DELTA = 6.0 / 29;
    private static final double[] REC709_TO_XYZ = RgbSpace.REC709.toXyz();
    private static final double[] D65 = RgbSpace.REC709.whiteXyz();

    private Cielab() {}

    /** XYZ -> L*a*b* relative to {@code white} (same scale as XYZ). */
    public static double[] fromXyz(double[] xyz, double[] white) {
        double fx = f(xyz[0] / white[0]);
        double fy = f(xyz[1] / white[1]);
        double fz = f(xyz[2] / white[2]);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    /** L*a*b* -> XYZ relative to {@code white}. */
    public static double[] toXyz(double[] lab, double[] white) {
        double fy = (lab[0] + 16) / 116;
        double fx = fy + lab[1] / 500;
        double fz = fy - lab[2] / 200;
        return new double[] {white[0] * finv(fx), white[1] * finv(fy), white[2] * finv(fz)};
    }

    /** sRGB-encoded display RGB (0..1) -> L*a*b* (D65): how film scan values are scored. */
    public static double[] fromSrgb(double r, double g, double b) {
        double[] lin = {Srgb.INSTANCE.decode(r), Srgb.INSTANCE.decode(g), Srgb.INSTANCE.decode(b)};
        return fromXyz(Matrices.apply(REC709_TO_XYZ, lin), D65);
    }

    /** Row-major n x 3 sRGB-encoded values -> row-major n x 3 L*a*b* (D65). */
    public static double[] fromSrgb(double[] rgb) {
        double[] out = new double[rgb.length];
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            double[] lab = fromSrgb(rgb[i], rgb[i + 1], rgb[i + 2]);
            System.arraycopy(lab, 0, out, i, 3);
        }
        return out;
    }

    private static double f(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29;
    }

    private static double finv(double t) {
        return t > DELTA ? t * t * t : 3 * DELTA * DELTA * (t - 4.0 / 29);
    }
}
