package emu.calibration.rolls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.RollWeights;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-roll training weights on the synthetic rolls of {@link RollAwareFitTest} (R5 mis-processed):
 * weight 0 fits exactly what leaving R5 out fits, weight 1 exactly today's fit, and a weight in
 * between lands the nominal between the two while R5 still covers the plan and is still reported.
 */
class RollWeightsTest {

    @Test
    void weightZeroIsLeavingTheRollOutWeightOneIsTodayAndAQuarterSitsBetween() {
        PairSet pairs = RollAwareFitTest.rolls(RollAwareFitTest.TRUTH, 3);
        PairSet probe = RollAwareFitTest.truthOf(RollAwareFitTest.rolls(List.of(RollDeviation.none("T")), 3));

        // weight 1 (and rolls with no weight): the very same pairs, so the same fit bit for bit
        assertSame(pairs, RollWeights.apply(pairs, Map.of("R5", 1.0, "R1", 1.0), 7));
        assertSame(pairs, RollWeights.apply(pairs, Map.of(), 7));
        ColourModel today = RollAwareFit.run(pairs, RollAwareFitTest.settings()).selection().model();
        ColourModel one = RollAwareFit.run(RollWeights.apply(pairs, Map.of("R5", 1.0), 7), RollAwareFitTest.settings())
                .selection().model();
        assertArrayEquals(Evaluation.predict(today, probe), Evaluation.predict(one, probe), 0.0);

        // weight 0: the pairs of leaving R5 out, in order, so the same fit
        PairSet zero = RollWeights.apply(pairs, Map.of("R5", 0.0), 7);
        PairSet leftOut = pairs.filter(p -> !p.roll().equals("R5"));
        assertEquals(leftOut.asList(), zero.asList());
        ColourModel without = RollAwareFit.run(leftOut, RollAwareFitTest.settings()).selection().model();
        ColourModel weighted0 = RollAwareFit.run(zero, RollAwareFitTest.settings()).selection().model();
        assertArrayEquals(Evaluation.predict(without, probe), Evaluation.predict(weighted0, probe), 0.0);

        // a quarter: R5 keeps a quarter of its pairs in every (light, EV) step, the others all of theirs
        PairSet quarter = RollWeights.apply(pairs, Map.of("R5", RollWeights.DOWN_WEIGHT), 7);
        PairSet r5 = quarter.byRoll().get("R5");
        assertEquals(10 * 10, r5.size(), "40 patches x 10 steps, a quarter kept");
        assertEquals(10, r5.groupBy(p -> p.illuminant() + "@" + p.ev()).size(), "every step still covered");
        assertEquals(leftOut.size(), quarter.size() - r5.size());
        assertEquals(quarter.asList(), RollWeights.apply(pairs, Map.of("R5", 0.25), 7).asList(), "deterministic");
        RollAwareFit.Result q = RollAwareFit.run(quarter, RollAwareFitTest.settings());
        assertTrue(q.rolls().flagged().contains("R5"), "still measured and flagged: " + q.rolls().toText());
        double eToday = Evaluation.of(today, probe).overall().mean();
        double eQuarter = Evaluation.of(q.selection().model(), probe).overall().mean();
        double eWithout = Evaluation.of(without, probe).overall().mean();
        assertTrue(eWithout < eQuarter && eQuarter < eToday,
                "nominal's CIEDE2000 from the stock: left out " + eWithout + " < quarter " + eQuarter + " < pooled " + eToday);
    }

    @Test
    void aWeightOutsideZeroToOneIsRefusedNamingTheRoll() {
        PairSet pairs = new PairSet(List.of(new Pair("f", "R1", "D65", 0, "A1", 0.1, 0.1, 0.1, 0.2, 0.2, 0.2)));
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RollWeights.apply(pairs, Map.of("R1", bad), 1));
            assertTrue(e.getMessage().contains("roll R1"), e.getMessage());
        }
        // a weight for a roll with no pairs changes nothing
        assertSame(pairs, RollWeights.apply(pairs, Map.of("R9", 0.5), 1));
        // a single pair in a step is kept at any weight above 0
        assertEquals(1, RollWeights.apply(pairs, Map.of("R1", 0.01), 1).size());
    }
}
