package emu.calibration.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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

        PerIlluminantModel m = (PerIlluminantModel) Candidate.parse("root-polynomial:degree=1:illuminant=per")
                .fit(FittersTest.TRAIN, 1, IlluminantFeatures.from(FittersTest.TRAIN));
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
}
