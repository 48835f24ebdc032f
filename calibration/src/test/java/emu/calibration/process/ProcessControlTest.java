package emu.calibration.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The control values, the limits' verdicts at and beyond each limit, the spreads and the charts. */
class ProcessControlTest {
    private static final StripDensities REFERENCE = new StripDensities(new double[] {0.25, 0.65, 0.90},
            new double[] {0.90, 1.30, 1.60}, new double[] {1.90, 2.35, 2.75});

    private static StripDensities shifted(double dmin, double[] ld, double[] hd) {
        double[] m = new double[3];
        double[] l = new double[3];
        double[] h = new double[3];
        for (int c = 0; c < 3; c++) {
            m[c] = REFERENCE.dmin()[c] + dmin;
            l[c] = REFERENCE.ld()[c] + ld[c];
            h[c] = REFERENCE.hd()[c] + hd[c];
        }
        return new StripDensities(m, l, h);
    }

    @Test
    void controlValuesAreDeviationsFromTheReferenceWithContrastAsHdMinusLd() {
        ControlValues v = ControlValues.of(shifted(0.01, new double[] {0.02, 0.03, 0.04}, new double[] {0.05, 0.03, 0.10}),
                REFERENCE);
        assertEquals(0.01, v.dmin()[2], 1e-12);
        assertEquals(0.03, v.ld()[1], 1e-12);
        assertEquals(0.03, v.hdMinusLd()[0], 1e-12);
        assertEquals(0.0, v.hdMinusLd()[1], 1e-12);
        assertEquals(0.06, v.hdMinusLd()[2], 1e-12);
        assertEquals(0.02, v.spread(ControlValue.LD), 1e-12);
        assertEquals(0.06, v.spread(ControlValue.HD_LD), 1e-12);
    }

    @Test
    void theC41LimitsJudgeEachSideOfTheActionAndControlLimits() {
        ProcessLimits l = ProcessLimits.C41_Z131;
        assertEquals(Verdict.IN_CONTROL, Verdict.of(0.059, l.ld()));
        assertEquals(Verdict.BEYOND_ACTION, Verdict.of(-0.061, l.ld()));
        assertEquals(Verdict.BEYOND_ACTION, Verdict.of(0.08, l.ld()));
        assertEquals(Verdict.OUT_OF_CONTROL, Verdict.of(0.081, l.ld()));
        assertEquals(Verdict.OUT_OF_CONTROL, Verdict.of(-0.051, l.dmin()));
        assertEquals(Verdict.BEYOND_ACTION, Verdict.of(0.071, l.hdLd()));
        assertEquals(Verdict.OUT_OF_CONTROL, Verdict.of(0.091, l.hdLd()));
        assertTrue(l.source().contains("Z-131"), l.source());
        assertTrue(ProcessLimits.published(Process.C41).isPresent());
        assertFalse(ProcessLimits.published(Process.E6).isPresent(), "no E-6 numbers were found; none may be invented");
        assertFalse(ProcessLimits.published(Process.ECN2).isPresent());
    }

    @Test
    void aPushedStripIsOutOfControlWithItsNumbersAndAGoodOneIsIn() {
        Evaluation good = Evaluation.of(ControlValues.of(shifted(0.01, new double[] {0.02, -0.01, 0.03},
                new double[] {0.03, 0.0, 0.04}), REFERENCE), ProcessLimits.C41_Z131);
        assertEquals(Verdict.IN_CONTROL, good.verdict());
        assertTrue(good.breaches().isEmpty());
        // a third of a stop more development: speed up ~0.1 log H on a 0.9-gradient strip, contrast +5%
        Evaluation pushed = Evaluation.of(ControlValues.of(shifted(0.01, new double[] {0.09, 0.10, 0.085},
                new double[] {0.14, 0.15, 0.14}), REFERENCE), ProcessLimits.C41_Z131);
        assertTrue(pushed.outOfControl());
        Evaluation.Breach first = pushed.breaches().get(0);
        assertEquals(ControlValue.LD, first.value());
        assertEquals("r", first.channel());
        assertEquals("LD (speed) r +0.090 beyond the control limit ±0.08", first.describe());
    }

    @Test
    void aSpreadBeyondItsLimitIsOutOfControlThoughEveryChannelIsWithinItsLimits() {
        Evaluation e = Evaluation.of(ControlValues.of(shifted(0, new double[] {0.05, -0.05, 0.0}, new double[] {0.05, -0.05, 0}),
                REFERENCE), ProcessLimits.C41_Z131);
        assertEquals(Verdict.OUT_OF_CONTROL, e.verdict());
        assertEquals(1, e.breaches().size());
        assertEquals("spread", e.breaches().get(0).channel());
        assertEquals(0.10, e.breaches().get(0).deviation(), 1e-12);
    }

    @Test
    void chartsHoldNineSeriesInDateOrderWithOutOfControlPointsMarked() {
        List<ControlChart.Strip> strips = List.of(
                new ControlChart.Strip("2026-11-03", "R2", ControlValues.of(shifted(0, new double[] {0.1, 0.1, 0.1},
                        new double[] {0.1, 0.1, 0.1}), REFERENCE)),
                new ControlChart.Strip("2026-11-01", "R1", ControlValues.of(REFERENCE, REFERENCE)));
        List<ControlChart.Series> charts = ControlChart.of(strips, ProcessLimits.C41_Z131);
        assertEquals(9, charts.size());
        ControlChart.Series ldGreen = charts.stream().filter(s -> s.value() == ControlValue.LD && s.channel().equals("g"))
                .findFirst().orElseThrow();
        assertEquals(0.06, ldGreen.actionLimit());
        assertEquals(0.08, ldGreen.controlLimit());
        assertEquals("R1", ldGreen.points().get(0).roll());
        assertEquals(Verdict.IN_CONTROL, ldGreen.points().get(0).verdict());
        assertEquals(Verdict.OUT_OF_CONTROL, ldGreen.points().get(1).verdict());
        ControlChart.Series unjudged = ControlChart.of(strips, null).get(0);
        assertNull(unjudged.controlLimit());
        assertNull(unjudged.points().get(0).verdict());
    }

    @Test
    void badDensitiesAndLimitsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new StripDensities(new double[] {0.2, 0.6, 0.9}, new double[] {0.9, Double.NaN, 1.6}, new double[] {2, 2, 2}));
        assertTrue(e.getMessage().startsWith("ld_g:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProcessLimits.Limit(0.08, 0.06));
        assertThrows(IllegalArgumentException.class, () -> Process.of("C41"));
        assertEquals(Process.ECN2, Process.of("ECN-2"));
        assertEquals(List.of("dmin_r", "dmin_g", "dmin_b", "ld_r", "ld_g", "ld_b", "hd_r", "hd_g", "hd_b"),
                List.of(StripDensities.fieldNames()));
    }

    @Test
    void aStripScanReadsBackItsDensitiesAndAScanOfSomethingElseIsRefused() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(
                new java.awt.image.ComponentColorModel(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
                        false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT),
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_USHORT, 300, 60, 3, null), false, null);
        StripDensities read = StripScan.read(StripScan.render(REFERENCE, img));
        for (int i = 0; i < 9; i++) {
            assertEquals(REFERENCE.flat()[i], read.flat()[i], 0.002, "density " + StripDensities.fieldNames()[i]);
        }
        // a gradient where LD should be: not a strip laid out D-min | LD | HD
        for (int x = 100; x < 200; x++) {
            for (int y = 0; y < 60; y++) {
                img.getRaster().setSample(x, y, 1, (x - 100) * 600);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StripScan.read(img));
        assertTrue(e.getMessage().startsWith("ld: the patch is not uniform"), e.getMessage());
    }
}
