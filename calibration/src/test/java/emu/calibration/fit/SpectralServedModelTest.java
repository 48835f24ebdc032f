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
        FittedModel other = Candidate.parse("matrix:illuminant=per").fit(train, 1, IlluminantFeatures.from(train));
        SpectralServedModel withSel = SpectralServedModel.fit(other, served.spectral(), train, IlluminantFeatures.from(train),
                SpectralModel.chartReflectances());
        var json = withSel.toJson(dir);
        assertEquals(SpectralServedModel.ADVANTAGE, json.get("advantage").asDouble());
        json.remove("advantage");
        FittedModel old = Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir);
        double[] x = truth("LED-V1").digital();
        assertArrayEquals(withSel.served(x, "LED-V1", SpectralServedModel.RESIDUAL), old.predict(x, "LED-V1"), 1e-12);
        assertTrue(old.serving("LED-V1").endsWith("+ 0.5 x the blend's residual"), old.serving("LED-V1"));
        json.put("advantage", "much");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir));
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
     * Session 15's rule: with grid selected the served light's synthetic fit and the synthetic blend are grid's, the
     * real blend is the selected model itself (no gain term) and the residual's share {@link
     * SpectralServedModel#GRID_RESIDUAL}; the model file names the fitter and round-trips. Fails if the old rule (the
     * root-polynomial fits with their two shares) still served a grid-selected model.
     */
    @Test
    void aGridSelectedModelServesAnUnseenLightFromGridFits(@TempDir Path dir) throws Exception {
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        FittedModel grid = Candidate.parse(SpectralServedModel.GRID).fit(train, 1, lights);
        SpectralServedModel now = SpectralServedModel.fit(grid, served.spectral(), train, lights,
                SpectralModel.chartReflectances());
        SpectralServedModel before = SpectralServedModel.fit(grid, served.spectral(), train, lights,
                SpectralModel.chartReflectances(), SpectralServedModel.SPEC, SpectralServedModel.RESIDUAL,
                SpectralServedModel.ADVANTAGE);
        double[] x = truth("LED-V1").digital();
        assertTrue(now.blend() == grid, "the selected grid is the real blend, not fitted again");
        assertArrayEquals(now.served(x, "LED-V1", SpectralServedModel.GRID_RESIDUAL, 0), now.predict(x, "LED-V1"), 1e-12);
        double moved = 0;
        double[] a = now.predict(x, "LED-V1");
        double[] b = before.predict(x, "LED-V1");
        for (int i = 0; i < a.length; i++) {
            moved = Math.max(moved, Math.abs(a[i] - b[i]));
        }
        assertTrue(moved > 1e-4, "grid's fits serve LED-V1 otherwise than the root-polynomial rule: " + moved);
        assertArrayEquals(grid.predict(x, "D65"), now.predict(x, "D65"), "a trained light is the selected model's");
        assertTrue(now.serving("LED-V1").contains("+ " + SpectralServedModel.GRID_RESIDUAL + " x the blend's residual ("
                + SpectralServedModel.GRID + " fits)"), now.serving("LED-V1"));
        var json = now.toJson(dir);
        assertEquals(SpectralServedModel.GRID, json.get("spec").asText());
        assertEquals("selected", json.get("blend").asText(), "the selected model is not written twice");
        FittedModel back = Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir);
        for (String light : List.of("D65", "LED-V1", "D55")) {
            double[] y = truth(light).digital();
            assertArrayEquals(now.predict(y, light), back.predict(y, light), light);
        }
    }

    /**
     * A grid-selected model file written before session 15 (the root-polynomial fits, no {@code spec} field) loads and
     * serves as written: the root-polynomial rule with its stored shares, not grid's.
     */
    @Test
    void aGridSelectedModelFileFromBeforeServesAsWritten(@TempDir Path dir) throws Exception {
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        FittedModel grid = Candidate.parse(SpectralServedModel.GRID).fit(train, 1, lights);
        SpectralServedModel before = SpectralServedModel.fit(grid, served.spectral(), train, lights,
                SpectralModel.chartReflectances(), SpectralServedModel.SPEC, SpectralServedModel.RESIDUAL,
                SpectralServedModel.ADVANTAGE);
        var json = before.toJson(dir);
        assertEquals(SpectralServedModel.SPEC, json.get("spec").asText());
        json.remove("spec");
        FittedModel old = Models.fromJson(Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(json)), dir);
        double[] x = truth("LED-V1").digital();
        assertArrayEquals(before.predict(x, "LED-V1"), old.predict(x, "LED-V1"), 1e-12);
        assertTrue(old.serving("LED-V1").endsWith("+ 0.5 x the blend's residual + 0.5 x the selected model's gain over"
                + " the blend"), old.serving("LED-V1"));
    }
}
