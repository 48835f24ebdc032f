package emu.calibration.lut;

/**
 * Tetrahedral interpolation: the cell is cut along its neutral diagonal into six tetrahedra and
 * the point is a barycentric mix of the four corners of the one holding it. Neutral inputs
 * therefore read only lattice points on the grey axis.
 *
 * <p>Reference: J. M. Kasson, S. I. Nin, W. Plouffe, J. L. Hafner, "Performing color space
 * conversions with three-dimensional linear interpolation", Journal of Electronic Imaging 4(3),
 * 1995, section 3.3 (the six-tetrahedron split by ordering of the fractional parts).
 */
final class Tetrahedral extends LatticeInterpolation {

    @Override
    public String name() {
        return "tetrahedral";
    }

    @Override
    void corners(float[] t, int base, int gs, int bs, float fr, float fg, float fb, float[] out, int k) {
        int c000 = base;
        int c111 = base + 3 + gs + bs;
        // the tetrahedron is chosen by the order of the fractions; w1..w3 walk c000 -> ca -> cb -> c111
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
        // barycentric weights: (1 - f1) c000 + (f1 - f2) ca + (f2 - f3) cb + f3 c111
        float w0 = 1 - f1;
        float wa = f1 - f2;
        float wb = f2 - f3;
        for (int c = 0; c < 3; c++) {
            out[k + c] = w0 * t[c000 + c] + wa * t[ca + c] + wb * t[cb + c] + f3 * t[c111 + c];
        }
    }
}
