package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reflectance tables by the pairs' patch ids. */
class ChartSpectraTest {

    @Test
    void everyChartPatchHasItsReflectanceUnderItsPairsId() {
        assertEquals(24, ChartSpectra.colorChecker24().size());
        assertEquals(190, ChartSpectra.ampas190().size());
        Map<String, double[]> all = ChartSpectra.byId();
        assertEquals(214, all.size());
        // up to 2: fluorescent AMPAS patches reflect more than 1 (p190-085: 1.25)
        for (String chart : ChartSpecs.names()) {
            ChartSpec spec = ChartSpecs.byName(chart);
            for (int i = 0; i < spec.patchCount(); i++) {
                double[] r = ChartSpectra.reflectance(spec.patchId(i)).orElseThrow();
                assertEquals(ChartSpectra.SIZE, r.length);
                for (double v : r) {
                    assertTrue(v >= 0 && v <= 2, spec.patchId(i) + ": " + v);
                }
            }
        }
        assertEquals("white 9.5 (.05 D)", ChartSpectra.colorChecker24().get(18).label());
        assertEquals("cc24-19", ChartSpectra.colorChecker24().get(18).id());
    }

    @Test
    void valuesAreTheTables() {
        // cc24-19 (white 9.5) at 380 nm, straight from the table
        double[] white = ChartSpectra.reflectance("cc24-19").orElseThrow();
        assertEquals(0.189, white[0], 0);
        double[] red = ChartSpectra.reflectance("cc24-15").orElseThrow();
        assertTrue(red[80] > 0.5 && red[20] < 0.1, "red patch reflects long wavelengths");
    }

    @Test
    void unknownIdIsEmptyAndCopiesCannotChangeTheTable() {
        assertTrue(ChartSpectra.reflectance("cc24-25").isEmpty());
        assertTrue(ChartSpectra.reflectance("white 9.5").isEmpty());
        assertTrue(ChartSpectra.reflectance("").isEmpty());
        double[] a = ChartSpectra.reflectance("p190-001").orElseThrow();
        a[0] = 42;
        assertNotSame(a, ChartSpectra.reflectance("p190-001").orElseThrow());
        assertTrue(ChartSpectra.reflectance("p190-001").orElseThrow()[0] < 2);
    }
}
