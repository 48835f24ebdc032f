package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitReportTest {

    @Test
    void everyHeldOutEvaluationCarriesAHistogramAndTheWorstPairsColours() {
        PairSet pairs = SyntheticFilm.pairs(20, List.of("D65", "A"), new double[] {-1, 0, 1}, 7);
        FitReport rep = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix", "polynomial:degree=9"), 3, 5, 1, 1, null),
                List.of(Candidate.parse("matrix"), ModelSelectionTest.failing())).report();
        FitReport.CandidateReport w = rep.winnerReport();
        for (Evaluation e : new Evaluation[] {w.cv(), w.leaveOneIlluminantOut(), w.heldOutEv(), rep.training()}) {
            assertNotNull(e);
            assertEquals(e.overall().n(), Arrays.stream(e.histogram().counts()).sum());
            Evaluation.PatchError worst = e.worstPatches().get(0);
            assertNotNull(worst.predicted(), "worst pair's predicted colour");
            // the recorded film colour is the scanned value of that patch under that light and EV
            Pair scanned = pairs.asList().stream().filter(p -> p.patch().equals(worst.patch())
                    && p.illuminant().equals(worst.worstIlluminant()) && p.ev() == worst.worstEv()).findFirst().orElseThrow();
            assertArrayEquals(scanned.film(), worst.film());
            double de = Evaluation.deltaE(new PairSet(List.of(scanned)), worst.predicted())[0];
            assertEquals(worst.maxDeltaE(), de, 1e-9);
        }

        JsonNode j = rep.toJson();
        JsonNode cv = j.at("/candidates/0/crossValidationByPatch");
        assertEquals(21, cv.at("/histogram/counts").size());
        assertEquals(3, cv.at("/worstPatches/0/worstPredicted").size());
        assertEquals(3, cv.at("/worstPatches/0/worstFilm").size());
        assertTrue(j.at("/candidates/0/leaveOneIlluminantOut").has("histogram"));
        assertTrue(j.at("/winnerOnTrainingPairs").has("histogram"));
        // a failed candidate still reports only its error
        JsonNode failed = j.at("/candidates/1");
        assertTrue(failed.path("error").asText().contains("degree"), failed.toString());
        assertFalse(failed.has("crossValidationByPatch"));
        assertEquals(0, j.path("warnings").size(), "two lights and three EVs: nothing to warn about");
    }

    @Test
    void oneLightOrTooFewExposuresAreWarnedAbout() {
        PairSet pairs = SyntheticFilm.pairs(20, List.of("D65"), new double[] {0, 1}, 7);
        FitReport rep = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix"), 3, 5, 1, 1, null)).report();
        List<String> w = rep.warnings();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("trained under one light only (D65)"), w.get(0));
        assertTrue(w.get(1).startsWith("trained at 2 exposure(s) only"), w.get(1));
        assertEquals(2, rep.toJson().path("warnings").size());
        assertTrue(rep.toText().contains("warning: trained under one light only"), rep.toText());
    }

    @Test
    void aSelectedStackIsComparedPerProtocolAndPerExposureEnd() {
        PairSet pairs = SyntheticFilm.pairs(20, List.of("D65", "A"), new double[] {-1, 0, 1}, 7);
        FitReport rep = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix", "root-polynomial:degree=1"), 3, 5, 2, 1, null)).report();
        // the same scores, with the better one's as a "stack" that was selected
        FitReport.CandidateReport best = rep.winnerReport();
        FitReport.CandidateReport other = rep.candidates().stream().filter(c -> c != best).findFirst().orElseThrow();
        FitReport.CandidateReport stack = new FitReport.CandidateReport("stack(a+b)", null, best.cv(),
                best.leaveOneIlluminantOut(), best.heldOutEv(), 1);
        FitReport withStack = new FitReport(rep.pairs(), rep.folds(), rep.seed(), rep.illuminantSources(),
                List.of(other, stack), "stack(a+b)", 0, rep.training());
        List<String> c = withStack.comparison();
        assertEquals(6, c.size(), c.toString());
        assertTrue(c.get(3).contains("held-out EVs"), c.toString());
        assertTrue(c.get(4).contains("EV -1 held out") && c.get(5).contains("EV +1 held out"), c.toString());
        assertTrue(c.get(5).endsWith("improves") || c.get(5).endsWith("holds") || c.get(5).endsWith("worse"), c.get(5));
    }
}
