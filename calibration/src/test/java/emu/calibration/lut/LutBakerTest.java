package emu.calibration.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Baking with {@link AnalyticModel} (a closed-form stand-in for a fitted model, see its doc). */
class LutBakerTest {
    private final AnalyticModel model = new AnalyticModel();

    @Test
    void latticeHoldsTheModelAtTheDecodedCodeValues() {
        for (String name : List.of("srgb", "acescct", "logc3")) {
            InputEncoding enc = InputEncoding.get(name);
            Lut3D cube = LutBaker.bake(model, "D65", enc, 9).lut().cube();
            int[][] points = {{0, 0, 0}, {8, 8, 8}, {2, 5, 7}, {6, 1, 3}};
            for (int[] p : points) {
                double[] code = {p[0] / 8.0, p[1] / 8.0, p[2] / 8.0};
                double[] film = model.predict(enc.toRec709Linear(code), "D65");
                for (int c = 0; c < 3; c++) {
                    double expected = Math.max(0, Math.min(1, film[c]));
                    assertEquals(expected, cube.get(p[0], p[1], p[2], c), 1e-6, name + " at " + java.util.Arrays.toString(p));
                }
            }
        }
    }

    @Test
    void linearInputLutFollowsTheModelThroughTheShaper() {
        LutBaker.Baked baked = LutBaker.bake(model, "D65", InputEncoding.get("linear"), 33);
        assertTrue(baked.lut().shaper().isPresent(), "linear input carries the log shaper");
        double worst = 0;
        for (double grey : new double[] {0.002, 0.01, 0.05, 0.18, 0.7, 2.5, 9}) {
            double[] rgb = {grey * 1.3, grey, grey * 0.6};
            double[] film = model.predict(rgb, "D65");
            float[] lut = baked.lut().apply((float) rgb[0], (float) rgb[1], (float) rgb[2], LutInterpolations.TETRAHEDRAL);
            for (int c = 0; c < 3; c++) {
                worst = Math.max(worst, Math.abs(Math.min(1, film[c]) - lut[c]));
            }
        }
        assertTrue(worst < 0.01, "largest error " + worst);
    }

    @Test
    void oneLutPerIlluminant() {
        Lut3D d65 = LutBaker.bake(model, "D65", InputEncoding.get("srgb"), 5).lut().cube();
        Lut3D a = LutBaker.bake(model, "A", InputEncoding.get("srgb"), 5).lut().cube();
        assertTrue(a.get(2, 2, 2, 0) > d65.get(2, 2, 2, 0), "the A scan is warmer");
        assertThrows(IllegalArgumentException.class, () -> LutBaker.bake(model, "F11", InputEncoding.get("srgb"), 5));
    }

    @Test
    void wildExtrapolationIsClampedAndReported() {
        ColourModel wild = perValue(x -> x > 0.5 ? 1e6 * x : x < 0.01 ? Double.NEGATIVE_INFINITY : x);
        LutBaker.Baked baked = LutBaker.bake(wild, "D65", InputEncoding.get("acescct"), 17);
        for (float v : baked.lut().cube().table()) {
            assertTrue(v >= 0 && v <= 1, "value " + v);
        }
        BakeReport r = baked.report();
        assertTrue(r.clampedValues() > 0 && r.clampedValues() < r.totalValues(), r.summary());
        assertEquals(3L * 17 * 17 * 17, r.totalValues());
        assertTrue(r.summary().contains("clamped"), r.summary());
    }

    @Test
    void reportMeasuresCurvatureAndNeutralMonotonicity() {
        // film = sRGB encoding of the light: the srgb-input LUT is the identity, so no curvature
        ColourModel identity = perValue(x -> InputEncoding.get("srgb").transfer().encode(x));
        BakeReport flat = LutBaker.bake(identity, "D65", InputEncoding.get("srgb"), 17).report();
        for (double d : flat.maxSecondDifference()) {
            assertEquals(0, d, 1e-6);
        }
        assertTrue(flat.neutralMonotone());
        // a model that gets darker with more light on grey
        ColourModel inverted = perValue(x -> 1 - Math.min(1, x));
        BakeReport bad = LutBaker.bake(inverted, "D65", InputEncoding.get("srgb"), 17).report();
        assertFalse(bad.neutralMonotone());
        assertTrue(bad.summary().contains("NOT monotone"), bad.summary());
        // a kink along green only (18 points: the kink falls between lattice points)
        ColourModel kink = new ColourModel() {
            @Override
            public double[] predict(double[] rgb, String illuminant) {
                double[] out = InputEncoding.get("srgb").transfer().encode(rgb);
                for (int i = 1; i < out.length; i += 3) {
                    out[i] = Math.abs(out[i] - 0.5);
                }
                return out;
            }

            @Override
            public List<String> illuminants() {
                return List.of("D65");
            }
        };
        double[] d = LutBaker.bake(kink, "D65", InputEncoding.get("srgb"), 18).report().maxSecondDifference();
        assertTrue(d[1] > 10 * Math.max(d[0], d[2]), java.util.Arrays.toString(d));
    }

    @Test
    void nanFromTheModelIsAnErrorNamingThePoint() {
        ColourModel nan = perValue(x -> x > 0.9 ? Double.NaN : x);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LutBaker.bake(nan, "D65", InputEncoding.get("srgb"), 5));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("lattice point (4, "), e.getMessage());
    }

    @Test
    void badSizesAndShortAnswersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LutBaker.bake(model, "D65", InputEncoding.get("srgb"), 1));
        assertThrows(IllegalArgumentException.class, () -> LutBaker.bake(model, "D65", InputEncoding.get("srgb"), 257));
        ColourModel shortAnswer = new ColourModel() {
            @Override
            public double[] predict(double[] rgb, String illuminant) {
                return new double[3];
            }

            @Override
            public List<String> illuminants() {
                return List.of("D65");
            }
        };
        assertThrows(IllegalStateException.class, () -> LutBaker.bake(shortAnswer, "D65", InputEncoding.get("srgb"), 3));
    }

    @Test
    void predictIsCalledOnceForA65Lattice() {
        int[] calls = {0};
        ColourModel counting = new ColourModel() {
            @Override
            public double[] predict(double[] rgb, String illuminant) {
                calls[0]++;
                return model.predict(rgb, illuminant);
            }

            @Override
            public List<String> illuminants() {
                return model.illuminants();
            }
        };
        LutBaker.bake(counting, "D65", InputEncoding.get("acescct"), 65);
        assertEquals(1, calls[0]);
    }

    @Test
    void linearShaperIsLogAboveTheToeAndInvertible() {
        assertEquals(0, LinearShaper.code(LinearShaper.MIN), 1e-12);
        assertEquals(1, LinearShaper.code(LinearShaper.MAX), 1e-12);
        for (double c = 0; c <= 1; c += 0.05) {
            assertEquals(c, LinearShaper.code(LinearShaper.linear(c)), 1e-9);
        }
        // one stop is the same step anywhere above the toe
        double stop1 = LinearShaper.code(0.36) - LinearShaper.code(0.18);
        double stop2 = LinearShaper.code(0.045) - LinearShaper.code(0.0225);
        assertEquals(stop1, stop2, stop1 * 0.01);
        assertTrue(LinearShaper.code(0) > 0, "zero sits above the bottom of the range, negatives keep their order");
    }

    /** A model applying {@code f} to each value (an illuminant-free stand-in). */
    private static ColourModel perValue(DoubleUnaryOperator f) {
        return new ColourModel() {
            @Override
            public double[] predict(double[] rgb, String illuminant) {
                double[] out = new double[rgb.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = f.applyAsDouble(rgb[i]);
                }
                return out;
            }

            @Override
            public List<String> illuminants() {
                return List.of("D65");
            }
        };
    }
}
