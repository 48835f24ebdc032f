package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    @Test
    void foldsGroupWholePatchesAndAreBalanced() {
        List<String> patches = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            patches.add("P" + i);
        }
        Map<String, Integer> f = ModelSelection.folds(patches, 5, 3);
        assertEquals(23, f.size());
        Map<Integer, Integer> sizes = new HashMap<>();
        f.values().forEach(k -> sizes.merge(k, 1, Integer::sum));
        assertEquals(5, sizes.size());
        assertTrue(sizes.values().stream().allMatch(n -> n == 4 || n == 5), sizes.toString());
        assertEquals(f, ModelSelection.folds(patches, 5, 3));
    }

    @Test
    void selectsTheStructurallyRightModelAndReportsEveryBreakdown() {
        PairSet pairs = SyntheticFilm.pairs(30, List.of("D65", "A", "FL11"), new double[] {-2, 0, 2}, 4);
        List<String> progress = new ArrayList<>();
        List<String> specs = List.of("matrix", "root-polynomial:degree=1", "polynomial:degree=9");
        ModelSelection.Result r = ModelSelection.run(pairs, new ModelSelection.Settings(specs, 3, 11, 2, 2,
                progress::add), List.of(Candidate.parse(specs.get(0)), Candidate.parse(specs.get(1)), failing()));
        FitReport rep = r.report();
        assertEquals("root-polynomial:degree=1", rep.winner());
        // No stack: the exact model leaves the matrix no weight.
        assertEquals(3, rep.candidates().size());
        FitReport.CandidateReport failed = rep.candidates().get(2);
        assertTrue(failed.error().contains("degree must be 1..4"), failed.error());
        FitReport.CandidateReport w = rep.winnerReport();
        assertEquals(pairs.size(), w.cv().overall().n()); // every pair predicted exactly once
        assertEquals(3, w.cv().perIlluminant().size());
        assertEquals(3, w.cv().perEv().size());
        assertNotNull(w.leaveOneIlluminantOut());
        assertEquals(3, w.leaveOneIlluminantOut().perIlluminant().size());
        assertNotNull(w.heldOutEv());
        assertEquals(2, w.heldOutEv().perEv().size());
        assertTrue(w.cv().overall().mean() < rep.candidates().get(0).cv().overall().mean());
        assertTrue(rep.toText().contains("<- selected"));
        assertTrue(rep.toJson().toString().contains("leaveOneIlluminantOut"));
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[2/3] root-polynomial:degree=1: CV mean dE00")), progress.toString());
        assertEquals(List.of("D65", "A", "FL11"), r.model().illuminants());
        // Only finalists get the unseen-light and unseen-EV scores.
        FitReport again = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix", "root-polynomial:degree=1"), 3, 11, 1, 1, null)).report();
        assertNull(again.candidates().get(0).leaveOneIlluminantOut());
        assertThrows(IllegalArgumentException.class, () -> new ModelSelection.Settings(List.of("matrix"), 1, 1, 1, 1, null));
    }

    @Test
    void theStackOfDifferentModelsIsScoredOnHeldOutDataAndRoundTrips(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        PairSet pairs = SyntheticFilm.pairs(40, List.of("D65", "A", "FL11"), new double[] {-2, 0, 2}, 4);
        List<String> specs = List.of("tps:centres=16:illuminant=per", "polynomial:degree=2:illuminant=per", "matrix");
        ModelSelection.Result r = ModelSelection.run(pairs, new ModelSelection.Settings(specs, 3, 11, 2, 2, null));
        FitReport rep = r.report();
        FitReport.CandidateReport stack = rep.candidates().get(rep.candidates().size() - 1);
        assertTrue(stack.spec().startsWith("stack("), rep.toText());
        assertEquals(pairs.size(), stack.cv().overall().n());
        assertNotNull(stack.leaveOneIlluminantOut());
        assertNotNull(stack.heldOutEv());
        // Every member got the unseen-light and unseen-EV scores too.
        for (FitReport.CandidateReport c : rep.candidates()) {
            if (stack.spec().contains(c.spec()) && c != stack) {
                assertNotNull(c.leaveOneIlluminantOut(), c.spec());
            }
        }
        ModelMetadata meta = new ModelMetadata("id", "stock", "set", rep.winner(), "now", "dev", 11, "sha",
                pairs.size(), "linear", "srgb", Map.of("D65", "table"), 1, 1);
        ModelDirectory.save(dir.resolve("m"), r.model(), meta, rep);
        double[] probe = {0.18, 0.18, 0.18, 0.5, 0.1, 0.02};
        assertArrayEquals(r.model().predict(probe, "A"), ModelDirectory.load(dir.resolve("m")).model().predict(probe, "A"),
                1e-12);
        if (rep.winner().startsWith("stack(")) {
            assertTrue(rep.toText().contains("Per protocol, selected stack vs the best single model"), rep.toText());
            // header, three protocols, then the lowest and the highest EV held out separately
            assertEquals(6, rep.comparison().size(), rep.comparison().toString());
            assertTrue(rep.comparison().get(5).contains("EV +2 held out"), rep.comparison().toString());
        } else {
            assertTrue(rep.comparison().isEmpty());
        }
        System.out.println(rep.toText().lines().limit(16).collect(java.util.stream.Collectors.joining("\n")));
    }

    @Test
    void theExperimentsSwitchTakesTheStackTheDefaultRuleTurnsDown() {
        // A stack is built here (two models earn weight) and scores about 8% below the single winner, but the default
        // rule keeps the single (the stack's patch CV is more than 0.5% worse: noWorse). The experiment's switch
        // (issue 24, session 11): prefer and within:0 must return the stack, within:-0.2 (the stack 20% better
        // needed) the single; every score unchanged. (Data seed 5 since the spline's smoothing is chosen once per
        // light, session 17: on seed 4 the stack's CV came within 0.5% of the single's and the default took it.)
        PairSet pairs = SyntheticFilm.pairs(40, List.of("D65", "A", "FL11"), new double[] {-2, 0, 2}, 5);
        List<String> specs = List.of("tps:centres=16:illuminant=per", "polynomial:degree=2:illuminant=per", "matrix");
        ModelSelection.Settings s = new ModelSelection.Settings(specs, 3, 11, 2, 2, null);
        FitReport plain = ModelSelection.run(pairs, s).report();
        FitReport.CandidateReport stack = plain.candidates().get(plain.candidates().size() - 1);
        assertTrue(stack.spec().startsWith("stack("), plain.toText());
        assertTrue(!plain.winner().startsWith("stack("), plain.toText());
        assertTrue(stack.score() < plain.winnerReport().score(), plain.toText());
        for (String bad : List.of("preferred", "within:", "within:x", "within:-1")) {
            // refused before any fit, naming the property: a typo must not run the default rule unnoticed
            String before = System.getProperty("emu.fit.stack");
            System.setProperty("emu.fit.stack", bad);
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ModelSelection.run(pairs, s));
                assertTrue(e.getMessage().startsWith("emu.fit.stack=" + bad + ": expected prefer or within:X"),
                        e.getMessage());
            } finally {
                if (before == null) {
                    System.clearProperty("emu.fit.stack");
                } else {
                    System.setProperty("emu.fit.stack", before);
                }
            }
        }
        for (String mode : List.of("prefer", "within:0", "within:-0.2")) {
            String before = System.getProperty("emu.fit.stack");
            System.setProperty("emu.fit.stack", mode);
            ModelSelection.Result r;
            try {
                r = ModelSelection.run(pairs, s);
            } finally {
                if (before == null) {
                    System.clearProperty("emu.fit.stack");
                } else {
                    System.setProperty("emu.fit.stack", before);
                }
            }
            boolean takesStack = !mode.equals("within:-0.2");
            assertEquals(takesStack ? stack.spec() : plain.winner(), r.report().winner(), mode);
            assertEquals(takesStack, r.model() instanceof StackModel, mode);
            assertEquals(plain.candidates().size(), r.report().candidates().size(), mode);
            for (int i = 0; i < plain.candidates().size(); i++) {
                assertEquals(plain.candidates().get(i).score(), r.report().candidates().get(i).score(), 0.0, mode);
            }
        }
        // Unset again: the default rule.
        assertEquals(plain.winner(), ModelSelection.run(pairs, s).report().winner());
    }

    @Test
    void oddButLegalInputsFitEveryCandidate() {
        // What an outside evaluator may hand over: one light, one EV, film values pinned at 0 and 1.
        List<Pair> raw = SyntheticFilm.pairs(24, List.of("D65"), new double[] {0}, 6).asList();
        List<Pair> odd = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Pair p = raw.get(i);
            double f = i % 6 == 0 ? 0 : 1;
            odd.add(i % 6 > 1 ? p : new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), p.digitalR(),
                    p.digitalG(), p.digitalB(), f, f, f));
        }
        // The MLP is left out only for time (DL4J start-up); FitCommandTest runs it end to end.
        List<String> specs = Candidate.DEFAULTS.stream().filter(c -> !c.startsWith("mlp")).toList();
        ModelSelection.Result r = ModelSelection.run(new PairSet(odd),
                new ModelSelection.Settings(specs, 3, 1, 2, 2, null));
        for (FitReport.CandidateReport c : r.report().candidates()) {
            assertNull(c.error(), c.spec());
            assertTrue(Double.isFinite(c.cv().overall().mean()), c.spec());
        }
        assertNull(r.report().winnerReport().leaveOneIlluminantOut()); // needs two lights
        assertNull(r.report().winnerReport().heldOutEv()); // needs three EVs
        double[] probe = {0.18, 0.18, 0.18, 2.0, 0.01, 0.0, 0.0, 0.0, 0.0};
        for (String light : List.of("D65", "FL11", "4000K", "LED-V1")) {
            for (double v : r.model().predict(probe, light)) {
                assertTrue(v >= 0 && v <= 1.5, light + ": " + v);
            }
        }
    }

    @Test
    void unknownLightNamesGetAChromaticityEstimatedFromTheData() {
        PairSet known = SyntheticFilm.pairs(20, List.of("D65", "A", "FL11"), new double[] {0}, 5);
        // Rename A: its chromaticity must now be estimated from the camera's view of the chart.
        PairSet renamed = new PairSet(known.asList().stream().map(p -> p.illuminant().equals("A")
                ? new emu.calibration.pairs.Pair(p.frame(), p.roll(), "tungsten-lamp", p.ev(), p.patch(), p.digitalR(),
                        p.digitalG(), p.digitalB(), p.filmR(), p.filmG(), p.filmB()) : p).toList());
        IlluminantFeatures f = IlluminantFeatures.from(renamed);
        assertTrue(f.sources().get("tungsten-lamp").startsWith("estimated"));
        double[] est = f.uv("tungsten-lamp");
        double[] truth = IlluminantFeatures.from(known).uv("A");
        double[] d65 = f.uv("D65");
        // Closer to A than to D65 by a wide margin (the synthetic camera tint is only roughly colorimetric).
        double toA = Math.hypot(est[0] - truth[0], est[1] - truth[1]);
        double toD65 = Math.hypot(est[0] - d65[0], est[1] - d65[1]);
        assertTrue(toA < 0.5 * toD65, "estimate " + est[0] + "," + est[1] + " A " + truth[0] + "," + truth[1]);
    }

    /**
     * A per-light candidate's leave-one-light-out reuses the lights' models fitted once on all
     * pairs: the same predictions as refitting without each light (a light's model never sees
     * the other lights' pairs), and the model it fits is the one {@link Candidate#fit} gives.
     */
    @Test
    void perLightLeaveOneLightOutNeedsNoRefit() {
        PairSet pairs = FittersTest.TRAIN;
        Candidate cand = Candidate.parse("root-polynomial:degree=2:illuminant=per");
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            PerIlluminantModel full = LeaveOneLightOut.fitPerLight(pool, cand, pairs, 5, lights);
            double[] probe = {0.18, 0.18, 0.18, 0.5, 0.3, 0.1};
            for (String l : pairs.illuminants()) {
                assertArrayEquals(cand.fit(pairs, 5, lights).predict(probe, l), full.predict(probe, l), 0);
            }
            Stacking.Held held = LeaveOneLightOut.held(full, pairs, pairs.illuminants());
            int row = 0;
            for (String l : pairs.illuminants()) {
                PairSet out = pairs.filter(p -> p.illuminant().equals(l));
                double[] refit = Evaluation.predict(cand.fit(pairs.filter(p -> !p.illuminant().equals(l)), 5, lights), out);
                for (int i = 0; i < out.size(); i++, row++) {
                    assertEquals(out.get(i), held.pairs().get(row));
                    for (int c = 0; c < 3; c++) {
                        assertEquals(refit[3 * i + c], held.predicted()[3 * row + c], 1e-12);
                    }
                }
            }
            assertEquals(pairs.size(), row);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A candidate whose every fit fails (Basis refuses degree 9), to show a failed candidate is reported, not fatal:
     * built past {@link Candidate#parse}, which now refuses that value up front.
     */
    static Candidate failing() {
        return new Candidate("polynomial:degree=9", Fitters.get("polynomial"), java.util.Map.of("degree", "9"), false,
                false);
    }
}
