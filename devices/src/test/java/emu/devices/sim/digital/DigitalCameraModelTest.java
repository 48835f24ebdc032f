package emu.devices.sim.digital;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitalCameraModelTest {
    private static final DigitalCameraModel CAMERA = DigitalCameraModel.nikonD5100();
    private static final Spectrum GREY = Spectrum.constant(0.18);

    private static List<String> allLights() {
        List<String> l = new ArrayList<>(Illuminants.cieNames());
        l.add("3200K");
        l.add("5600K");
        return l;
    }

    private static double luminance(double[] rgb) {
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    @Test
    void eighteenPercentGreyAtEvZeroReadsPointEighteenUnderEveryIlluminant() {
        for (String name : allLights()) {
            double[] rgb = CAMERA.capture(GREY, Illuminants.get(name), 0, null, 1);
            assertEquals(0.18, luminance(rgb), 1e-9, name);
        }
        assertEquals(0.36, luminance(CAMERA.capture(GREY, Illuminants.get("A"), 1, null, 1)), 1e-9, "one stop up doubles");
    }

    @Test
    void daylightWhiteBalanceKeepsD65NeutralAndTungstenWarm() {
        assertArrayEquals(new double[] {0.18, 0.18, 0.18}, CAMERA.capture(GREY, Illuminants.get("D65"), 0, null, 1), 1e-9);
        double[] a = CAMERA.capture(GREY, Illuminants.get("A"), 0, null, 1);
        assertTrue(a[0] > 1.5 * a[1] && a[1] > 1.5 * a[2], "a tungsten grey stays warm: " + java.util.Arrays.toString(a));
    }

    @Test
    void matrixReproducesD65ColorimetryOfTheColorChecker() {
        // the fitted matrix should put the chart's colours close to their CIE colorimetry: red is red
        double[] red = CAMERA.capture(PatchSet.colorChecker24().get(14).reflectance(), Illuminants.get("D65"), 0, null, 1);
        assertTrue(red[0] > 4 * red[1] && red[0] > 4 * red[2], java.util.Arrays.toString(red));
    }

    @Test
    void channelsClipAtTheWhiteLevelAndWarmLightClipsRedFirst() {
        Illuminant a = Illuminants.get("A");
        Spectrum white = PatchSet.colorChecker24().get(18).reflectance();
        double[] raw = CAMERA.expose(CAMERA.raw(white, a, 5), null, 1);
        assertArrayEquals(new double[] {CAMERA.whiteLevel(), CAMERA.whiteLevel(), CAMERA.whiteLevel()}, raw, 0);
        // find the EV where the first channel clips under A: it is red, before blue
        double ev = -2;
        double[] r;
        do {
            ev += 0.05;
            r = CAMERA.raw(white, a, ev);
        } while (!CAMERA.clips(r));
        assertTrue(r[0] >= CAMERA.whiteLevel() && r[2] < CAMERA.whiteLevel(), "red clips first under tungsten at EV " + ev);
        assertTrue(ev > 0.5 && ev < 2.5, "white clips 1-2 stops over under tungsten, at EV " + ev);
    }

    @Test
    void noiseIsSeededAndShrinksWithArea() {
        Illuminant d65 = Illuminants.get("D65");
        double[] one = CAMERA.capture(GREY, d65, -3, new SplittableRandom(1), 1);
        assertArrayEquals(one, CAMERA.capture(GREY, d65, -3, new SplittableRandom(1), 1), 0);
        assertNotEquals(one[1], CAMERA.capture(GREY, d65, -3, new SplittableRandom(2), 1)[1]);
        double spreadSmall = spread(1);
        double spreadLarge = spread(400);
        assertTrue(spreadLarge < spreadSmall / 10, spreadSmall + " vs " + spreadLarge);
    }

    private static double spread(int pixels) {
        SplittableRandom rng = new SplittableRandom(3);
        double s = 0;
        double s2 = 0;
        int n = 500;
        for (int i = 0; i < n; i++) {
            double g = CAMERA.capture(GREY, Illuminants.get("D65"), -2, rng, pixels)[1];
            s += g;
            s2 += g * g;
        }
        return Math.sqrt(s2 / n - (s / n) * (s / n));
    }
}
