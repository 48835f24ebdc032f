package emu.calibration.lut;

import emu.calibration.color.LogShaper;

/**
 * The 1D shaper in front of the 3D table of a {@code linear}-input LUT (DESIGN.md, "LUT input
 * encodings": a Resolve-style log shaper + 3D): scene-linear Rec.709 values are mapped by a
 * log curve onto the lattice's 0..1 so that the table spends its points per stop, not per unit
 * of light.
 *
 * <p>The curve is the package's {@link LogShaper} (asinh(x / 2e) / ln 2, Lupton et al. 1999)
 * with softening e = 2^-10, normalised so that its input range maps onto 0..1:
 * <ul>
 *   <li>input range (the .cube {@code LUT_1D_INPUT_RANGE}): scene-linear -2^-10 (about -0.001,
 *       camera noise below black) to 0.18 * 2^6 = 11.52 (six stops over 18% grey); values outside
 *       are clamped by every consumer;
 *   <li>above about 4e = 0.004 (5.5 stops under grey) the curve is log2 within 1%: equal steps per
 *       stop, 13.5 stops over the range; below it is a smooth, nearly linear toe through zero, so
 *       black and small negative values keep their order instead of hitting log(0).
 * </ul>
 * The file form samples the curve at {@value #SIZE} evenly spaced linear inputs (Resolve's
 * maximum): at that spacing (1.8e-4) linear interpolation of the curve is within 0.01 stop of
 * the exact curve from 8 stops under grey upwards, the exact curve being what the lattice was
 * baked against.
 */
final class LinearShaper {
    static final double MIN = -0x1p-10;
    static final double MAX = 0.18 * 64;
    static final int SIZE = 65536;
    private static final LogShaper CURVE = new LogShaper(0x1p-10);
    private static final double LO = CURVE.forward(MIN);
    private static final double HI = CURVE.forward(MAX);

    private LinearShaper() {}

    /** Scene-linear -> lattice coordinate 0..1 (clamped). */
    static double code(double linear) {
        double c = (CURVE.forward(linear) - LO) / (HI - LO);
        return Math.max(0, Math.min(1, c));
    }

    /** Lattice coordinate 0..1 -> scene-linear. */
    static double linear(double code) {
        return CURVE.inverse(LO + code * (HI - LO));
    }

    /** The curve as a 1D LUT over {@link #MIN}..{@link #MAX}, the same for all three channels. */
    static Lut1D lut() {
        float[] t = new float[3 * SIZE];
        for (int i = 0; i < SIZE; i++) {
            float c = (float) code(MIN + (MAX - MIN) * i / (SIZE - 1));
            t[3 * i] = c;
            t[3 * i + 1] = c;
            t[3 * i + 2] = c;
        }
        return new Lut1D(SIZE, t, new double[] {MIN, MIN, MIN}, new double[] {MAX, MAX, MAX});
    }
}
