package emu.calibration.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RGB spaces, adaptation, CIELAB and the input encodings against published matrices and values. */
class ColourSpacesTest {

    @Test
    void rec709ToXyzMatchesIec61966() {
        // IEC 61966-2-1:1999 eq. 7, printed to 4 decimals.
        double[] expected = {
            0.4124, 0.3576, 0.1805,
            0.2126, 0.7152, 0.0722,
            0.0193, 0.1192, 0.9505,
        };
        assertArrayEquals(expected, RgbSpace.REC709.toXyz(), 1e-4);
    }

    @Test
    void arriWideGamut3MatchesArriMatrix() {
        // ARRI, "ALEXA Log C Curve - Usage in VFX", AWG -> XYZ.
        double[] expected = {
            0.638008, 0.214704, 0.097744,
            0.291954, 0.823841, -0.115795,
            0.002798, -0.067034, 1.153294,
        };
        assertArrayEquals(expected, RgbSpace.ARRI_WIDE_GAMUT_3.toXyz(), 2e-6);
    }

    @Test
    void rec709ToAp1IsTheBradfordMatrixAcesPublishes() {
        // Rebuilt as published: S-2014-004 AP1 NPM, Bradford, IEC 61966-2-1 eq. 7 matrix.
        double[] ap1Npm = {
            0.6624541811, 0.1340042065, 0.1561876870,
            0.2722287168, 0.6740817658, 0.0536895174,
            -0.0055746495, 0.0040607335, 1.0103391003,
        };
        double[] iec = {0.4124, 0.3576, 0.1805, 0.2126, 0.7152, 0.0722, 0.0193, 0.1192, 0.9505};
        double[] cat = ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), RgbSpace.ACES_AP1.whiteXyz());
        double[] rebuilt = Matrices.multiply(Matrices.invert(ap1Npm), Matrices.multiply(cat, iec));
        assertArrayEquals(Matrices.REC709_TO_AP1_PUBLISHED, rebuilt, 1e-9);
        assertArrayEquals(ap1Npm, RgbSpace.ACES_AP1.toXyz(), 1e-6);
        // From the primaries alone: within 1e-4 (measured 7e-5).
        double[] derived = RgbSpace.conversion(RgbSpace.REC709, RgbSpace.ACES_AP1);
        assertArrayEquals(Matrices.REC709_TO_AP1_PUBLISHED, derived, 1e-4);
        assertArrayEquals(new double[] {1, 1, 1}, Matrices.apply(derived, new double[] {1, 1, 1}), 1e-12);
    }

    @Test
    void matrixInverseAndBradfordIdentity() {
        double[] m = RgbSpace.REC2020.toXyz();
        double[] id = Matrices.multiply(m, Matrices.invert(m));
        assertArrayEquals(Matrices.diagonal(1, 1, 1), id, 1e-12);
        double[] d65 = RgbSpace.REC709.whiteXyz();
        assertArrayEquals(Matrices.diagonal(1, 1, 1), ChromaticAdaptation.bradford(d65, d65), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Matrices.invert(new double[9]));
    }

    @Test
    void cielabOfSrgbPrimaries() {
        assertArrayEquals(new double[] {100, 0, 0}, Cielab.fromSrgb(1, 1, 1), 1e-9);
        assertArrayEquals(new double[] {53.2408, 80.0925, 67.2032}, Cielab.fromSrgb(1, 0, 0), 0.01);
        assertArrayEquals(new double[] {32.2970, 79.1875, -107.8602}, Cielab.fromSrgb(0, 0, 1), 0.01);
        assertArrayEquals(new double[] {0, 0, 0}, Cielab.fromSrgb(0, 0, 0), 1e-12);
        // Below the (6/29)^3 break: L* = 903.3 Y (CIE 15:2004).
        double[] white = RgbSpace.REC709.whiteXyz();
        double[] dark = Cielab.fromXyz(new double[] {0.001 * white[0], 0.001, 0.001 * white[2]}, white);
        assertEquals(24389.0 / 27 * 0.001, dark[0], 1e-9);
        for (double[] lab : new double[][] {{50, 20, -30}, {5, -3, 2}, {95, 1, 80}}) {
            assertArrayEquals(lab, Cielab.fromXyz(Cielab.toXyz(lab, white), white), 1e-9);
        }
    }

    @Test
    void inputEncodingsRoundTripThroughRec709() {
        double[] rgb = {0.18, 0.18, 0.18, 0.5, 0.2, 0.05, 0.01, 0.3, 0.9};
        for (String name : InputEncoding.names()) {
            InputEncoding e = InputEncoding.get(name);
            assertArrayEquals(rgb, e.toRec709Linear(e.fromRec709Linear(rgb)), 1e-9, name);
        }
        // Grey stays grey; the published AP1 matrix's rows sum to 1 + 9e-5 (4-decimal IEC
        // matrix), which moves ACEScct by 7e-6.
        double[] grey = InputEncoding.get("acescct").fromRec709Linear(new double[] {0.18, 0.18, 0.18});
        assertArrayEquals(new double[] {0.4135884, 0.4135884, 0.4135884}, grey, 1e-5);
        assertEquals(0.391007, InputEncoding.get("logc3").fromRec709Linear(new double[] {0.18, 0.18, 0.18})[1], 1e-6);
        assertEquals(RgbSpace.S_GAMUT3_CINE, InputEncoding.get("slog3").space());
        assertEquals(RgbSpace.REC2020, InputEncoding.get("pq").space());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> InputEncoding.get("vlog"));
        assertTrue(ex.getMessage().contains("acescct"), ex.getMessage());
    }

    @Test
    void logShaperIsStopsAndKeepsNegatives() {
        LogShaper s = LogShaper.DEFAULT;
        assertEquals(1.0, s.forward(0.36) - s.forward(0.18), 1e-4);
        assertEquals(0, s.forward(0), 0);
        assertEquals(-s.forward(0.01), s.forward(-0.01), 1e-15);
        for (double x : new double[] {-1, -1e-3, 0, 1e-5, 0.18, 100}) {
            assertEquals(x, s.inverse(s.forward(x)), 1e-12 * Math.max(1, Math.abs(x)));
        }
        assertThrows(IllegalArgumentException.class, () -> new LogShaper(0));
    }
}
