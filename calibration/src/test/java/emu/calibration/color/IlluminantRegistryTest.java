package emu.calibration.color;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one illuminant registry: names and aliases, families, spectra, and its errors. */
class IlluminantRegistryTest {

    @Test
    void daylightComponentsReproduceTheTabulatedCieDaylights() {
        // CIE 15:2018: D50, D55, D65, D75 are S0 + M1 S1 + M2 S2 at nominal CCT * 1.4388 / 1.4380;
        // the published 5 nm tables agree with the components to their printed precision.
        for (String name : List.of("D50", "D55", "D65", "D75")) {
            double cct = Integer.parseInt(name.substring(1)) * 100 * 1.4388 / 1.4380;
            double[] computed = Illuminants.daylight(name, cct).spd();
            double[] table = Illuminants.get(name).spd();
            for (int i = 0; i < table.length; i++) {
                assertEquals(table[i], computed[i], 2e-3 * table[i], name + " at " + Illuminant.wavelength(i) + " nm");
            }
        }
    }

    @Test
    void anyDaylightHasASpectrumWhoseChromaticityIsOnTheDaylightLocus() {
        for (String name : List.of("D40", "D60", "D93", "D249")) {
            Illuminant d = Illuminants.get(name);
            assertEquals(Illuminant.Family.DAYLIGHT, d.family());
            double[] ofSpd = Illuminants.get(name).xy();
            assertArrayEquals(Illuminants.daylightXy(Integer.parseInt(name.substring(1)) * 100 * 1.4388 / 1.4380), ofSpd, 0);
            assertArrayEquals(ofSpd, xyOf(d.spd()), 2e-4, name + ": SPD and locus agree");
        }
        assertEquals("D93", Illuminants.get(" d93 ").name());
    }

    @Test
    void namesAliasesAndFamilies() {
        assertEquals("FL11", Illuminants.get("f11").name());
        assertArrayEquals(Illuminants.get("FL2").spd(), Illuminants.get("F2").spd(), 0);
        assertEquals("LED-B3", Illuminants.get("led-b3").name());
        assertEquals(Illuminant.Family.INCANDESCENT, Illuminants.get("A").family());
        assertEquals(Illuminant.Family.FLUORESCENT, Illuminants.get("FL4").family());
        assertEquals(Illuminant.Family.LED, Illuminants.get("LED-V2").family());
        assertEquals(Illuminant.Family.DAYLIGHT, Illuminants.get("D65").family());
        Illuminant bb = Illuminants.get("3200 k");
        assertEquals("3200K", bb.name());
        assertEquals(Illuminant.Family.PLANCKIAN, bb.family());
        assertEquals("2856.5K", Illuminants.get("2856.5K").name());
        assertEquals(18, Illuminants.tabulated().size());
        for (String name : Illuminants.tabulated()) {
            assertEquals(name, Illuminants.get(name).name());
            assertEquals(1, sum(Illuminants.get(name).unitLuminanceSpd(), Illuminants.yBar()) * Illuminant.STEP_NM, 1e-12);
        }
    }

    @Test
    void aPlanckianRadiatorAt2856KIsIlluminantA() {
        // CIE 15:2018: illuminant A is a Planckian radiator at about 2856 K
        assertArrayEquals(Illuminants.get("A").xy(), Illuminants.get("2856K").xy(), 3e-4);
        assertArrayEquals(Illuminants.planckXy(2856), Illuminants.get("2856K").xy(), 0);
    }

    @Test
    void anUnknownNameIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Illuminants.get("sodium"));
        assertTrue(e.getMessage().contains("'sodium'") && e.getMessage().contains("LED-B3")
                && e.getMessage().contains("D93") && e.getMessage().contains("3200K"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("F3")).getMessage().contains("'F3'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("99999K")).getMessage()
                .contains("1000 to 25000 K"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("D30")).getMessage()
                .contains("D40 to D249"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("")).getMessage().contains("required"));
        assertTrue(Illuminants.find("sodium").isEmpty());
        assertTrue(Illuminants.find(null).isEmpty());
    }

    @Test
    void entriesCannotBeChangedByTheirUsers() {
        Illuminant a = Illuminants.get("A");
        a.spd()[0] = -1;
        a.xy()[0] = -1;
        assertTrue(Illuminants.get("A").spd()[0] > 0 && a.spd()[0] > 0 && a.xy()[0] > 0);
    }

    private static double[] xyOf(double[] spd) {
        List<String[]> cmf = Illuminants.rows("cie1931_2deg_cmfs.csv");
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < spd.length; i++) {
            x += spd[i] * Double.parseDouble(cmf.get(i)[1]);
            y += spd[i] * Double.parseDouble(cmf.get(i)[2]);
            z += spd[i] * Double.parseDouble(cmf.get(i)[3]);
        }
        return new double[] {x / (x + y + z), y / (x + y + z)};
    }

    private static double sum(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
