package emu.calibration.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generator of {@code illuminant_chromaticities.csv}: recomputes every row from the SPDs
 * (the registry's {@code cie_illuminants.csv}, colour-science, BSD-3-Clause) and the CMFs, and
 * checks published values.
 */
class IlluminantChromaticitiesTest {

    @Test
    void tableIsTheSpdsIntegratedAgainstTheCmfs() throws Exception {
        List<String[]> spd = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("cie_illuminants.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                spd.add(line.split(","));
            }
        }
        List<String[]> cmf = Illuminants.rows("cie1931_2deg_cmfs.csv");
        String[] names = spd.get(0);
        assertEquals(names.length - 1, Illuminants.tabulated().size());
        for (int c = 1; c < names.length; c++) {
            double x = 0, y = 0, z = 0;
            for (int i = 0; i < cmf.size(); i++) {
                double s = Double.parseDouble(spd.get(i + 1)[c]);
                assertEquals(spd.get(i + 1)[0], cmf.get(i)[0]);
                x += s * Double.parseDouble(cmf.get(i)[1]);
                y += s * Double.parseDouble(cmf.get(i)[2]);
                z += s * Double.parseDouble(cmf.get(i)[3]);
            }
            double sum = x + y + z;
            assertArrayEquals(new double[] {x / sum, y / sum}, Illuminants.xy(names[c]).orElseThrow(), 1e-6, names[c]);
        }
    }

    @Test
    void publishedValues() {
        // CIE 15:2004 Table T.3 (2-degree): A 0.44757, 0.40745; D65 0.31271, 0.32902; D50 0.34567, 0.35850.
        assertArrayEquals(new double[] {0.44757, 0.40745}, Illuminants.xy("A").orElseThrow(), 2e-5);
        assertArrayEquals(new double[] {0.31271, 0.32902}, Illuminants.xy("d65").orElseThrow(), 2e-5);
        assertArrayEquals(new double[] {0.34567, 0.35850}, Illuminants.xy("D50").orElseThrow(), 2e-5);
        assertArrayEquals(Illuminants.xy("FL11").orElseThrow(), Illuminants.xy("F11").orElseThrow(), 0);
        // Planckian locus at 2856 K is illuminant A's chromaticity (CIE 15:2004 section 3.1).
        assertArrayEquals(new double[] {0.44757, 0.40745}, Illuminants.xy("2856K").orElseThrow(), 3e-4);
        // The daylight formula at D65's CCT gives D65's xy (CIE 15:2004 eq. 3.3).
        assertArrayEquals(new double[] {0.31271, 0.32902}, Illuminants.daylightXy(6504), 1e-4);
        assertArrayEquals(Illuminants.daylightXy(6000 * 1.4388 / 1.4380), Illuminants.xy("D60").orElseThrow(), 0);
        assertTrue(Illuminants.xy("sodium").isEmpty());
        assertTrue(Illuminants.xy("99999K").isEmpty());
        double[] xy = {0.3127, 0.329};
        assertArrayEquals(xy, Illuminants.xyFromUv1960(Illuminants.uv1960(xy)), 1e-12);
        // D65 u'v' = 0.1978, 0.4683 (CIE 15:2004 Table T.3); v = 2/3 v'.
        assertArrayEquals(new double[] {0.1978, 0.4683 * 2 / 3}, Illuminants.uv1960(xy), 1e-4);
    }
}
