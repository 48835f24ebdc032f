package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Racing in the selection (issue 24, session 9). The expensive candidates here are real fitters (matrix,
 * root-polynomial) marked {@link Fitter#expensive()} and counting their fits: the MLP itself would make the
 * test slow and its distance to the others is not under the test's control. Nothing else is replaced.
 */
class RacingTest {

    private static final PairSet PAIRS = SyntheticFilm.pairs(30, List.of("D65", "A", "FL11"), new double[] {-2, 0, 2}, 4);

    /** The cheap candidates, then {@code slow} (listed first to show the expensive ones race last). */
    private static List<Candidate> candidates(Candidate slow) {
        List<Candidate> out = new ArrayList<>();
        out.add(slow);
        out.add(Candidate.parse("root-polynomial:degree=1"));
        out.add(Candidate.parse("polynomial:degree=2"));
        out.add(Candidate.parse("matrix:illuminant=per"));
        return out;
    }

    private static Candidate slow(String spec, AtomicInteger fits) {
        Candidate c = Candidate.parse(spec);
        return new Candidate("slow " + spec, new Hooked(c.fitter(), true, fits::incrementAndGet), c.params(),
                c.perIlluminant(), c.hybrid());
    }

    private static ModelSelection.Result run(List<Candidate> cands, int threads, boolean race, List<String> progress) {
        return ModelSelection.run(PAIRS, new ModelSelection.Settings(cands.stream().map(Candidate::spec).toList(), 5, 11,
                2, threads, progress::add, "squared", race), cands);
    }

    @Test
    void aSlowBadCandidateStopsAtTheFirstCheckpointAndIsReportedAsStopped() throws Exception {
        AtomicInteger fits = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        ModelSelection.Result r = run(candidates(slow("matrix", fits)), 2, true, progress);
        FitReport rep = r.report();
        FitReport.CandidateReport slow = rep.candidates().get(0);
        assertEquals("slow matrix", slow.spec());
        // on two threads its second fold was started ahead (RaceAhead) and may have run; on one, one fit only
        assertTrue(fits.get() <= 2, "no fold past the second, no refit: " + fits.get());
        AtomicInteger oneThread = new AtomicInteger();
        run(candidates(slow("matrix", oneThread)), 1, true, new ArrayList<>());
        assertEquals(1, oneThread.get(), "one thread: one of five folds fitted, no refit");
        assertNull(slow.error(), "stopped is not failed");
        assertNull(slow.cv());
        FitReport.Stopped st = slow.stopped();
        assertNotNull(st, rep.toText());
        assertEquals(1, st.foldsDone());
        assertEquals(5, st.folds());
        assertEquals(2, st.rank());
        assertTrue(st.mean() > Racing.FIRST_MARGIN * st.versusMean(), st.text());
        assertTrue(st.text().startsWith("stopped after 1 of 5 folds: mean "), st.text());
        assertTrue(st.text().contains(" on those folds vs ") && st.text().contains(" for the 2nd best ("), st.text());
        // the 2nd best on those folds is a complete candidate, and its mean there is what the report says
        FitReport.CandidateReport versus = rep.candidates().stream().filter(c -> c.spec().equals(st.versus())).findFirst()
                .orElseThrow();
        assertNotNull(versus.cv());
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[1/4] slow matrix: stopped after 1 of 5 folds")), progress.toString());
        assertTrue(progress.indexOf("[1/4] slow matrix: 5-fold CV by patch") > progress.indexOf("[4/4] matrix:illuminant=per: 5-fold CV by patch"),
                "the expensive candidate races after the cheap ones: " + progress);
        ObjectNode json = rep.toJson();
        JsonNode j = json.get("candidates").get(0);
        assertFalse(j.has("error"));
        assertFalse(j.has("crossValidationByPatch"));
        assertEquals(1, j.get("stopped").get("foldsDone").asInt());
        assertEquals(st.text(), j.get("stopped").get("text").asText());
        assertTrue(rep.toText().contains("slow matrix") && rep.toText().contains(st.text()), rep.toText());
        assertFalse(rep.toText().contains("failed"), rep.toText());
        assertFalse(rep.winner().contains("slow"));

        // --race off: every fold, the same winner and the same model
        AtomicInteger all = new AtomicInteger();
        ModelSelection.Result off = run(candidates(slow("matrix", all)), 2, false, new ArrayList<>());
        assertEquals(5, all.get(), "every fold fitted");
        assertNotNull(off.report().candidates().get(0).cv());
        assertNull(off.report().candidates().get(0).stopped());
        assertEquals(rep.winner(), off.report().winner());
        assertEquals(modelJson(r), modelJson(off));
        // the CV mean of the full run is worse than the 2nd best's too: the stop was right
        assertTrue(off.report().candidates().get(0).cv().overall().mean()
                > rep.candidates().stream().filter(c -> c.spec().equals(st.versus())).findFirst().orElseThrow().cv().overall().mean());
    }

    @Test
    void aCloseCandidateRunsEveryFoldWithTheFullRunsPredictions() {
        AtomicInteger fits = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        // the same model as the best cheap candidate: equal on every fold, never more than 3% worse
        FitReport rep = run(candidates(slow("root-polynomial:degree=1", fits)), 2, true, progress).report();
        assertTrue(fits.get() > 5, "five folds, then its fits as a finalist: " + fits.get());
        FitReport.CandidateReport slow = rep.candidates().get(0);
        assertNull(slow.stopped());
        assertNotNull(slow.cv());
        assertEquals(PAIRS.size(), slow.cv().overall().n());
        FitReport.CandidateReport same = rep.candidates().get(1);
        // batches of folds give the very predictions of one whole cross-validation
        assertEquals(same.cv().overall().mean(), slow.cv().overall().mean());
        assertEquals(same.cv().toJson(), slow.cv().toJson());
        assertTrue(progress.stream().anyMatch(l -> l.contains("slow root-polynomial:degree=1: after 1 of 5 folds")
                && l.contains("continues")), progress.toString());
        assertTrue(progress.stream().anyMatch(l -> l.contains("slow root-polynomial:degree=1: after 2 of 5 folds")
                && l.contains("continues")), progress.toString());
        assertTrue(progress.stream().anyMatch(l -> l.contains("after 4 of 5 folds") && l.contains("continues")), progress.toString());
    }

    /** Checkpoints after 1, 2 and 4 of 5 folds; folds of less than a fifth of the patches skip the first. */
    @Test
    void theCheckpointsAndTheirMargins() {
        assertEquals(List.of(1, 2, 4, 5), ends(5));
        assertEquals(List.of(1, 2, 3), ends(3));
        assertEquals(List.of(2, 4, 6, 8, 10), ends(10));
        assertEquals(Racing.FIRST_MARGIN, Racing.margin(1));
        assertEquals(Racing.MARGIN, Racing.margin(2));
        assertEquals(Racing.MARGIN, Racing.margin(4));
        assertTrue(Racing.FIRST_MARGIN > Racing.MARGIN, "one fold is the noisier evidence");
    }

    private static List<Integer> ends(int n) {
        List<Integer> out = new ArrayList<>();
        for (int from = 0; from < n; from = Racing.end(from, n)) {
            out.add(Racing.end(from, n));
        }
        return out;
    }

    /**
     * A candidate 10% behind the reference on the folds done (between the two margins) continues after one fold and
     * stops after two: the first checkpoint's wider margin is read there, and only there.
     */
    @Test
    void aCandidateBetweenTheMarginsPassesOnlyTheFirstCheckpoint() {
        List<emu.calibration.pairs.Pair> rows = PAIRS.asList();
        double[] ref = PAIRS.film();
        double[] cand = PAIRS.film();
        for (int i = 0; i < rows.size(); i++) {
            ref[3 * i] += 0.010;
            cand[3 * i] += 0.011;
        }
        int[] split = new int[rows.size()];
        Stacking.Held r = new Stacking.Held(PAIRS, ref, split);
        Stacking.Held c = new Stacking.Held(PAIRS, cand, split);
        double ratio = Racing.partialMean(c, 1) / Racing.partialMean(r, 1);
        assertTrue(ratio > Racing.MARGIN && ratio < Racing.FIRST_MARGIN, "between the margins: " + ratio);
        java.util.Map<String, Stacking.Held> complete = java.util.Map.of("ref", r);
        assertNull(Racing.check("x", c, 1, 5, Racing.margin(1), complete, 1, l -> { }, "[1/2]"));
        FitReport.Stopped st = Racing.check("x", c, 2, 5, Racing.margin(2), complete, 1, l -> { }, "[1/2]");
        assertNotNull(st);
        assertEquals("ref", st.versus());
    }

    @Test
    void decisionsAndModelAreTheSameOnOneThreadAndOnTwo() throws Exception {
        ModelSelection.Result one = run(candidates(slow("matrix", new AtomicInteger())), 1, true, new ArrayList<>());
        ModelSelection.Result two = run(candidates(slow("matrix", new AtomicInteger())), 2, true, new ArrayList<>());
        assertNotNull(one.report().candidates().get(0).stopped());
        assertEquals(withoutSeconds(one.report().toJson()), withoutSeconds(two.report().toJson()));
        assertEquals(modelJson(one), modelJson(two));
    }

    @Test
    void fewerFoldsThanACheckpointOrNoFinalistsToRaceAgainst() {
        AtomicInteger fits = new AtomicInteger();
        List<Candidate> cands = candidates(slow("matrix", fits));
        // two folds: the first batch is the whole cross-validation, nothing to save
        ModelSelection.run(PAIRS, new ModelSelection.Settings(cands.stream().map(Candidate::spec).toList(), 2, 11, 2, 2,
                null, "squared", true), cands);
        assertEquals(2, fits.get());
        // only expensive candidates: none complete to compare with, every fold runs
        AtomicInteger a = new AtomicInteger();
        List<Candidate> only = List.of(slow("matrix", a));
        FitReport rep = ModelSelection.run(PAIRS, new ModelSelection.Settings(List.of("slow matrix"), 5, 11, 2, 2, null,
                "squared", true), only).report();
        assertTrue(a.get() > 5, "five folds, then its fits as the winner: " + a.get());
        assertEquals(PAIRS.size(), rep.candidates().get(0).cv().overall().n());
    }

    /**
     * On two threads the expensive candidate's first folds train beside the cheap candidates' (RaceAhead): here a
     * cheap candidate's every fit waits until the expensive one has begun fitting, which only happens beside it (one
     * after the other, the cheap one would wait its 20 s in vain, every fit). Same decisions and model as on one thread.
     */
    @Test
    void theExpensiveFirstFoldsTrainBesideTheCheapCandidates() throws Exception {
        java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean inVain = new java.util.concurrent.atomic.AtomicBoolean();
        Candidate m = Candidate.parse("matrix");
        List<Candidate> cands = new ArrayList<>(candidates(new Candidate("slow matrix", new Hooked(m.fitter(), true,
                begun::countDown), m.params(), false, false)));
        Candidate last = cands.get(cands.size() - 1);
        cands.set(cands.size() - 1, new Candidate("waiting " + last.spec(), new Hooked(last.fitter(), false, () -> {
            try {
                inVain.compareAndSet(false, !begun.await(20, java.util.concurrent.TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), last.params(), last.perIlluminant(), last.hybrid()));
        ModelSelection.Result two = run(cands, 2, true, new ArrayList<>());
        assertFalse(inVain.get(), "the expensive candidate began while the cheap ones were fitting");
        assertNotNull(two.report().candidates().get(0).stopped(), two.report().toText());
        ModelSelection.Result one = run(candidates(slow("matrix", new AtomicInteger())), 1, true, new ArrayList<>());
        assertEquals(withoutSeconds(one.report().toJson()).get("winner"), withoutSeconds(two.report().toJson()).get("winner"));
    }

    /** {@code inner}, marked expensive or not, running {@code before} at the start of every fit (e.g. counting them). */
    record Hooked(Fitter inner, boolean expensive, Runnable before) implements Fitter {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public FittedModel fit(PairSet pairs, FitOptions options) {
            before.run();
            return inner.fit(pairs, options);
        }

        @Override
        public FittedModel fromJson(JsonNode node, Path dir) throws java.io.IOException {
            return inner.fromJson(node, dir);
        }

        @Override
        public java.util.Set<String> parameters() {
            return inner.parameters();
        }
    }

    @Test
    void olderReportsAndTheOrdinal() {
        assertEquals("1st", FitReport.Stopped.ordinal(1));
        assertEquals("2nd", FitReport.Stopped.ordinal(2));
        assertEquals("3rd", FitReport.Stopped.ordinal(3));
        assertEquals("11th", FitReport.Stopped.ordinal(11));
        assertEquals("22nd", FitReport.Stopped.ordinal(22));
        // the six-field constructor (a candidate that ran or failed) has no stop
        assertNull(new FitReport.CandidateReport("x", "boom", null, null, null, 0).stopped());
    }

    @TempDir
    Path dir;

    private String modelJson(ModelSelection.Result r) throws java.io.IOException {
        return r.model().toJson(dir).toString();
    }

    private static JsonNode withoutSeconds(ObjectNode report) {
        ObjectNode copy = report.deepCopy();
        copy.remove("refitSeconds");
        copy.get("candidates").forEach(c -> ((ObjectNode) c).remove("fitSecondsPerFold"));
        return copy;
    }
}
