package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** Three pairs of two patches; predictions off by known amounts so the worst pair is known. */
    private static final PairSet PAIRS = new PairSet(List.of(
            new Pair("1", "R", "D65", 0, "A1", 0.2, 0.2, 0.2, 0.5, 0.4, 0.3),
            new Pair("2", "R", "A", 1, "A1", 0.3, 0.2, 0.1, 0.6, 0.4, 0.2),
            new Pair("3", "R", "D65", 1, "B1", 0.1, 0.1, 0.1, 0.3, 0.3, 0.3)));
    private static final double[] PREDICTED = {
        0.5, 0.4, 0.3, // exact
        0.7, 0.35, 0.2, // far off: the worst pair of A1
        0.31, 0.3, 0.3}; // slightly off

    @Test
    void predictionsGiveTheWorstPairsColoursAndAHistogramOfEveryPair() {
        Evaluation e = Evaluation.ofPredictions(PAIRS, PREDICTED);
        double[] de = Evaluation.deltaE(PAIRS, PREDICTED);
        assertEquals(0, de[0], 1e-9);
        assertTrue(de[1] > de[2] && de[2] > 0, Arrays.toString(de));

        Evaluation.PatchError a1 = e.worstPatches().stream().filter(p -> p.patch().equals("A1")).findFirst().orElseThrow();
        assertEquals("A", a1.worstIlluminant());
        assertEquals(1.0, a1.worstEv());
        assertEquals(de[1], a1.maxDeltaE(), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.35, 0.2}, a1.predicted());
        assertArrayEquals(new double[] {0.6, 0.4, 0.2}, a1.film());

        Evaluation.Histogram h = e.histogram();
        assertEquals(0.5, h.binWidth());
        assertEquals(21, h.counts().length);
        assertEquals(3, Arrays.stream(h.counts()).sum());
        for (double d : de) {
            int bin = (int) Math.min(20, Math.floor(d / 0.5));
            assertTrue(h.counts()[bin] >= 1, "pair with dE " + d + " counted in bin " + bin + ": " + Arrays.toString(h.counts()));
        }
    }

    @Test
    void theOpenLastBinTakesEverythingFromTenUp() {
        Evaluation e = Evaluation.of(PAIRS, new double[] {0.49, 10.0, 250});
        int[] c = e.histogram().counts();
        assertEquals(1, c[0]);
        assertEquals(2, c[20]);
        assertEquals(3, Arrays.stream(c).sum());
    }

    @Test
    void theNewFieldsAreWrittenToJsonAndLeftOutWhenNotRecorded() {
        JsonNode j = Evaluation.ofPredictions(PAIRS, PREDICTED).toJson();
        assertEquals(21, j.at("/histogram/counts").size());
        int sum = 0;
        for (JsonNode n : j.at("/histogram/counts")) {
            sum += n.asInt();
        }
        assertEquals(3, sum);
        assertEquals(0.5, j.at("/histogram/binWidth").asDouble());
        JsonNode worst = j.at("/worstPatches/0");
        assertEquals("A1", worst.path("patch").asText());
        assertEquals(0.7, worst.at("/worstPredicted/0").asDouble());
        assertEquals(0.6, worst.at("/worstFilm/0").asDouble());
        // the older fields are unchanged
        assertEquals("A", worst.path("worstIlluminant").asText());
        assertEquals(3, j.at("/overall/n").asInt());

        // from errors alone there are no colours to show: the fields are absent, not made up
        Evaluation fromErrors = Evaluation.of(PAIRS, Evaluation.deltaE(PAIRS, PREDICTED));
        assertNull(fromErrors.worstPatches().get(0).predicted());
        assertNull(fromErrors.worstPatches().get(0).film());
        assertFalse(fromErrors.toJson().at("/worstPatches/0").has("worstPredicted"));
        assertTrue(fromErrors.toJson().has("histogram"));
    }

    @Test
    void predictionsOfTheWrongLengthAreRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.ofPredictions(PAIRS, new double[6]));
        assertTrue(ex.getMessage().contains("need 9 predicted values for 3 pairs"), ex.getMessage());
    }

    @Test
    void theTextKeepsALongLightNameApartFromItsFigures() {
        PairSet pairs = new PairSet(List.of(
                new Pair("1", "R", "studio-lamp", 0, "A1", 0.2, 0.2, 0.2, 0.5, 0.4, 0.3),
                new Pair("2", "R", "D65", 1, "A1", 0.3, 0.2, 0.1, 0.6, 0.4, 0.2)));
        String text = Evaluation.of(pairs, new double[] {1, 2}).toText("  ");
        assertTrue(text.contains("light studio-lamp mean"), text);
        // every figure starts in one column
        List<Integer> columns = text.lines().filter(l -> l.contains(" mean ")).map(l -> l.indexOf(" mean ")).distinct().toList();
        assertEquals(1, columns.size(), text);
    }
}
