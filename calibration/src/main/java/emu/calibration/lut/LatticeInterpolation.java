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
        float sr = (float) ((n - 1) / (lut.domainMax(0) - lut.domainMin(0)));
        float sg = (float) ((n - 1) / (lut.domainMax(1) - lut.domainMin(1)));
        float sb = (float) ((n - 1) / (lut.domainMax(2) - lut.domainMin(2)));
        float or = (float) lut.domainMin(0);
        float og = (float) lut.domainMin(1);
        float ob = (float) lut.domainMin(2);
        int gStride = 3 * n;
        int bStride = 3 * n * n;
        for (int p = from; p < to; p++) {
            int k = 3 * p;
            float x = clamp((rgb[k] - or) * sr, n);
            float y = clamp((rgb[k + 1] - og) * sg, n);
            float z = clamp((rgb[k + 2] - ob) * sb, n);
            // the last cell also serves the top face, so the upper corner index stays inside the table
            int i = Math.min((int) x, n - 2);
            int j = Math.min((int) y, n - 2);
            int l = Math.min((int) z, n - 2);
            int base = 3 * i + gStride * j + bStride * l;
            corners(t, base, gStride, bStride, x - i, y - j, z - l, rgb, k);
        }
    }

    private static float clamp(float v, int n) {
        if (!(v > 0)) {
            return 0;
        }
        return Math.min(v, n - 1);
    }

    /**
     * Writes the interpolated RGB for the cell whose lowest corner starts at {@code base}
     * ({@code +3} steps red, {@code +gStride} green, {@code +bStride} blue) at fractions
     * {@code fr, fg, fb} in [0, 1] to {@code out[k..k+2]}.
     */
    abstract void corners(float[] t, int base, int gStride, int bStride, float fr, float fg, float fb,
            float[] out, int k);
}
