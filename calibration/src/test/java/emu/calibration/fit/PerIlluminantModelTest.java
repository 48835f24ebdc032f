package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerIlluminantModelTest {

    @Test
    void unseenLightsAreServedByTheirSpectralFamily() {
        assertEquals("fluorescent", PerIlluminantModel.family("FL4"));
        assertEquals("fluorescent", PerIlluminantModel.family("f11"));
        assertEquals("led", PerIlluminantModel.family("LED-B1"));
        assertEquals("broadband", PerIlluminantModel.family("4000K"));
        assertEquals("broadband", PerIlluminantModel.family("D50"));
        assertEquals("broadband", PerIlluminantModel.family("A"));
        assertEquals("", PerIlluminantModel.family("sodium"));
        // Continuous-spectrum lamps behave like broadband sources, not like their namesakes.
        assertEquals("broadband", PerIlluminantModel.family("FL7"));
        assertEquals("broadband", PerIlluminantModel.family("F8"));
        assertEquals("broadband", PerIlluminantModel.family("LED-V2"));
        assertEquals("fluorescent", PerIlluminantModel.family("FL10"));
        assertEquals("led", PerIlluminantModel.family("LED-BH1"));

        // Without spectra (a registry that knows none of these names) the family rule serves.
        PerIlluminantModel m = ((PerIlluminantModel) Candidate.parse("root-polynomial:degree=1:illuminant=per")
                .fit(FittersTest.TRAIN, 1, IlluminantFeatures.from(FittersTest.TRAIN))).withSpectra(n -> Optional.empty());
        // 4000 K has FL11's chromaticity, but is a broadband source: A and D65 serve it, blended.
        assertEquals(Set.of("A", "D65"), Set.copyOf(m.nearest("4000K")));
        assertEquals(List.of("FL11"), m.nearest("FL4"));
        assertEquals(List.of("D65"), m.nearest("FL7")); // FL7 has D65's chromaticity
        double[] probe = {0.18, 0.18, 0.18, 0.4, 0.2, 0.1};
        assertArrayEquals(m.predict(probe, "FL11"), m.predict(probe, "FL4"), 0);
        double[] blend = m.predict(probe, "4000K");
        double[] a = m.predict(probe, "A");
        double[] d = m.predict(probe, "D65");
        for (int i = 0; i < blend.length; i++) {
            double lo = Math.min(a[i], d[i]);
            double hi = Math.max(a[i], d[i]);
            assertEquals(true, blend[i] >= lo - 1e-12 && blend[i] <= hi + 1e-12, "blend between A and D65 at " + i);
        }
    }

    /** Spectra on the 81-sample grid: a smooth "warm" one, a flat one and a spiky one. */
    static final double[] WARM = new double[81];
    static final double[] FLAT = new double[81];
    static final double[] SPIKY = new double[81];

    static {
        for (int i = 0; i < 81; i++) {
            WARM[i] = 0.2 + i / 80.0;
            FLAT[i] = 1;
            SPIKY[i] = i % 10 == 3 ? 6 : 0.3;
        }
    }

    static Optional<double[]> spectrum(String name) {
        return switch (name) {
            case "A" -> Optional.of(WARM.clone());
            case "D65" -> Optional.of(FLAT.clone());
            case "FL11" -> Optional.of(SPIKY.clone());
            case "mixed" -> {
                double[] s = new double[81];
                for (int i = 0; i < 81; i++) {
                    s[i] = 0.25 * WARM[i] + 0.75 * FLAT[i];
                }
                yield Optional.of(s);
            }
            case "mostly-spiky" -> {
                double[] s = new double[81];
                for (int i = 0; i < 81; i++) {
                    s[i] = 0.9 * SPIKY[i] + 0.1 * WARM[i] + (i == 40 ? 0.05 : 0); // a little off the mixtures
                }
                yield Optional.of(s);
            }
            default -> Optional.empty();
        };
    }

    @Test
    void unseenLightsWithASpectrumAreServedByTheMixtureOfTrainedSpectra() {
        PerIlluminantModel m = ((PerIlluminantModel) Candidate.parse("root-polynomial:degree=1:illuminant=per")
                .fit(FittersTest.TRAIN, 1, IlluminantFeatures.from(FittersTest.TRAIN)))
                .withSpectra(PerIlluminantModelTest::spectrum);
        Map<String, Double> w = m.mixture("mixed").orElseThrow();
        assertEquals(Set.of("A", "D65"), w.keySet());
        assertEquals(0.25, w.get("A"), 1e-9);
        assertEquals(0.75, w.get("D65"), 1e-9);
        double[] probe = {0.18, 0.18, 0.18, 0.4, 0.2, 0.1};
        double[] mixed = m.predict(probe, "mixed");
        double[] a = m.predict(probe, "A");
        double[] d = m.predict(probe, "D65");
        for (int i = 0; i < mixed.length; i++) {
            assertEquals(0.25 * a[i] + 0.75 * d[i], mixed[i], 1e-12);
        }
        assertTrue(m.serving("mixed").contains("D65 0.75 + A 0.25"), m.serving("mixed"));
        // Mostly the line spectrum: FL11 dominates, weights are non-negative and sum to 1.
        Map<String, Double> s = m.mixture("mostly-spiky").orElseThrow();
        assertTrue(s.get("FL11") > 0.8, s.toString());
        assertEquals(1, s.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        s.values().forEach(v -> assertTrue(v >= LightMixture.MIN_SHARE));
        // No spectrum: the family rule (4000K is not known to this registry).
        assertTrue(m.mixture("4000K").isEmpty());
        assertTrue(m.serving("4000K").contains("blend of"), m.serving("4000K"));
        // A trained light is its own model, whatever its spectrum.
        assertArrayEquals(m.predict(probe, "FL11"), ((PerIlluminantModel) Candidate.parse(
                "root-polynomial:degree=1:illuminant=per").fit(FittersTest.TRAIN, 1,
                IlluminantFeatures.from(FittersTest.TRAIN))).predict(probe, "FL11"), 0);
    }

    @Test
    void nnlsFindsAnExactNonNegativeMixtureAndClipsNegativeOnes() {
        double[][] a = {WARM, FLAT, SPIKY};
        double[] y = new double[81];
        for (int i = 0; i < 81; i++) {
            y[i] = 0.5 * WARM[i] + 0.2 * SPIKY[i];
        }
        assertArrayEquals(new double[] {0.5, 0, 0.2}, LightMixture.nnls(a, y), 1e-9);
        // 2 * WARM - FLAT needs a negative weight: the best non-negative fit has none below 0.
        for (int i = 0; i < 81; i++) {
            y[i] = 2 * WARM[i] - FLAT[i];
        }
        for (double v : LightMixture.nnls(a, y)) {
            assertTrue(v >= 0);
        }
    }
}
