package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrained lights of a per-light model served from a model shared across lights (issue 24, session 6). */
class SharedPartTest {

    private static final PairSet TRAIN = FittersTest.TRAIN; // D65, A, FL11 on the synthetic film
    private static final IlluminantFeatures LIGHTS = IlluminantFeatures.from(TRAIN);
    private static final double[] PROBE = {0.18, 0.18, 0.18, 0.4, 0.2, 0.1, 0.02, 0.05, 0.3};

    @Test
    void trainedLightsKeepTheirOwnModelAndUntrainedOnesMoveLinearlyWithTheShrink() {
        FittedModel plain = Candidate.parse("root-polynomial:degree=2:illuminant=per").fit(TRAIN, 1, LIGHTS);
        FittedModel s0 = Candidate.parse("root-polynomial:degree=2:illuminant=per:unseen-shrink=0").fit(TRAIN, 1, LIGHTS);
        FittedModel s1 = Candidate.parse("root-polynomial:degree=2:illuminant=per:unseen-shrink=1").fit(TRAIN, 1, LIGHTS);
        FittedModel half = Candidate.parse("root-polynomial:degree=2:illuminant=per:unseen-shrink=0.5")
                .fit(TRAIN, 1, LIGHTS);
        FittedModel shared = Candidate.parse("root-polynomial:degree=2").fit(TRAIN, 1, LIGHTS);
        for (String l : TRAIN.illuminants()) {
            assertArrayEquals(plain.predict(PROBE, l), half.predict(PROBE, l), 0, l);
        }
        // Shrink 0: the shared model alone; 0.5: half-way to shrink 1 (no value near the clamp here).
        assertArrayEquals(shared.predict(PROBE, "4000K"), s0.predict(PROBE, "4000K"), 1e-12);
        double[] a = s0.predict(PROBE, "4000K");
        double[] b = s1.predict(PROBE, "4000K");
        double[] h = half.predict(PROBE, "4000K");
        for (int i = 0; i < h.length; i++) {
            assertTrue(b[i] > 0 && b[i] < 1, "probe away from the clamp at " + i);
            assertEquals((a[i] + b[i]) / 2, h[i], 1e-12);
        }
        // Shrink 1 with one neighbour: that light's model moved by the shared model's change of light.
        double[] fl11 = plain.predict(PROBE, "FL11");
        double[] moved = s1.predict(PROBE, "FL4");
        double[] d4 = shared.predict(PROBE, "FL4");
        double[] d11 = shared.predict(PROBE, "FL11");
        for (int i = 0; i < moved.length; i++) {
            assertEquals(Math.max(0, Math.min(1, fl11[i] + d4[i] - d11[i])), moved[i], 1e-12);
        }
        assertTrue(s1.serving("FL4").contains("shared across lights"), s1.serving("FL4"));
        assertTrue(plain.serving("FL4").contains("served by FL11"), plain.serving("FL4"));
        // structured for the station's export rows: the kind and the trained lights standing in
        assertEquals(Serving.Kind.SHARED, s1.servingOf("FL4").kind());
        assertEquals(s1.servingOf("FL4").lights(), plain.servingOf("FL4").lights());
        assertEquals(new Serving(Serving.Kind.BLEND, java.util.List.of("FL11"), plain.serving("FL4")), plain.servingOf("FL4"));
    }

    @Test
    void leaveOneLightOutRefitsTheSharedPartWithoutTheLeftOutLight() {
        Candidate cand = Candidate.parse("root-polynomial:degree=2:illuminant=per:unseen-shrink=0.5");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            PerIlluminantModel full = LeaveOneLightOut.fitPerLight(pool, cand, TRAIN, 5, LIGHTS);
            assertTrue(full.hasShared());
            Stacking.Held held = LeaveOneLightOut.held(full, cand, TRAIN, TRAIN.illuminants(), 5, LIGHTS);
            FittedModel sharedOnAll = Candidate.parse("root-polynomial:degree=2").fit(TRAIN, 5, LIGHTS);
            int row = 0;
            double diff = 0;
            for (String l : TRAIN.illuminants()) {
                PairSet out = TRAIN.filter(p -> p.illuminant().equals(l));
                double[] refit = Evaluation.predict(cand.fit(TRAIN.filter(p -> !p.illuminant().equals(l)), 5, LIGHTS), out);
                double[] leaky = Evaluation.predict(full.without(l).withShared(() -> sharedOnAll, 0.5), out);
                for (int i = 0; i < out.size(); i++, row++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(refit[3 * i + c], held.predicted()[3 * row + c], 1e-12);
                        diff += Math.abs(leaky[3 * i + c] - held.predicted()[3 * row + c]);
                    }
                }
            }
            assertEquals(TRAIN.size(), row);
            // A shared part fitted on every light (the left-out one included) would predict differently.
            assertTrue(diff > 1e-3, "leave-one-light-out must not see the left-out light through the shared part");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSharedPartRoundTripsThroughAModelDirectory(@TempDir Path dir) throws Exception {
        FittedModel m = Candidate.parse("root-polynomial:degree=2:illuminant=per:unseen-shared=root-polynomial/degree=2"
                + "/illuminant=per:unseen-shrink=0.75").fit(TRAIN, 1, LIGHTS);
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", m.spec(), "now", "dev", 1, "sha", TRAIN.size(),
                "linear", "srgb", Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir.resolve("m"), m, meta, null);
        FittedModel back = ModelDirectory.load(dir.resolve("m")).model();
        for (String l : new String[] {"D65", "A", "4000K", "FL4", "D55"}) {
            assertArrayEquals(m.predict(PROBE, l), back.predict(PROBE, l), 1e-12, l);
        }
        assertEquals(m.serving("D55"), back.serving("D55"));
    }

    @Test
    void badSharedPartSettingsAreRefusedNamingTheCandidate() {
        for (String bad : new String[] {"root-polynomial:degree=2:unseen-shrink=0.5",
                "root-polynomial:degree=2:illuminant=per:unseen-shrink=1.5",
                "root-polynomial:degree=2:illuminant=per:unseen-shrink=lots",
                "root-polynomial:degree=2:illuminant=per:unseen-shared=nosuch/degree=2"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Candidate.parse(bad), bad);
            assertTrue(e.getMessage().contains("unseen") || e.getMessage().contains("nosuch"), e.getMessage());
        }
    }
}
