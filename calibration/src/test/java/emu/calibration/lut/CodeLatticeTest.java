package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit code tables give exactly the per-pixel path's result: float input code / 65535,
 * {@link ShapedLut#apply}, clip and round half up. Checked on every code of the neutral axis,
 * the extremes, and random pixels, for both interpolations, with and without a shaper, and on a
 * LUT whose domain is not the unit cube (so clamping is exercised).
 */
class CodeLatticeTest {

    @Test
    void equalsThePerPixelPathBitForBit() {
        ShapedLut plain = new ShapedLut(TestLuts.filmish(33));
        ShapedLut shaped = new ShapedLut(Optional.of(LinearShaper.lut()), TestLuts.filmish(17));
        Lut3D f = TestLuts.filmish(9);
        float[] t = f.table();
        ShapedLut narrow = new ShapedLut(new Lut3D(9, t, new double[] {0.1, 0, 0.05}, new double[] {0.9, 1.2, 0.7}));
        for (ShapedLut lut : new ShapedLut[] {plain, shaped, narrow}) {
            for (LutInterpolation interpolation : new LutInterpolation[] {LutInterpolations.TETRAHEDRAL,
                    LutInterpolations.TRILINEAR}) {
                assertSame(lut, interpolation);
            }
        }
    }

    private static void assertSame(ShapedLut lut, LutInterpolation interpolation) {
        CodeLattice tables = CodeLattice.of(lut, interpolation, 65535);
        assertNotNull(tables);
        int pixels = 65536 + 200_000;
        short[] data = new short[4 * pixels]; // RGBA-like layout: alpha must stay
        Random rnd = new Random(7);
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < 3; c++) {
                data[4 * p + c] = (short) (p < 65536 ? p : c == 0 && p % 3 == 0 ? 65535 : rnd.nextInt(65536));
            }
            data[4 * p + 3] = (short) (p * 31);
        }
        short[] before = data.clone();
        tables.map(data, 0, pixels, 4, new int[] {0, 1, 2});
        float k = 1f / 65535;
        for (int p = 0; p < pixels; p++) {
            float[] v = lut.apply((before[4 * p] & 0xffff) * k, (before[4 * p + 1] & 0xffff) * k,
                    (before[4 * p + 2] & 0xffff) * k, interpolation);
            for (int c = 0; c < 3; c++) {
                int expected = !(v[c] > 0) ? 0 : v[c] >= 1 ? 65535 : (int) (v[c] * 65535 + 0.5f);
                if (expected != (data[4 * p + c] & 0xffff)) {
                    assertEquals(expected, data[4 * p + c] & 0xffff, interpolation.name() + " pixel " + p + " channel " + c);
                }
            }
            if (before[4 * p + 3] != data[4 * p + 3]) {
                assertEquals(before[4 * p + 3], data[4 * p + 3], "alpha of pixel " + p);
            }
        }
    }
}
