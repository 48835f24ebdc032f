package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grid's and the thin-plate spline's smoothing chosen once per light ({@link Fitter#tune}, {@link Candidate#tuned})
 * and reused by the selection's folds: the same final model as choosing it inside the fit, the folds' fits with the
 * light's choice.
 */
class SmoothingTuningTest {

    private static final double[] EVS = {-3, -2, -1, 0, 1, 2, 3};
    private static final String SPEC = "grid:size=9:illuminant=per";
    private static final String TPS = "tps:centres=16:illuminant=per";
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {SPEC, TPS})
    void theTunedCandidatesFitOnAllPairsIsTheUntunedFitBitForBit(String spec) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65", "A"), EVS, 3);
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        Candidate plain = Candidate.parse(spec);
        Candidate tuned = plain.tuned(pool, train, 1);
        assertEquals(List.of("D65", "A"), new ArrayList<>(tuned.tunedPerLight().keySet()));
        for (Map<String, String> p : tuned.tunedPerLight().values()) {
            assertEquals(3, p.get(FitOptions.LOG_LAMBDAS).split("/").length, p.toString());
        }
        FittedModel a = plain.fit(train, 1, lights);
        FittedModel b = tuned.fit(train, 1, lights);
        PairSet test = SyntheticFilm.pairs(40, List.of("D65", "A"), new double[] {-5, 0.25, 5}, 8);
        for (String light : List.of("D65", "A")) {
            double[] d = test.filter(p -> p.illuminant().equals(light)).digital();
            assertArrayEquals(a.predict(d, light), b.predict(d, light), 0.0, light);
        }
        // Light i gets seed 1 + i in both: the same lambdas, written alike.
        PairSet a65 = train.filter(p -> p.illuminant().equals("A"));
        assertEquals(plain.fitOneLight("A", a65, 2).toJson(null).get("lambdas"),
                tuned.fitOneLight("A", a65, 2).toJson(null).get("lambdas"));
    }

    @ParameterizedTest
    @ValueSource(strings = {SPEC, TPS})
    void aFoldsFitUsesItsLightsChoiceInsteadOfChoosingAgain(String spec) throws Exception {
        PairSet train = SyntheticFilm.pairs(60, List.of("D65"), EVS, 5);
        Candidate tuned = Candidate.parse(spec).tuned(pool, train, 1);
        String chosen = tuned.tunedPerLight().get("D65").get(FitOptions.LOG_LAMBDAS);
        // A fold: 12 of the 60 patches held out.
        List<String> patches = train.patches();
        PairSet fold = train.filter(p -> patches.indexOf(p.patch()) >= 12);
        double[] lambdas = lambdas(tuned.fitOneLight("D65", fold, 7));
        String[] want = chosen.split("/");
        for (int c = 0; c < 3; c++) {
            assertEquals(Double.parseDouble(want[c]), lambdas[c], 0.0, chosen);
        }
        // An untuned light (none chosen for it, or a pooled fit: light null) cross-validates as before.
        assertArrayEquals(lambdas(Candidate.parse(spec).fitOneLight("D65", fold, 7)),
                lambdas(tuned.fitOneLight(null, fold, 7)), 0.0);
    }

    @Test
    void aFixedSmoothingIsNotTunedAndLogLambdasAreChecked() {
        PairSet train = SyntheticFilm.pairs(30, List.of("D65"), EVS, 5);
        Candidate fixed = Candidate.parse(SPEC + ":lambda=0.1");
        assertSame(fixed, fixed.tuned(pool, train, 1));
        Candidate given = Candidate.parse(SPEC + ":log-lambdas=0/-1/-2");
        assertSame(given, given.tuned(pool, train, 1));
        assertArrayEquals(new double[] {0, -1, -2}, lambdas(given.fitOneLight("D65", train, 1)), 0.0);
        for (String bad : List.of("log-lambdas=0/-1", "log-lambdas=0/x/1", "log-lambdas=0/NaN/1",
                "log-lambdas=0,-1,-1", "log-lambdas=0/0/0:lambda=0.1")) {
            for (String spec : List.of(SPEC, TPS)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Candidate.parse(spec + ":" + bad));
                assertTrue(e.getMessage().contains("log-lambdas") && e.getMessage().contains(spec), e.getMessage());
            }
        }
        // A conditional candidate is never tuned per light.
        Candidate tps = Candidate.parse("tps");
        assertSame(tps, tps.tuned(pool, train, 1));
    }

    @Test
    void theSelectionSaysWhatItChoseAndReusesItInItsFolds() {
        PairSet pairs = SyntheticFilm.pairs(30, List.of("D65", "A", "FL11"), new double[] {-2, 0, 2}, 4);
        List<String> progress = new ArrayList<>();
        List<String> specs = List.of("matrix:illuminant=per", SPEC);
        ModelSelection.Result r = ModelSelection.run(pairs, new ModelSelection.Settings(specs, 3, 11, 1, 1,
                progress::add));
        String line = progress.stream().filter(l -> l.contains("chosen once per light")).findFirst().orElseThrow();
        assertTrue(line.startsWith("[2/2] " + SPEC) && line.contains("D65 log-lambdas=")
                && line.contains("FL11 log-lambdas="), line);
        // The report says which candidates' held-out scores are not nested over their smoothing.
        assertEquals(List.of(SPEC), r.report().tunedOnce());
        assertTrue(r.report().toText().contains("not nested") && r.report().toText().contains(": " + SPEC + "\n"),
                r.report().toText());
        assertEquals(SPEC, r.report().toJson().get("tunedOnce").get(0).asText());
        // One finalist (no stack): the lattice wins over a matrix on this curved film; its final model is the untuned fit's, bit for bit.
        assertEquals(SPEC, r.report().winner());
        FittedModel untuned = Candidate.parse(SPEC).fit(pairs, 11, IlluminantFeatures.from(pairs));
        for (String light : List.of("D65", "A", "FL11")) {
            double[] d = pairs.filter(p -> p.illuminant().equals(light)).digital();
            assertArrayEquals(untuned.predict(d, light), r.model().predict(d, light), 0.0, light);
        }
    }

    @Test
    void theExperimentsSwitchTunesPerFoldOrRefusesATypo() {
        PairSet pairs = SyntheticFilm.pairs(30, List.of("D65", "A"), new double[] {-2, 0, 2}, 4);
        ModelSelection.Settings settings = new ModelSelection.Settings(List.of(TPS), 3, 11, 1, 1, null);
        String before = System.getProperty(ModelSelection.TUNE_PROPERTY);
        try {
            // per-fold: every fold chooses its own smoothing (no line saying otherwise), the final model the same.
            System.setProperty(ModelSelection.TUNE_PROPERTY, "per-fold");
            List<String> progress = new ArrayList<>();
            ModelSelection.Result perFold = ModelSelection.run(pairs, new ModelSelection.Settings(List.of(TPS), 3, 11,
                    1, 1, progress::add));
            assertTrue(progress.stream().noneMatch(l -> l.contains("chosen once")), progress.toString());
            assertEquals(List.of(), perFold.report().tunedOnce());
            assertTrue(!perFold.report().toText().contains("not nested") && !perFold.report().toJson().has("tunedOnce"));
            System.clearProperty(ModelSelection.TUNE_PROPERTY);
            ModelSelection.Result once = ModelSelection.run(pairs, settings);
            double[] d = pairs.digital();
            assertArrayEquals(perFold.model().predict(d, "A"), once.model().predict(d, "A"), 0.0);
            System.setProperty(ModelSelection.TUNE_PROPERTY, "onse");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelSelection.run(pairs, settings));
            assertEquals("emu.fit.tune=onse: expected once or per-fold", e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ModelSelection.TUNE_PROPERTY);
            } else {
                System.setProperty(ModelSelection.TUNE_PROPERTY, before);
            }
        }
    }

    private static double[] lambdas(FittedModel m) {
        try {
            var node = m.toJson(null).get("lambdas");
            double[] out = new double[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node.get(i).asDouble();
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
