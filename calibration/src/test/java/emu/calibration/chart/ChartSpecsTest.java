package emu.calibration.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry and the generator of the patch tables: every reference Y is recomputed from the
 * spectra (the reflectance tables ChartSpectra reads, parsed here on their own) with the CIE 1931
 * CMFs and D65 (calibration.color's resources).
 */
class ChartSpecsTest {

    @Test
    void registryKnowsBothChartsAndNamesTheOthersOnAMiss() {
        assertEquals(List.of("colorchecker24", "ampas190"), List.copyOf(ChartSpecs.names()));
        ChartSpec cc = ChartSpecs.byName("colorchecker24");
        assertEquals(24, cc.patchCount());
        assertEquals("dark skin", cc.patchName(0));
        assertEquals("bluish green", cc.patchName(5));
        assertEquals("white 9.5", cc.patchName(18));
        assertEquals("black 2", cc.patchName(23));
        assertEquals("cc24-01", cc.patchId(0));
        assertEquals("cc24-24", cc.patchId(23));
        assertEquals(18, cc.patchIndex("cc24-19"));
        assertEquals(18, cc.patchIndex("white 9.5"));
        assertArrayEquals(new int[] {18, 19, 20, 21, 22, 23}, cc.neutralRamp());
        ChartSpec ampas = ChartSpecs.byName("ampas190");
        assertEquals(10, ampas.rows());
        assertEquals(19, ampas.cols());
        assertEquals("patch20", ampas.patchName(19));
        assertEquals("p190-020", ampas.patchId(19));
        assertEquals(1, ampas.row(19));
        assertEquals(0, ampas.col(19));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChartSpecs.byName("sg140"));
        assertTrue(e.getMessage().contains("colorchecker24") && e.getMessage().contains("ampas190"), e.getMessage());
    }

    @Test
    void geometryFollowsArgyllsColorCheckerReference() {
        ChartSpec cc = ChartSpecs.colorChecker24();
        assertEquals(332.5, cc.width(), 1e-9);
        assertEquals(227.5, cc.height(), 1e-9);
        assertArrayEquals(new double[] {35, 35}, cc.patchCentre(0), 1e-9);
        assertArrayEquals(new double[] {35 + 5 * 52.5, 35 + 3 * 52.5}, cc.patchCentre(23), 1e-9);
        double[][] corners = cc.gridCorners();
        assertArrayEquals(new double[] {12, 12}, corners[0], 1e-9);
        assertArrayEquals(new double[] {320.5, 215.5}, corners[2], 1e-9);
        double[][] sq = cc.patchSquare(7, 0.5);
        assertEquals(23, sq[1][0] - sq[0][0], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> cc.patchSquare(0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> cc.patchIndex("chartreuse"));
        assertEquals(0, cc.patchAt(12, 12));
        assertEquals(0, cc.patchAt(57.9, 57.9));
        assertEquals(ChartSpec.SURROUND, cc.patchAt(58.1, 30));
        assertEquals(1, cc.patchAt(64.6, 30));
        assertEquals(23, cc.patchAt(320.4, 215.4));
        assertEquals(ChartSpec.SURROUND, cc.patchAt(5, 100));
        assertEquals(ChartSpec.OFF_CHART, cc.patchAt(-1, 100));
        assertEquals(ChartSpec.OFF_CHART, cc.patchAt(100, 227.5));
    }

    @Test
    void referenceYIsTheSpectraUnderD65() throws Exception {
        List<String[]> cmf = csv("/emu/calibration/color/cie1931_2deg_cmfs.csv");
        List<String[]> ill = csv("/emu/calibration/color/cie_illuminants.csv");
        int d65 = List.of(ill.get(0)).indexOf("D65");
        assertTrue(d65 > 0, "D65 column");
        check(ChartSpecs.colorChecker24(), csv("/emu/calibration/chart/colorchecker24_babelcolor_avg.csv"), cmf, ill, d65);
        check(ChartSpecs.byName("ampas190"), csv("/emu/calibration/chart/ampas_190_patches.csv"), cmf, ill, d65);
    }

    private static void check(ChartSpec spec, List<String[]> refl, List<String[]> cmf, List<String[]> ill, int d65) {
        assertEquals(spec.patchCount() + 1, refl.get(0).length);
        for (int p = 0; p < spec.patchCount(); p++) {
            assertTrue(refl.get(0)[p + 1].startsWith(spec.patchName(p)), refl.get(0)[p + 1] + " vs " + spec.patchName(p));
            double num = 0;
            double den = 0;
            for (int w = 1; w < refl.size(); w++) {
                assertEquals(refl.get(w)[0], cmf.get(w)[0], "wavelength rows line up");
                assertEquals(refl.get(w)[0], ill.get(w)[0], "wavelength rows line up");
                double sy = Double.parseDouble(ill.get(w)[d65]) * Double.parseDouble(cmf.get(w)[2]);
                num += Double.parseDouble(refl.get(w)[p + 1]) * sy;
                den += sy;
            }
            assertEquals(100 * num / den, spec.referenceY(p), 0.0006, spec.name() + " " + spec.patchName(p));
        }
    }

    private static List<String[]> csv(String resource) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ChartSpecsTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }
}
