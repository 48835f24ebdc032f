package emu.calibration.color;

/**
 * 3x3 matrix arithmetic on row-major {@code double[9]} arrays, and the published matrices the
 * encodings need.
 */
public final class Matrices {

    /**
     * Rec.709 (D65) -> ACES AP1 (ACES white), Bradford-adapted: the matrix ACES tools and OCIO
     * configs use (colour-science's RGB_to_RGB(sRGB, ACEScg, Bradford)). It is
     * AP1_NPM^-1 * Bradford(D65 -> ACES white) * M, with AP1_NPM as printed in Academy
     * S-2014-004 section 4.1.2 and M the 4-decimal sRGB matrix of IEC 61966-2-1 eq. 7; the
     * tests rebuild it that way. Deriving both NPMs from the primaries instead
     * ({@link RgbSpace#conversion}) differs by up to 7e-5, so the {@code acescct} input uses
     * this one to agree with other ACES software.
     */
    public static final double[] REC709_TO_AP1_PUBLISHED = {
        0.6131324224, 0.3395380158, 0.0474166960,
        0.0701243808, 0.9163940113, 0.0134515240,
        0.0205876575, 0.1095745716, 0.8697854040,
    };

    private Matrices() {}

    /** {@code a * b}. */
    public static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
            }
        }
        return m;
    }

    /** {@code m * v} for a 3-vector. */
    public static double[] apply(double[] m, double[] v) {
        double[] out = new double[3];
        apply(m, v, 0, out, 0);
        return out;
    }

    /** {@code m * in[inOff..inOff+2]} written to {@code out[outOff..]}; in and out may alias. */
    public static void apply(double[] m, double[] in, int inOff, double[] out, int outOff) {
        double x = in[inOff];
        double y = in[inOff + 1];
        double z = in[inOff + 2];
        out[outOff] = m[0] * x + m[1] * y + m[2] * z;
        out[outOff + 1] = m[3] * x + m[4] * y + m[5] * z;
        out[outOff + 2] = m[6] * x + m[7] * y + m[8] * z;
    }

    /** Applies {@code m} to every triple of a row-major n x 3 array, into a new array. */
    public static double[] applyAll(double[] m, double[] rgb) {
        double[] out = new double[rgb.length];
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            apply(m, rgb, i, out, i);
        }
        return out;
    }

    /** The inverse by the adjugate; throws if {@code m} is singular. */
    public static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double co0 = e * i - f * h;
        double co1 = f * g - d * i;
        double co2 = d * h - e * g;
        double det = a * co0 + b * co1 + c * co2;
        if (Math.abs(det) < 1e-300) {
            throw new IllegalArgumentException("matrix is singular");
        }
        return new double[] {
            co0 / det, (c * h - b * i) / det, (b * f - c * e) / det,
            co1 / det, (a * i - c * g) / det, (c * d - a * f) / det,
            co2 / det, (b * g - a * h) / det, (a * e - b * d) / det,
        };
    }

    /** A diagonal matrix. */
    public static double[] diagonal(double x, double y, double z) {
        return new double[] {x, 0, 0, 0, y, 0, 0, 0, z};
    }

    /** XYZ (Y = 1) of a chromaticity (x, y). */
    public static double[] xyToXyz(double x, double y) {
        return new double[] {x / y, 1.0, (1 - x - y) / y};
    }
}
