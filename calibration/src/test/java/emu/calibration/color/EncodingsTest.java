package emu.calibration.color;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Transfer functions against values published in (or computed exactly from) their specs. */
class EncodingsTest {

    @Test
    void srgbMatchesIec61966() {
        Encoding e = Encodings.get("srgb");
        // Segment join: 12.92 * 0.0031308 = 0.040449936 (IEC 61966-2-1 eq. 5).
        assertEquals(0.040449936, e.encode(0.0031308), 1e-9);
        assertEquals(1.055 * Math.pow(0.0031308, 1 / 2.4) - 0.055, e.encode(0.0031308), 1e-6);
        assertEquals(0.461356129500, e.encode(0.18), 1e-9);
        assertEquals(1.0, e.encode(1.0), 1e-12);
        assertEquals(0.0031308, e.decode(0.040449936), 1e-9);
        assertEquals(-e.encode(0.5), e.encode(-0.5), 0);
    }

    @Test
    void rec709MatchesBt709AndBt1886() {
        Encoding e = Encodings.get("rec709");
        // The segments meet at L = 0.018 up to the spec's rounded constants (0.0810 vs 0.0812).
        assertEquals(0.081, e.encode(0.0179999999), 1e-9);
        assertEquals(0.081248, e.encode(0.018), 1e-6);
        assertEquals(0.409007728864, e.encode(0.18), 1e-9);
        assertEquals(1.0, e.encode(1.0), 1e-12);
        // BT.1886 with Lb = 0 reduces to Lw V^2.4.
        assertEquals(100 * Math.pow(0.5, 2.4), Rec709.bt1886Eotf(0.5, 100, 0), 1e-9);
        assertEquals(100, Rec709.bt1886Eotf(1, 100, 0.1), 1e-9);
        assertEquals(0.1, Rec709.bt1886Eotf(0, 100, 0.1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Rec709.bt1886Eotf(0.5, 0, 1));
    }

    @Test
    void acescctMatchesS2016001() {
        Encoding e = Encodings.get("acescct");
        assertEquals(0.4135884, e.encode(0.18), 1e-7);
        assertEquals(0.155251141552511, e.encode(0.0078125), 1e-12);
        assertEquals(0.0729055341958355, e.encode(0), 1e-15);
        assertEquals(65504, e.decode(2.0), 0);
    }

    @Test
    void logc3MatchesArriEi800() {
        Encoding e = Encodings.get("logc3");
        assertEquals(0.391007, e.encode(0.18), 1e-6);
        assertEquals(0.092809, e.encode(0), 1e-12);
    }

    @Test
    void slog3MatchesSonyTechnicalSummary() {
        Encoding e = Encodings.get("slog3");
        assertEquals(420.0 / 1023, e.encode(0.18), 1e-12); // 0.41055
        assertEquals(0.41055, e.encode(0.18), 1e-5);
        assertEquals(95.0 / 1023, e.encode(0), 1e-12);
        assertEquals(171.2102946929 / 1023, e.encode(0.01125), 1e-9);
    }

    @Test
    void pqMatchesSt2084() {
        assertEquals(0.508078, Pq.encodeNits(100), 1e-6);
        assertEquals(0.751827, Pq.encodeNits(1000), 1e-6);
        assertEquals(1.0, Pq.encodeNits(10000), 1e-12);
        assertEquals(100, Pq.decodeNits(0.508078), 1e-3);
        assertEquals(Pq.encodeNits(100), Encodings.get("pq").encode(1.0), 1e-12); // 1.0 = 100 cd/m2
    }

    @Test
    void hlgMatchesBt2100() {
        Encoding e = Encodings.get("hlg");
        assertEquals(0.5, e.encode(1.0 / 12), 1e-12);
        assertEquals(1.0, e.encode(1.0), 1e-6);
        assertEquals(1.0 / 12, e.decode(0.5), 1e-12);
    }

    @Test
    void everyEncodingRoundTrips() {
        double[] xs = {-0.05, 0, 1e-4, 0.005, 0.0078125, 0.0106, 0.0113, 0.018, 0.18, 0.5, 1, 4, 16};
        for (String name : Encodings.names()) {
            Encoding e = Encodings.get(name);
            for (double x : xs) {
                if (x < 0 && name.equals("acescct")) {
                    continue; // linear toe continues below zero, checked below
                }
                assertEquals(x, e.decode(e.encode(x)), 1e-9 * Math.max(1, Math.abs(x)), name + " at " + x);
            }
            double[] arr = e.encode(new double[] {0.1, 0.2});
            assertEquals(e.encode(0.2), arr[1], 0);
        }
        assertEquals(-0.001, Encodings.get("acescct").decode(Encodings.get("acescct").encode(-0.001)), 1e-12);
    }

    @Test
    void unknownNameListsKnownOnes() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Encodings.get("rec2100"));
        assertTrue(ex.getMessage().contains("srgb") && ex.getMessage().contains("slog3"), ex.getMessage());
        assertEquals("srgb", Encodings.get("SRGB").name());
    }
}
