package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacking weights (convex, cross-fitted) and the stack model's round trip through a model directory. */
class StackingTest {

    @Test
    void weightsRecoverAConvexBlendAndDropAMemberThatOnlyHurts() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        double[] a = new double[3 * n];
        double[] b = new double[3 * n];
        double[] bad = new double[3 * n];
        double[] y = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            a[i] = r.nextDouble();
            b[i] = r.nextDouble();
            bad[i] = r.nextDouble();
            y[i] = 0.3 * a[i] + 0.7 * b[i];
        }
        double[] w = Stacking.weights(List.of(a, b, bad), y, null);
        assertArrayEquals(new double[] {0.3, 0.7, 0}, w, 1e-6);
        // Anti-correlated with the target: an unconstrained fit would give it a negative weight.
        double[] anti = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            anti[i] = 1 - y[i];
        }
        double[] w2 = Stacking.weights(List.of(a, anti), y, null);
        assertTrue(w2[0] >= 0 && w2[1] >= 0, java.util.Arrays.toString(w2));
        assertEquals(1, w2[0] + w2[1], 1e-12);
        int[] split = new int[n];
        for (int i = 0; i < n; i++) {
            split[i] = i % 4;
        }
        double[] cf = Stacking.crossFitted(List.of(a, b), y, split);
        assertArrayEquals(y, cf, 1e-6);
    }

    @Test
    void aStackRoundTripsThroughAModelDirectory(@TempDir Path dir) throws Exception {
        PairSet train = FittersTest.TRAIN;
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        FittedModel m1 = Candidate.parse("tps:centres=16:illuminant=per").fit(train, 1, lights);
        FittedModel m2 = Candidate.parse("root-polynomial:degree=2").fit(train, 1, lights);
        StackModel stack = new StackModel(StackModel.specOf(List.of(m1.spec(), m2.spec())), List.of(m1, m2),
                new double[] {0.25, 0.75});
        double[] probe = {0.18, 0.18, 0.18, 0.5, 0.1, 0.02, -0.01, 0.3, 2.0};
        double[] p1 = m1.predict(probe, "A");
        double[] p2 = m2.predict(probe, "A");
        double[] blend = stack.predict(probe, "A");
        for (int i = 0; i < probe.length; i++) {
            assertEquals(0.25 * p1[i] + 0.75 * p2[i], blend[i], 1e-12);
        }
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", stack.spec(), "now", "dev", 1, "sha", train.size(),
                "linear", "srgb", java.util.Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir.resolve("m"), stack, meta, null);
        ModelDirectory back = ModelDirectory.load(dir.resolve("m"));
        assertArrayEquals(blend, back.model().predict(probe, "A"), 1e-12);
        assertArrayEquals(stack.predict(probe, "3200K"), back.model().predict(probe, "3200K"), 1e-12);
        assertTrue(back.model().serving("3200K").contains("0.25 x"), back.model().serving("3200K"));
        assertEquals(stack.servingOf("3200K"), back.model().servingOf("3200K"));
        assertEquals(Serving.Kind.TRAINED, back.model().servingOf("A").kind(), "every member trained on A");
    }
}
