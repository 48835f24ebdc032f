package emu.calibration.color;

import java.util.Arrays;

/**
 * An additive RGB space: primaries and white point as CIE 1931 xy chromaticities, with the
 * RGB -> XYZ matrix derived as in SMPTE RP 177-1993 section 3.3 (columns = primaries' XYZ scaled
 * so that RGB (1,1,1) gives the white with Y = 1).
 */
public final class RgbSpace {

    /** CIE D65 as used by Rec.709/sRGB/Rec.2020 (ITU-R BT.709-6 item 1.4): x 0.3127, y 0.3290. */
    public static final double[] D65_XY = {0.3127, 0.3290};
    /** The ACES white (SMPTE ST 2065-1:2012 section 4.1): x 0.32168, y 0.33767. */
    public static final double[] ACES_WHITE_XY = {0.32168, 0.33767};

    /** ITU-R BT.709-6 item 1.3 primaries, D65. */
    public static final RgbSpace REC709 = new RgbSpace("rec709",
            new double[] {0.640, 0.330, 0.300, 0.600, 0.150, 0.060}, D65_XY);
    /** ITU-R BT.2020-2 Table 3 primaries, D65. */
    public static final RgbSpace REC2020 = new RgbSpace("rec2020",
            new double[] {0.708, 0.292, 0.170, 0.797, 0.131, 0.046}, D65_XY);
    /** ACES AP1 primaries (Academy S-2014-004 section 4.1, ACEScg), ACES white. */
    public static final RgbSpace ACES_AP1 = new RgbSpace("aces-ap1",
            new double[] {0.713, 0.293, 0.165, 0.830, 0.128, 0.044}, ACES_WHITE_XY);
    /** ARRI Wide Gamut 3 (ARRI, "ALEXA Log C Curve - Usage in VFX", section 4), D65. */
    public static final RgbSpace ARRI_WIDE_GAMUT_3 = new RgbSpace("arri-wide-gamut-3",
            new double[] {0.6840, 0.3130, 0.2210, 0.8480, 0.0861, -0.1020}, D65_XY);
    /**
     * Sony S-Gamut3.Cine (Sony, "Technical Summary for S-Gamut3.Cine/S-Log3 and
     * S-Gamut3/S-Log3", table of primaries), D65. Chosen over S-Gamut3 because it is the space
     * Sony recommends for grading S-Log3 footage and what Venice/FX cameras record by default.
     */
    public static final RgbSpace S_GAMUT3_CINE = new RgbSpace("s-gamut3-cine",
            new double[] {0.766, 0.275, 0.225, 0.800, 0.089, -0.087}, D65_XY);

    private final String name;
    private final double[] primariesXy;
    private final double[] whiteXy;
    private final double[] toXyz;
    private final double[] fromXyz;

    /**
     * @param primariesXy x,y of red, green, blue (6 values)
     * @param whiteXy x,y of the white point
     */
    public RgbSpace(String name, double[] primariesXy, double[] whiteXy) {
        if (primariesXy.length != 6 || whiteXy.length != 2) {
            throw new IllegalArgumentException("RgbSpace needs 6 primary and 2 white coordinates");
        }
        this.name = name;
        this.primariesXy = primariesXy.clone();
        this.whiteXy = whiteXy.clone();
        double[] p = new double[9];
        for (int c = 0; c < 3; c++) {
            double[] xyz = Matrices.xyToXyz(primariesXy[2 * c], primariesXy[2 * c + 1]);
            p[c] = xyz[0];
            p[3 + c] = xyz[1];
            p[6 + c] = xyz[2];
        }
        double[] s = Matrices.apply(Matrices.invert(p), whiteXyz());
        this.toXyz = Matrices.multiply(p, Matrices.diagonal(s[0], s[1], s[2]));
        this.fromXyz = Matrices.invert(toXyz);
    }

    public String name() {
        return name;
    }

    /** XYZ of the white point with Y = 1. */
    public double[] whiteXyz() {
        return Matrices.xyToXyz(whiteXy[0], whiteXy[1]);
    }

    public double[] whiteXy() {
        return whiteXy.clone();
    }

    public double[] primariesXy() {
        return primariesXy.clone();
    }

    /** Row-major RGB -> XYZ (relative to this space's white, Y of white = 1). */
    public double[] toXyz() {
        return toXyz.clone();
    }

    /** Row-major XYZ -> RGB. */
    public double[] fromXyz() {
        return fromXyz.clone();
    }

    /**
     * The RGB -> RGB matrix from {@code source} to {@code target}, Bradford-adapting between the
     * whites when they differ (the ACES convention for Rec.709 -> AP1).
     */
    public static double[] conversion(RgbSpace source, RgbSpace target) {
        double[] m = source.toXyz;
        if (!Arrays.equals(source.whiteXy, target.whiteXy)) {
            m = Matrices.multiply(ChromaticAdaptation.bradford(source.whiteXyz(), target.whiteXyz()), m);
        }
        return Matrices.multiply(target.fromXyz, m);
    }

    @Override
    public String toString() {
        return name;
    }
}
