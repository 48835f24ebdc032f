package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LutInterpolationTest {

    /** Both schemes are exact for affine maps: a good check that corners and weights are right. */
    @Test
    void affineMapsAreReproducedExactlyBetweenLatticePoints() {
        double[] m = {0.8, 0.15, 0.05, -0.1, 1.1, 0.0, 0.02, -0.2, 1.18};
        Lut3D lut = TestLuts.sample(9, v -> new double[] {
                m[0] * v[0] + m[1] * v[1] + m[2] * v[2] + 0.01,
                m[3] * v[0] + m[4] * v[1] + m[5] * v[2] - 0.02,
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2]});
        Random rnd = new Random(1);
        for (LutInterpolation interp : List.of(LutInterpolations.TETRAHEDRAL, LutInterpolations.TRILINEAR)) {
            for (int i = 0; i < 2000; i++) {
                float r = rnd.nextFloat();
                float g = rnd.nextFloat();
                float b = rnd.nextFloat();
                float[] out = interp.apply(lut, r, g, b);
                assertEquals(m[0] * r + m[1] * g + m[2] * b + 0.01, out[0], 2e-6, interp.name());
                assertEquals(m[3] * r + m[4] * g + m[5] * b - 0.02, out[1], 2e-6, interp.name());
                assertEquals(m[6] * r + m[7] * g + m[8] * b, out[2], 2e-6, interp.name());
            }
        }
    }

    @Test
    void latticePointsAreReturnedExactly() {
        Lut3D lut = TestLuts.filmish(5);
        for (LutInterpolation interp : List.of(LutInterpolations.TETRAHEDRAL, LutInterpolations.TRILINEAR)) {
            float[] out = interp.apply(lut, 0.25f, 1f, 0.75f);
            assertArrayEquals(new float[] {lut.get(1, 4, 3, 0), lut.get(1, 4, 3, 1), lut.get(1, 4, 3, 2)}, out, 1e-7f);
        }
    }

    /** Tetrahedral reads only the grey diagonal for neutral input (Kasson et al. 1995). */
    @Test
    void tetrahedralNeutralInputUsesOnlyTheDiagonal() {
        float[] t = TestLuts.filmish(3).table();
        // poison every off-diagonal corner of the first cell
        int[][] offDiagonal = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}, {1, 0, 1}, {0, 1, 1}};
        for (int[] c : offDiagonal) {
            for (int k = 0; k < 3; k++) {
                t[3 * (c[0] + 3 * (c[1] + 3 * c[2])) + k] = 99f;
            }
        }
        Lut3D lut = new Lut3D(3, t);
        float[] out = LutInterpolations.TETRAHEDRAL.apply(lut, 0.2f, 0.2f, 0.2f);
        float expected = 0.6f * lut.get(0, 0, 0, 0) + 0.4f * lut.get(1, 1, 1, 0);
        assertEquals(expected, out[0], 1e-6f);
        assertTrue(LutInterpolations.TRILINEAR.apply(lut, 0.2f, 0.2f, 0.2f)[0] > 10, "trilinear does read them");
    }

    @Test
    void inputOutsideTheDomainIsClampedAndNanReadsTheFirstPoint() {
        Lut3D lut = new Lut3D(5, TestLuts.filmish(5).table(), new double[] {-1, 0, 0}, new double[] {2, 1, 4});
        for (LutInterpolation interp : List.of(LutInterpolations.TETRAHEDRAL, LutInterpolations.TRILINEAR)) {
            assertArrayEquals(interp.apply(lut, -1f, 0f, 0f), interp.apply(lut, -7f, -3f, Float.NaN), interp.name());
            assertArrayEquals(interp.apply(lut, 2f, 1f, 4f), interp.apply(lut, 50f, 1.5f, 9f), interp.name());
            assertEquals(lut.get(4, 4, 4, 1), interp.apply(lut, 2f, 1f, 4f)[1], 1e-7f);
        }
    }

    @Test
    void shaperFeedsTheCube() {
        // a shaper that squares its input over 0..4, then the identity cube
        int n = 1025;
        float[] s = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double x = 4.0 * i / (n - 1);
            for (int c = 0; c < 3; c++) {
                s[3 * i + c] = (float) (x * x / 16);
            }
        }
        ShapedLut lut = new ShapedLut(Optional.of(new Lut1D(n, s, new double[] {0, 0, 0}, new double[] {4, 4, 4})),
                Lut3D.identity(2));
        float[] out = lut.apply(2f, 1f, 3f, LutInterpolations.TETRAHEDRAL);
        assertArrayEquals(new float[] {0.25f, 1 / 16f, 9 / 16f}, out, 1e-5f);
    }

    @Test
    void parallelApplicationEqualsSerial() {
        ShapedLut lut = new ShapedLut(TestLuts.filmish(17));
        float[] a = new float[3 * 100_003];
        Random rnd = new Random(7);
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() * 1.2f - 0.1f;
        }
        float[] b = a.clone();
        lut.applyParallel(a, LutInterpolations.TETRAHEDRAL);
        lut.apply(b, 0, b.length / 3, LutInterpolations.TETRAHEDRAL);
        assertArrayEquals(b, a);
    }

    @Test
    void registryNamesAndUnknownNames() {
        assertEquals(List.of("tetrahedral", "trilinear"), LutInterpolations.names());
        assertEquals("trilinear", LutInterpolations.get("trilinear").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LutInterpolations.get("cubic"));
        assertTrue(e.getMessage().contains("cubic") && e.getMessage().contains("tetrahedral"), e.getMessage());
    }

    @Test
    void constructorsRejectBadTables() {
        assertThrows(IllegalArgumentException.class, () -> new Lut3D(1, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new Lut3D(257, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new Lut3D(2, new float[23]));
        float[] nan = new float[24];
        nan[5] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new Lut3D(2, nan));
        assertThrows(IllegalArgumentException.class,
                () -> new Lut3D(2, new float[24], new double[] {0, 1, 0}, new double[] {1, 1, 1}));
    }
}
