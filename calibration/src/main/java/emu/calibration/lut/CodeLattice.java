package emu.calibration.lut;

/**
 * A {@link ShapedLut} prepared for integer samples of 8 or 16 bits: for each channel and each of
 * the 256 or 65,536 code values, the lattice cell offset and the fraction inside it, computed once by the very steps
 * {@link ShapedLut#apply(float[], int, int, LutInterpolation)} takes per pixel (code / max,
 * shaper, {@link LatticeInterpolation#position}, {@link LatticeInterpolation#cell}). Mapping a
 * pixel is then three table reads and the interpolation's corner mix, with results identical
 * bit for bit to the per-pixel path, at a third less work per pixel on 24-megapixel images.
 * The tables take 1.5 MB for 16 bits.
 */
final class CodeLattice {
    private final int max;

    private final LatticeInterpolation interpolation;
    private final float[] table;
    private final int gStride;
    private final int bStride;
    /** {@code offset[c][code]}: the cell's lower corner along channel c, as an index step into the table. */
    private final int[][] offset;
    private final float[][] fraction;

    private CodeLattice(ShapedLut lut, LatticeInterpolation interpolation, int max) {
        this.interpolation = interpolation;
        this.max = max;
        this.offset = new int[3][max + 1];
        this.fraction = new float[3][max + 1];
        Lut3D cube = lut.cube();
        int n = cube.size();
        this.table = cube.rawTable();
        this.gStride = 3 * n;
        this.bStride = 3 * n * n;
        int[] step = {3, gStride, bStride};
        float scale = 1f / max; // the very float LutImages.Samples.read multiplies by
        for (int c = 0; c < 3; c++) {
            float s = LatticeInterpolation.scale(cube, c);
            float origin = (float) cube.domainMin(c);
            for (int code = 0; code <= max; code++) {
                float v = lut.shape(code * scale, c);
                float x = LatticeInterpolation.position(v, origin, s, n);
                int i = LatticeInterpolation.cell(x, n);
                offset[c][code] = step[c] * i;
                fraction[c][code] = x - i;
            }
        }
    }

    /**
     * The tables for codes 0..{@code max} (255 or 65535) when {@code interpolation} is a lattice
     * one (every registered one is), else null.
     */
    static CodeLattice of(ShapedLut lut, LutInterpolation interpolation, int max) {
        return interpolation instanceof LatticeInterpolation l ? new CodeLattice(lut, l, max) : null;
    }

    /**
     * Maps {@code pixels} pixels of interleaved samples (unsigned, 0..max) in place, starting at index
     * {@code start}, {@code pixelStride} samples apart, RGB at {@code rgbOffsets}; other samples
     * (alpha) are left alone. Outputs are clipped to 0..1 and rounded half up to 0..max.
     */
    void map(short[] data, int start, int pixels, int pixelStride, int[] rgbOffsets) {
        int o0 = rgbOffsets[0];
        int o1 = rgbOffsets[1];
        int o2 = rgbOffsets[2];
        int[] offR = offset[0];
        int[] offG = offset[1];
        int[] offB = offset[2];
        float[] fracR = fraction[0];
        float[] fracG = fraction[1];
        float[] fracB = fraction[2];
        if (interpolation instanceof Tetrahedral) {
            mapTetrahedral(data, start, pixels, pixelStride, o0, o1, o2);
            return;
        }
        float[] out = new float[3];
        for (int p = 0, i = start; p < pixels; p++, i += pixelStride) {
            int r = data[i + o0] & 0xffff;
            int g = data[i + o1] & 0xffff;
            int b = data[i + o2] & 0xffff;
            interpolation.corners(table, offR[r] + offG[g] + offB[b], gStride, bStride, fracR[r], fracG[g], fracB[b],
                    out, 0);
            data[i + o0] = (short) LutImages.quantise(out[0], max);
            data[i + o1] = (short) LutImages.quantise(out[1], max);
            data[i + o2] = (short) LutImages.quantise(out[2], max);
        }
    }

    /**
     * {@link #map} for {@link Tetrahedral}, its {@code corners} arithmetic written out here in the
     * same order (Java's float arithmetic is exact to the expression, so the results are the
     * same bits; CodeLatticeTest checks). A call per pixel through the interpolation, and its
     * output array, were ~40% of the map time with the launcher's quick-start compiler.
     */
    private void mapTetrahedral(short[] data, int start, int pixels, int pixelStride, int o0, int o1, int o2) {
        float[] t = table;
        int gs = gStride;
        int bs = bStride;
        int[] offR = offset[0];
        int[] offG = offset[1];
        int[] offB = offset[2];
        float[] fracR = fraction[0];
        float[] fracG = fraction[1];
        float[] fracB = fraction[2];
        float m = max;
        for (int p = 0, i = start; p < pixels; p++, i += pixelStride) {
            int r = data[i + o0] & 0xffff;
            int g = data[i + o1] & 0xffff;
            int b = data[i + o2] & 0xffff;
            int base = offR[r] + offG[g] + offB[b];
            float fr = fracR[r];
            float fg = fracG[g];
            float fb = fracB[b];
            int ca;
            int cb;
            float f1;
            float f2;
            float f3;
            if (fr > fg) {
                if (fg > fb) {
                    ca = base + 3; cb = base + 3 + gs; f1 = fr; f2 = fg; f3 = fb;
                } else if (fr > fb) {
                    ca = base + 3; cb = base + 3 + bs; f1 = fr; f2 = fb; f3 = fg;
                } else {
                    ca = base + bs; cb = base + 3 + bs; f1 = fb; f2 = fr; f3 = fg;
                }
            } else {
                if (fb > fg) {
                    ca = base + bs; cb = base + gs + bs; f1 = fb; f2 = fg; f3 = fr;
                } else if (fb > fr) {
                    ca = base + gs; cb = base + gs + bs; f1 = fg; f2 = fb; f3 = fr;
                } else {
                    ca = base + gs; cb = base + 3 + gs; f1 = fg; f2 = fr; f3 = fb;
                }
            }
            int c111 = base + 3 + gs + bs;
            float w0 = 1 - f1;
            float wa = f1 - f2;
            float wb = f2 - f3;
            float vr = w0 * t[base] + wa * t[ca] + wb * t[cb] + f3 * t[c111];
            float vg = w0 * t[base + 1] + wa * t[ca + 1] + wb * t[cb + 1] + f3 * t[c111 + 1];
            float vb = w0 * t[base + 2] + wa * t[ca + 2] + wb * t[cb + 2] + f3 * t[c111 + 2];
            // LutImages.quantise, written out for the same reason
            data[i + o0] = (short) (!(vr > 0) ? 0 : vr >= 1 ? max : (int) (vr * m + 0.5f));
            data[i + o1] = (short) (!(vg > 0) ? 0 : vg >= 1 ? max : (int) (vg * m + 0.5f));
            data[i + o2] = (short) (!(vb > 0) ? 0 : vb >= 1 ? max : (int) (vb * m + 0.5f));
        }
    }
}
