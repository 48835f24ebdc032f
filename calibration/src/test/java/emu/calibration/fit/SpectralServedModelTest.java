package emu.calibration.fit;

import emu.calibration.io.Json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralModelTest;
import emu.calibration.spectral.SpectralOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spectral serving ({@code station fit --unseen spectral}) on pairs from a known camera and film
 * ({@link SpectralModelTest}'s: Gaussian sensitivities, a logistic film curve, the real chart reflectances and SPDs):
 * an untrained light with a known SPD is served closer to the truth than by the blend; trained lights are the
 * selected model's; the model directory round trip predicts identically.
 */
class SpectralServedModelTest {
    static PairSet train;
    static SpectralServedModel served;

    @BeforeAll
    static void fit() {
        train = SpectralModelTest.pairs(SpectralModelTest.TRAINED);
        SpectralModel sf = SpectralModel.fit(train, SpectralModel.chartReflectances(), SpectralOptions.defaults());
        served = SpectralServedModel.fit(null, sf, train, IlluminantFeatures.from(train), SpectralModel.chartReflectances());
    }

    static PairSet truth(String light) {
        List<Pair> out = new ArrayList<>();
        for (Pair p : train.filter(q -> q.illuminant().equals("D65"))) {
            out.add(SpectralModelTest.truth(light, p.ev(), p.patch()));
        }
        return new PairSet(out);
    }

    static double mean(PairSet ps, double[] pred) {
        return Arrays.stream(Evaluation.deltaE(ps, pred)).average().orElseThrow();
    }

    @Test
    void anUntrainedLightIsServedCloserToTheTruthThanByTheBlend() {
        for (String light : List.of("LED-V1", "4000K")) {
            PairSet t = truth(light);
            double[] s = served.predict(t.digital(), light);
            double[] b = served.blend().predict(t.digital(), light);
            double spectral = mean(t, s);
            double blend = mean(t, b);
            assertTrue(spectral < blend, light + ": served " + spectral + " vs blend " + blend);
            assertTrue(served.serving(light).contains("spectral model of camera and film from the light's SPD + 0.5"),
                    served.serving(light));
            assertEquals(new Serving(Serving.Kind.SPECTRAL, List.of(), served.serving(light)), served.servingOf(light));
        }
        PairSet d65 = truth("D65");
        assertArrayEquals(served.blend().predict(d65.digital(), "D65"), served.predict(d65.digital(), "D65"),
                "a trained light is the selected model's (here the blend)");
        assertEquals("D65: trained", served.serving("D65"));
        assertEquals(Serving.Kind.TRAINED, served.servingOf("D65").kind());
    }

    @Test
    void theModelDirectoryRoundTripPredictsIdentically(@TempDir Path dir) throws Exception {
        String text = Json.MAPPER.writeValueAsString(served.toJson(dir));
        FittedModel back = Models.fromJson(Json.MAPPER.readTree(text), dir);
        assertTrue(back instanceof SpectralServedModel, back.getClass().getName());
        for (String light : List.of("D65", "A", "LED-V1", "D55")) {
            PairSet t = truth(light);
            assertArrayEquals(served.predict(t.digital(), light), back.predict(t.digital(), light), light);
            assertEquals(served.serving(light), back.serving(light));
        }
        assertEquals(served.illuminants(), back.illuminants());
    }

    /**
     * Session 8's rule: a served light gets {@link SpectralServedModel#ADVANTAGE} x the selected model's gain over the
     * blend at that light, on top of spec + 0.5 x the blend's residual; with the blend as the selected model (the SPEC
     * candidate, most stocks) nothing changes.
     */
    @Test
    void aServedLightCarriesTheSelectedModelsGainOverTheBlend() {
        FittedModel other = Candidate.parse("matrix:illuminant=per").fit(train, 1, IlluminantFeatures.from(train));
        SpectralServedModel withSel = SpectralServedModel.fit(other, served.spectral(), train, IlluminantFeatures.from(train),
                SpectralModel.chartReflectances());
        PairSet t = truth("LED-V1");
        double[] x = t.digital();
        double[] base = withSel.served(x, "LED-V1", SpectralServedModel.RESIDUAL);
        double[] sel = other.predict(x, "LED-V1");
        double[] blend = withSel.blend().predict(x, "LED-V1");
        double[] expected = new double[x.length];
        double moved = 0;
        for (int i = 0; i < x.length; i++) {
            expected[i] = base[i] + SpectralServedModel.ADVANTAGE * (sel[i] - blend[i]);
            moved = Math.max(moved, Math.abs(expected[i] - base[i]));
        }
        assertTrue(moved > 1e-4, "the matrix selected model differs from the root-polynomial blend at LED-V1: " + moved);
        assertArrayEquals(expected, withSel.predict(x, "LED-V1"), 1e-12);
        assertTrue(withSel.serving("LED-V1").contains(SpectralServedModel.ADVANTAGE + " x the selected model's gain over the blend"),
                withSel.serving("LED-V1"));
        assertArrayEquals(served.served(x, "LED-V1", SpectralServedModel.RESIDUAL), served.predict(x, "LED-V1"),
                "the blend as the selected model: spec + 0.5 x the residual, as in session 7");
        assertArrayEquals(other.predict(x, "D65"), withSel.predict(x, "D65"), "a trained light is the selected model's");
    }

    /** A model file written before session 8 (no {@code advantage}) loads and serves as it was written (share 0). */
    @Test
    void aSessionSevenModelFileServesAsWritten(@TempDir Path dir) throws Exception {
        SpectralServedModel withSel = servingAMatrix();
        var json = without(withSel, dir, "advantage", String.valueOf(SpectralServedModel.ADVANTAGE));
        FittedModel old = load(json, dir);
        double[] x = truth("LED-V1").digital();
        assertArrayEquals(withSel.served(x, "LED-V1", SpectralServedModel.RESIDUAL), old.predict(x, "LED-V1"), 1e-12);
        assertTrue(old.serving("LED-V1").endsWith("+ 0.5 x the blend's residual"), old.serving("LED-V1"));
        json.put("advantage", "much");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> load(json, dir));
        assertTrue(e.getMessage().contains("'advantage'"), e.getMessage());
    }

    /** Under the clip gate the clip zone is refitted from the selected model, here a stack, not from the wrapper. */
    @Test
    void theClipGateRefitsTheSelectedStack() {
        PairSet colour = train.filter(p -> Arrays.stream(p.digital()).max().orElseThrow() < 0.9);
        assertTrue(DigitalClip.estimate(colour).rebuilding() != null, "the pairs place a clip");
        FittedModel stack = new StackModel("stack(" + SpectralServedModel.SPEC + "+" + SpectralServedModel.SPEC + ")",
                List.of(served.blend(), served.blend()), new double[] {0.5, 0.5});
        SpectralServedModel wrapped = SpectralServedModel.fit(stack, served.spectral(), colour, IlluminantFeatures.from(colour),
                SpectralModel.chartReflectances());
        FittedModel gated = ClipGateModel.of(wrapped, colour, train, 1, (m, p) -> m);
        assertTrue(gated instanceof ClipGateModel, gated.getClass().getName());
        assertTrue(gated.serving("LED-V1").contains("spectral model"), gated.serving("LED-V1"));
    }

    /**
     * Session 15: the serving's per-light fitter is stored in the model file (the bench fits it with others), and
     * serves as written; fails if the file did not name it (it would be rebuilt with {@link SpectralServedModel#SPEC}).
     */
    @Test
    void anotherPerLightFitterIsStoredAndServesAsWritten(@TempDir Path dir) throws Exception {
        String rp2 = "root-polynomial:degree=2:illuminant=per";
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        SpectralServedModel other = SpectralServedModel.fit(null, served.spectral(), train, lights,
                SpectralModel.chartReflectances(), rp2, SpectralServedModel.RESIDUAL, 0);
        var json = other.toJson(dir);
        assertEquals(rp2, json.get("spec").asText());
        FittedModel back = Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir);
        double[] x = truth("LED-V1").digital();
        double[] a = other.predict(x, "LED-V1");
        double[] b = served.predict(x, "LED-V1");
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - b[i]));
        }
        assertTrue(moved > 1e-4, "degree 2 serves LED-V1 otherwise than degree 3: " + moved);
        assertArrayEquals(a, back.predict(x, "LED-V1"), 1e-12);
        assertTrue(back.serving("LED-V1").contains("(" + rp2 + " fits)"), back.serving("LED-V1"));
    }

    /** A model file written before session 15 (no {@code spec}) is served with {@link SpectralServedModel#SPEC}. */
    @Test
    void aModelFileWithoutItsFitterServesAsBefore(@TempDir Path dir) throws Exception {
        SpectralServedModel withSel = servingAMatrix();
        FittedModel old = load(without(withSel, dir, "spec", SpectralServedModel.SPEC), dir);
        double[] x = truth("LED-V1").digital();
        assertArrayEquals(withSel.predict(x, "LED-V1"), old.predict(x, "LED-V1"), 1e-12);
        assertEquals(withSel.serving("LED-V1"), old.serving("LED-V1"));
    }

    /** The spectral serving around a selected model that is not its own fitter (a per-light matrix). */
    private SpectralServedModel servingAMatrix() {
        FittedModel other = Candidate.parse("matrix:illuminant=per").fit(train, 1, IlluminantFeatures.from(train));
        return SpectralServedModel.fit(other, served.spectral(), train, IlluminantFeatures.from(train),
                SpectralModel.chartReflectances());
    }

    /** {@code m}'s model file with {@code field} (written as {@code expected}) taken out, as before it existed. */
    private static com.fasterxml.jackson.databind.node.ObjectNode without(SpectralServedModel m, Path dir, String field,
                                                                         String expected) throws Exception {
        var json = m.toJson(dir);
        assertEquals(expected, json.get(field).asText());
        json.remove(field);
        return json;
    }

    /** A model file read back as the station reads one. */
    private static FittedModel load(com.fasterxml.jackson.databind.JsonNode json, Path dir) throws Exception {
        return Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir);
    }
}
