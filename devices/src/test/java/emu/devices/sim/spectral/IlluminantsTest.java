package emu.devices.sim.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
    void unknownNamesAreRejectedNamingThemAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Illuminants.get("sodium"));
        assertTrue(e.getMessage().contains("'sodium'") && e.getMessage().contains("D65") && e.getMessage().contains("3200K"),
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("200K")).getMessage().contains("'200K'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Illuminants.get("D30")).getMessage().contains("'D30'"));
        assertThrows(IllegalArgumentException.class, () -> Illuminants.get(" "));
    }

    @Test
    void everyNameIsTheRegistrysSpectrumAtUnitLuminanceBitForBit() {
        // the bench takes its lights from calibration's registry: same spectra, same normalisation
        for (String name : List.of("A", "D65", "FL11", "LED-B3", "f2", "3200K", "2856.5K", "D93", "D60")) {
            emu.calibration.color.Illuminant reg = emu.calibration.color.Illuminants.get(name);
            Illuminant sim = Illuminants.get(name);
            assertEquals(reg.name(), sim.name());
            assertEquals(Spectrum.of(reg.unitLuminanceSpd()), sim.spd(), name);
        }
    }

    @Test
    void d93IsCieDaylightHereAsInTheFitters() {
        // D93 (CCT 9300 * 1.4388 / 1.4380 K) was rejected by the bench while the fitters accepted it
        Illuminant d93 = Illuminants.get("d93");
        assertEquals("D93", d93.name());
        double[] xy = emu.calibration.color.Illuminants.xy("D93").orElseThrow();
        assertArrayEquals(xy, d93.chromaticity(), 2e-4);
        assertTrue(d93.chromaticity()[0] < Illuminants.get("D65").chromaticity()[0], "bluer than D65");
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
