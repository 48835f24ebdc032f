package emu.calibration.lut;

/**
 * The part every lattice interpolation shares: locating a pixel's cell and its position inside
 * it. Subclasses combine the cell's corners.
 */
abstract class LatticeInterpolation implements LutInterpolation {

    @Override
    public final void apply(Lut3D lut, float[] rgb, int from, int to) {
        if (from < 0 || to < from || 3L * to > rgb.length) {
            throw new IndexOutOfBoundsException("pixels " + from + ".." + to + " of " + rgb.length / 3);
        }
        int n = lut.size();
        float[] t = lut.rawTable();
        float sr = scale(lut, 0);
        float sg = scale(lut, 1);
        float sb = scale(lut, 2);
        float or = (float) lut.domainMin(0);
        float og = (float) lut.domainMin(1);
        float ob = (float) lut.domainMin(2);
        int gStride = 3 * n;
        int bStride = 3 * n * n;
        for (int p = from; p < to; p++) {
            int k = 3 * p;
            float x = position(rgb[k], or, sr, n);
            float y = position(rgb[k + 1], og, sg, n);
            float z = position(rgb[k + 2], ob, sb, n);
            int i = cell(x, n);
            int j = cell(y, n);
            int l = cell(z, n);
            int base = 3 * i + gStride * j + bStride * l;
            corners(t, base, gStride, bStride, x - i, y - j, z - l, rgb, k);
        }
    }

    /** Lattice steps per unit of input on channel {@code c}. */
    static float scale(Lut3D lut, int c) {
        return (float) ((lut.size() - 1) / (lut.domainMax(c) - lut.domainMin(c)));
    }

    /** Position of input {@code v} along an axis, in lattice steps, clamped to the lattice (NaN reads 0). */
    static float position(float v, float origin, float scale, int n) {
        float x = (v - origin) * scale;
        if (!(x > 0)) {
            return 0;
        }
        return Math.min(x, n - 1);
    }

    /** The lower corner of the cell holding position {@code x}; the last cell also serves the top face. */
    static int cell(float x, int n) {
        return Math.min((int) x, n - 2);
    }

    /**
     * Writes the interpolated RGB for the cell whose lowest corner starts at {@code base}
     * ({@code +3} steps red, {@code +gStride} green, {@code +bStride} blue) at fractions
     * {@code fr, fg, fb} in [0, 1] to {@code out[k..k+2]}.
     */
    abstract void corners(float[] t, int base, int gStride, int bStride, float fr, float fg, float fb,
            float[] out, int k);
}
