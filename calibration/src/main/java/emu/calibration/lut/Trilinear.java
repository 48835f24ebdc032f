package emu.calibration.lut;

/**
 * Trilinear interpolation: linear along red, then green, then blue between the eight corners
 * of the cell (the separable tensor-product form, e.g. Kasson et al., Journal of Electronic
 * Imaging 4(3), 1995, section 3.1).
 */
final class Trilinear extends LatticeInterpolation {

    @Override
    public String name() {
        return "trilinear";
    }

    @Override
    void corners(float[] t, int base, int gs, int bs, float fr, float fg, float fb, float[] out, int k) {
        for (int c = 0; c < 3; c++) {
            int o = base + c;
            float c00 = lerp(t[o], t[o + 3], fr);
            float c10 = lerp(t[o + gs], t[o + gs + 3], fr);
            float c01 = lerp(t[o + bs], t[o + bs + 3], fr);
            float c11 = lerp(t[o + gs + bs], t[o + gs + bs + 3], fr);
            out[k + c] = lerp(lerp(c00, c10, fg), lerp(c01, c11, fg), fb);
        }
    }

    private static float lerp(float a, float b, float f) {
        return a + f * (b - a);
    }
}
