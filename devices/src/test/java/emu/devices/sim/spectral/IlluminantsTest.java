package emu.devices.sim.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IlluminantsTest {
    @Test
    void everyCieIlluminantInTheFileIsRegisteredAtUnitLuminance() {
        assertEquals(18, Illuminants.cieNames().size());
        for (String name : Illuminants.cieNames()) {
            Illuminant i = Illuminants.get(name.toLowerCase());
            assertEquals(name, i.name());
            assertEquals(1, i.spd().integrate(Observer.Y_BAR), 1e-12, name);
        }
    }

    @Test
    void cieWhitePointsMatchTheirPublishedChromaticities() {
        // CIE 15:2004 Table 1 (2° observer): D65 (0.31272, 0.32903), A (0.44757, 0.40745)
        double[] d65 = Illuminants.get("D65").chromaticity();
        assertEquals(0.3127, d65[0], 5e-4);
        assertEquals(0.3290, d65[1], 5e-4);
        double[] a = Illuminants.get("A").chromaticity();
        assertEquals(0.4476, a[0], 5e-4);
        assertEquals(0.4074, a[1], 5e-4);
    }

    @Test
    void blackbodyByNameMatchesCieIlluminantAAt2856K() {
        // CIE A is defined as a Planckian radiator at 2856 K (CIE 15:2004 §3.1)
        Illuminant bb = Illuminants.get("2856K");
        assertEquals("2856K", bb.name());
        double[] xy = bb.chromaticity();
        double[] a = Illuminants.get("A").chromaticity();
        assertEquals(a[0], xy[0], 1e-3);
        assertEquals(a[1], xy[1], 1e-3);
        assertTrue(Illuminants.get("3200K").chromaticity()[0] < xy[0], "hotter is bluer");
    }

    @Test
    void oldFluorescentNamesAreAliases() {
        assertEquals("FL11", Illuminants.get("F11").name());
        assertEquals(Illuminants.get("FL2").spd(), Illuminants.get("f2").spd());
        assertThrows(IllegalArgumentException.class, () -> Illuminants.get("F3"));
    }

    @Test
    void unknownNamesAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Illuminants.get("D93"));
        assertTrue(e.getMessage().contains("D65") && e.getMessage().contains("3200K"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Illuminants.get("200K"));
        assertThrows(IllegalArgumentException.class, () -> Illuminants.get(" "));
    }

    @Test
    void patchSetsHaveTheirSizesAndNonNegativeReflectances() {
        assertEquals(24, PatchSet.colorChecker24().size());
        assertEquals(190, PatchSet.ampas190().size());
        assertEquals("cc24-19", PatchSet.colorChecker24().get(18).id());
        for (PatchSet.Patch p : PatchSet.ampas190().patches()) {
            for (int i = 0; i < Spectrum.SIZE; i++) {
                assertTrue(p.reflectance().at(i) >= 0, p.id());
            }
        }
    }
}
