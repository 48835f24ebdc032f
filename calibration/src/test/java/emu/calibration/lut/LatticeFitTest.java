package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fitted bake ({@link LatticeFit}, {@link LutBaker.Mode#FITTED}) on a model with a kink on an oblique plane, as a
 * fitted film model bends at the camera's clip planes: linear in the sRGB code values (which both interpolations
 * reproduce exactly) except for a hinge across the plane r + 0.7 g + 0.4 b = 1.05, which no lattice line follows. So
 * the sampled bake's whole interpolation error is the kink's, and cells away from it have none.
 */
class LatticeFitTest {
    private static final InputEncoding SRGB = InputEncoding.get("srgb");
    private static final int SIZE = 9;

    /** Film value of channel c at sRGB codes (r, g, b). */
    static double kink(double r, double g, double b, int c) {
        double hinge = Math.max(0, r + 0.7 * g + 0.4 * b - 1.05);
        return 0.3 + 0.5 * (c == 0 ? r : c == 1 ? g : b) - 0.2 * hinge;
    }

    private static final ColourModel KINK = new ColourModel() {
        @Override
        public double[] predict(double[] rgb, String illuminant) {
            double[] code = SRGB.fromRec709Linear(rgb);
            double[] out = new double[rgb.length];
            for (int i = 0; i < rgb.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    out[i + c] = kink(code[i], code[i + 1], code[i + 2], c);
                }
            }
            return out;
        }

        @Override
        public List<String> illuminants() {
            return List.of("D65");
        }
    };

    @Test
    void fittedBakeFollowsTheKinkBetterUnderBothInterpolationsAndLeavesNodesAwayFromItExact() {
        LutBaker.Baked sampled = LutBaker.bake(KINK, "D65", SRGB, SIZE);
        LutBaker.Baked fitted = LutBaker.bake(KINK, "D65", SRGB, SIZE, LutBaker.Mode.FITTED);
        assertTrue(fitted.fit().flagged() > 0 && fitted.fit().rmsAfter() < fitted.fit().rmsBefore(),
                "the kink's cells are refitted: " + fitted.fit());
        for (LutInterpolation in : List.of(LutInterpolations.TETRAHEDRAL, LutInterpolations.TRILINEAR)) {
            double[] s = error(sampled.lut(), in);
            double[] f = error(fitted.lut(), in);
            // mean absolute error over points near the kink: the fit must cut it clearly, not by rounding
            assertTrue(f[0] < 0.7 * s[0], in.name() + ": fitted mean error " + f[0] + " vs sampled " + s[0]);
            assertTrue(f[1] <= s[1], in.name() + ": fitted max error " + f[1] + " vs sampled " + s[1]);
        }
        // nodes whose every neighbouring cell lies at least a cell's diagonal from the plane keep the model's value
        Lut3D a = sampled.lut().cube();
        Lut3D b = fitted.lut().cube();
        int kept = 0;
        double step = 1.0 / (SIZE - 1);
        for (int r = 0; r < SIZE; r++) {
            for (int g = 0; g < SIZE; g++) {
                for (int bl = 0; bl < SIZE; bl++) {
                    double plane = r * step + 0.7 * g * step + 0.4 * bl * step - 1.05;
                    if (Math.abs(plane) > 2.1 * 2 * step) { // 2.1: the plane normal's L1 norm, two cells away
                        kept++;
                        for (int c = 0; c < 3; c++) {
                            assertEquals(a.get(r, g, bl, c), b.get(r, g, bl, c), 0.0, "node " + r + "," + g + "," + bl);
                        }
                    }
                }
            }
        }
        assertTrue(kept > SIZE * SIZE * SIZE / 5, "enough nodes away from the kink to check: " + kept);
        // bounded and still rising along grey
        for (float v : b.table()) {
            assertTrue(v >= 0 && v <= 1, "node value " + v);
        }
        assertTrue(fitted.report().neutralMonotone(), fitted.report().summary());
    }

    @Test
    void aModelTheLatticeHoldsExactlyIsLeftAsSampled() {
        // linear in the codes: both interpolations reproduce it, so nothing is flagged and the cube is the sampled one
        ColourModel linear = new ColourModel() {
            @Override
            public double[] predict(double[] rgb, String illuminant) {
                double[] code = SRGB.fromRec709Linear(rgb);
                double[] out = new double[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    out[i] = 0.1 + 0.8 * code[i];
                }
                return out;
            }

            @Override
            public List<String> illuminants() {
                return List.of("D65");
            }
        };
        LutBaker.Baked fitted = LutBaker.bake(linear, "D65", SRGB, SIZE, LutBaker.Mode.FITTED);
        assertEquals(0, fitted.fit().flagged());
        assertEquals(LutBaker.bake(linear, "D65", SRGB, SIZE).lut().cube(), fitted.lut().cube());
        // too large a lattice for the fit's memory is refused, not run out of memory on
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> LutBaker.bake(linear, "D65", SRGB, LatticeFit.MAX_SIZE + 1, LutBaker.Mode.FITTED));
        assertTrue(big.getMessage().contains("at most 65 points"), big.getMessage());
    }

    @Test
    void aGreyDiagonalTheFitBentIsMadeToRiseAgainOnlyWhereTheSampledOneRose() {
        int n = 3;
        float[] sampled = Lut3D.identity(n).table();
        float[] fitted = sampled.clone();
        int mid = 3 * (1 + n + n * n); // node (1, 1, 1)
        fitted[mid] = 0.9f; // red still rises (0, 0.9, 1); green (0, -0.2, 1) falls
        fitted[mid + 1] = -0.2f;
        LatticeFit.greyNoLessMonotone(sampled, fitted, n);
        assertEquals(0.9f, fitted[mid], 0f, "a channel still rising is left alone");
        assertEquals(-0.1f, fitted[mid + 1], 1e-6f, "green (0, -0.2, 1) pooled to (-0.1, -0.1, 1)");
        assertEquals(-0.1f, fitted[1], 1e-6f);
        float[] falling = sampled.clone();
        falling[mid + 2] = -0.5f; // the sampled bake's own blue falls: the fit's blue is not touched
        float[] fit2 = falling.clone();
        LatticeFit.greyNoLessMonotone(falling, fit2, n);
        assertEquals(-0.5f, fit2[mid + 2], 0f);
    }

    /** Mean and max absolute error (all channels) of the lut against the kink at random points within 0.1 of its plane. */
    private static double[] error(ShapedLut lut, LutInterpolation in) {
        SplittableRandom rng = new SplittableRandom(24);
        double sum = 0;
        double max = 0;
        int n = 0;
        while (n < 20000) {
            double r = rng.nextDouble();
            double g = rng.nextDouble();
            double b = rng.nextDouble();
            if (Math.abs(r + 0.7 * g + 0.4 * b - 1.05) > 0.1) {
                continue;
            }
            float[] out = lut.apply((float) r, (float) g, (float) b, in);
            for (int c = 0; c < 3; c++) {
                double d = Math.abs(out[c] - kink(r, g, b, c));
                sum += d;
                max = Math.max(max, d);
            }
            n++;
        }
        return new double[] {sum / (3 * n), max};
    }
}
