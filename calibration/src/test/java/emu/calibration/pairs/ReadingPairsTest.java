package emu.calibration.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import emu.calibration.chart.PatchReading;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingPairsTest {
    static PatchReading reading(int i, String id, double v, boolean clipped, boolean nonUniform) {
        return new PatchReading(i, id, id, new double[] {v, v, v}, new double[3], 100, clipped, nonUniform, 0);
    }

    @Test
    void flaggedPatchesOnEitherSideAreLeftOutAndCounted() {
        List<PatchReading> digital = List.of(reading(0, "p1", 0.1, false, false), reading(1, "p2", 0.5, true, false),
                reading(2, "p3", 0.2, false, true), reading(3, "p4", 0.3, false, false));
        List<PatchReading> film = List.of(reading(0, "p1", 0.4, false, false), reading(1, "p2", 0.9, false, false),
                reading(2, "p3", 0.5, true, false), reading(3, "p4", 1.0000001, false, false));
        ReadingPairs.StepPairs s = ReadingPairs.pair(digital, 8, film, "F1", "R1", "D65", -1);
        assertEquals(2, s.pairs().size());
        assertEquals(new Pair("F1", "R1", "D65", -1, "p1", 0.8, 0.8, 0.8, 0.4, 0.4, 0.4), s.pairs().get(0));
        assertEquals(1.0, s.pairs().get(1).filmR(), "film stays in 0..1");
        assertEquals(2, s.leftOut());
        assertEquals("2 left out (digital clipped 1, digital non-uniform 1, film clipped 1)", s.describeLeftOut());
    }

    @Test
    void readingsOfDifferentChartsAreRefused() {
        List<PatchReading> a = List.of(reading(0, "cc24-01", 0.1, false, false));
        List<PatchReading> b = List.of(reading(0, "p190-001", 0.1, false, false));
        assertThrows(IllegalArgumentException.class, () -> ReadingPairs.pair(a, 1, b, "", "", "D65", 0));
        assertThrows(IllegalArgumentException.class, () -> ReadingPairs.pair(a, 1, List.of(), "", "", "D65", 0));
    }
}
