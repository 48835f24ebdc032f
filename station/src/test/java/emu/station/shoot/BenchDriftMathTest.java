package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import emu.station.store.DriftRepository.Reference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift arithmetic on hand-made references: interpolation by step, the exposure / colour split, the flag. */
class BenchDriftMathTest {
    private static Reference ref(long run, int position, double r, double g, double b) {
        return new Reference(position + 1, 1, run, position, "f" + position, r, g, b, Instant.EPOCH);
    }

    @Test
    void aCapturesFactorIsInterpolatedBetweenTheReferencesAroundItAndHeldPastTheLast() {
        List<Reference> refs = List.of(ref(1, 0, 0.2, 0.2, 0.2), ref(1, 4, 0.18, 0.2, 0.22));
        assertArrayEquals(new double[] {0.95, 1.0, 1.05}, BenchDrift.factorAt(refs, 2), 1e-12);
        assertArrayEquals(new double[] {0.9875, 1.0, 1.0125}, BenchDrift.factorAt(refs, 0.5), 1e-12);
        assertArrayEquals(new double[] {0.9, 1.0, 1.1}, BenchDrift.factorAt(refs, 6.5), 1e-12, "held after the last reference");
        assertArrayEquals(new double[] {1, 1, 1}, BenchDrift.factorAt(refs.subList(0, 1), 3), 1e-12, "one reference: no drift known");
    }

    @Test
    void aLaterRunIsNormalisedToTheSetsFirstReference() {
        Reference base = ref(1, 0, 0.2, 0.2, 0.2);
        List<Reference> later = List.of(ref(9, 0, 0.19, 0.2, 0.2), ref(9, 2, 0.18, 0.2, 0.2));
        assertArrayEquals(new double[] {0.9125, 1.0, 1.0}, BenchDrift.factorAt(base, later, 1.5), 1e-12,
                "three quarters of the way from 0.95 to 0.90 of the set's first");
        assertArrayEquals(new double[] {0.95, 1.0, 1.0}, BenchDrift.factorAt(base, later.subList(0, 1), 0.5), 1e-12,
                "one reference in the run: its level against the set's first");
        assertArrayEquals(new double[] {0.9, 1.0, 1.0}, BenchDrift.factorAt(base, later.subList(1, 2), 0.5), 1e-12,
                "a capture before the run's first successful reference takes that reference's level (not NaN)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theViewSplitsExposureFromLightColourAndFlagsARunOverTheThreshold() {
        List<Reference> refs = List.of(ref(1, 0, 1, 1, 1), ref(1, 5, 0.99, 0.99, 0.99),
                ref(7, 0, 1, 1, 1), ref(7, 3, 0.97, 1.0, 1.03));
        Map<String, Object> v = BenchDrift.view(refs, 2.0);
        assertEquals(true, v.get("flagged"));
        List<Map<String, Object>> runs = (List<Map<String, Object>>) v.get("runs");
        assertEquals(false, runs.get(0).get("flagged"), "1% stays under 2%");
        assertEquals(-1.0, (Double) runs.get(0).get("exposure_drift_percent"), 1e-3);
        assertEquals(List.of(0.0, 0.0, 0.0), runs.get(0).get("light_drift_percent"), "a level change only");
        assertEquals(true, runs.get(1).get("flagged"));
        assertEquals(3.0, (Double) runs.get(1).get("max_drift_percent"), 1e-3);
        double e = Math.cbrt(0.97 * 1.03);
        assertEquals((e - 1) * 100, (Double) runs.get(1).get("exposure_drift_percent"), 1e-3);
        List<Double> light = (List<Double>) runs.get(1).get("light_drift_percent");
        assertEquals((0.97 / e - 1) * 100, light.get(0), 1e-3);
        assertEquals((1.03 / e - 1) * 100, light.get(2), 1e-3);
    }
}
