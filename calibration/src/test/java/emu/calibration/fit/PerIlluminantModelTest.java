package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Illuminants;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerIlluminantModelTest {

    @Test
    void unseenLightsAreServedByTheirSpectralFamily() {
        assertEquals("fluorescent", PerIlluminantModel.family("FL4"));
        assertEquals("fluorescent", PerIlluminantModel.family("f11"));
        assertEquals("led", PerIlluminantModel.family("LED-B1"));
        assertEquals("broadband", PerIlluminantModel.family("4000K"));
        assertEquals("broadband", PerIlluminantModel.family("D50"));
        assertEquals("broadband", PerIlluminantModel.family("A"));
        assertEquals("", PerIlluminantModel.family("sodium"));
        // Continuous-spectrum lamps behave like broadband sources, not like their namesakes.
        assertEquals("broadband", PerIlluminantModel.family("FL7"));
        assertEquals("broadband", PerIlluminantModel.family("F8"));
        assertEquals("broadband", PerIlluminantModel.family("LED-V2"));
        assertEquals("fluorescent", PerIlluminantModel.family("FL10"));
        assertEquals("led", PerIlluminantModel.family("LED-BH1"));

        PerIlluminantModel m = (PerIlluminantModel) Candidate.parse("root-polynomial:degree=1:illuminant=per")
                .fit(FittersTest.TRAIN, 1, IlluminantFeatures.from(FittersTest.TRAIN));
        // 4000 K has FL11's chromaticity, but is a broadband source: A and D65 serve it, blended.
        assertEquals(Set.of("A", "D65"), Set.copyOf(m.nearest("4000K")));
        assertEquals(List.of("FL11"), m.nearest("FL4"));
        assertEquals(List.of("D65"), m.nearest("FL7")); // FL7 has D65's chromaticity
        double[] probe = {0.18, 0.18, 0.18, 0.4, 0.2, 0.1};
        assertArrayEquals(m.predict(probe, "FL11"), m.predict(probe, "FL4"), 0);
        // LED-B1's family is not trained: its two nearest lights of any family are blended, never pooled.
        assertTrue(m.serving("LED-B1").contains("inverse-distance blend"), m.serving("LED-B1"));
    }

    static final String SPEC = "root-polynomial:degree=1:illuminant=per";
    static final double[] PROBE = {0.18, 0.18, 0.18, 0.4, 0.2, 0.1, 0.02, 0.05, 0.3};

    @Test
    void anInBetweenLightIsFittedOnItsFamilyNeighboursPairsTogether() {
        PairSet train = FittersTest.TRAIN;
        PerIlluminantModel m = (PerIlluminantModel) Candidate.parse(SPEC).fit(train, 7, IlluminantFeatures.from(train));
        List<String> near = m.nearest("4000K");
        assertEquals(Set.of("A", "D65"), Set.copyOf(near));
        double[] u = Illuminants.uv1960(Illuminants.xy("4000K").orElseThrow());
        double[] w = new double[2];
        for (int j = 0; j < 2; j++) {
            double[] o = Illuminants.uv1960(Illuminants.xy(near.get(j)).orElseThrow());
            w[j] = 1 / Math.hypot(o[0] - u[0], o[1] - u[1]);
        }
        assertTrue(w[0] >= w[1], "nearer light first");
        int times = NeighbourPool.repeats(w[0], w[1]);
        // The expected model, built here by hand: the nearer light's pairs `times` times, the other's once.
        List<Pair> pooled = new ArrayList<>();
        for (int r = 0; r <= times; r++) {
            String light = r < times ? near.get(0) : near.get(1);
            for (Pair p : train.filter(q -> q.illuminant().equals(light))) {
                pooled.add(new Pair(p.frame(), p.roll(), "x", p.ev(), p.patch(), p.digitalR(), p.digitalG(), p.digitalB(),
                        p.filmR(), p.filmG(), p.filmB()));
            }
        }
        double[] expected = Candidate.parse(SPEC).fitOneLight(new PairSet(pooled), 7).predict(PROBE, "x");
        assertArrayEquals(expected, m.predict(PROBE, "4000K"), 1e-12);
        assertTrue(m.serving("4000K").contains("one model fitted on the pairs of " + near.get(0)), m.serving("4000K"));
        // ... which is not the former blend of the two lights' predictions.
        double[] a = m.predict(PROBE, near.get(0));
        double[] d = m.predict(PROBE, near.get(1));
        double gap = 0;
        for (int i = 0; i < PROBE.length; i++) {
            gap = Math.max(gap, Math.abs(expected[i] - (w[0] * a[i] + w[1] * d[i]) / (w[0] + w[1])));
        }
        assertTrue(gap > 1e-6, "pooled fit equals the blend: " + gap);
        // Repeats: round(w_near / w_far), at least 1, at most 3.
        assertEquals(1, NeighbourPool.repeats(1, 1));
        assertEquals(2, NeighbourPool.repeats(1.6, 1));
        assertEquals(3, NeighbourPool.repeats(50, 1));
    }

    @Test
    void thePairsTravelWithTheModelAndOlderModelsStillBlend(@TempDir Path dir) throws Exception {
        PairSet train = FittersTest.TRAIN;
        FittedModel m = Candidate.parse(SPEC).fit(train, 7, IlluminantFeatures.from(train));
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", SPEC, "now", "dev", 7, "sha", train.size(),
                "linear", "srgb", java.util.Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir.resolve("m"), m, meta, null);
        assertTrue(Files.isRegularFile(dir.resolve("m").resolve(NeighbourPool.FILE)));
        FittedModel back = ModelDirectory.load(dir.resolve("m")).model();
        assertArrayEquals(m.predict(PROBE, "4000K"), back.predict(PROBE, "4000K"), 1e-12);
        assertEquals(m.serving("4000K"), back.serving("4000K"));

        // A model directory written before the pairs were kept: no "pairs" key, the blend serves.
        Path json = dir.resolve("m").resolve(ModelDirectory.MODEL_FILE);
        ObjectNode root = (ObjectNode) Json.MAPPER.readTree(json.toFile());
        ((ObjectNode) root.get("model")).remove("pairs");
        Files.writeString(json, Json.MAPPER.writeValueAsString(root));
        Files.delete(dir.resolve("m").resolve(NeighbourPool.FILE));
        FittedModel old = ModelDirectory.load(dir.resolve("m")).model();
        assertTrue(old.serving("4000K").contains("inverse-distance blend"), old.serving("4000K"));
        double[] blend = old.predict(PROBE, "4000K");
        double[] a = old.predict(PROBE, "A");
        double[] d = old.predict(PROBE, "D65");
        for (int i = 0; i < blend.length; i++) {
            double lo = Math.min(a[i], d[i]);
            double hi = Math.max(a[i], d[i]);
            assertTrue(blend[i] >= lo - 1e-12 && blend[i] <= hi + 1e-12, "blend between A and D65 at " + i);
        }
        assertFalse(java.util.Arrays.equals(blend, m.predict(PROBE, "4000K")));
    }
}
