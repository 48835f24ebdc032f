package emu.devices.sim.digital;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The camera registry and its second camera, {@code moved} (issue 24: a bench camera other than the D5100). */
class NamedCamerasTest {
    private static final DigitalCameraModel MOVED = DigitalCameraModel.named("moved");
    private static final Illuminant D65 = Illuminants.get("D65");
    private static final Spectrum GREY = Spectrum.constant(0.18);

    @Test
    void registryListsTheD5100FirstAndRefusesAnUnknownNameNamingTheKnownOnes() {
        assertEquals(List.of("nikon-d5100", "moved"), DigitalCameraModel.names());
        DigitalCameraModel d5100 = DigitalCameraModel.named("nikon-d5100");
        assertEquals(DigitalCameraModel.nikonD5100().name(), d5100.name());
        assertEquals(DigitalCameraModel.nikonD5100().whiteLevel(), d5100.whiteLevel(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigitalCameraModel.named("canon-5d"));
        assertTrue(e.getMessage().contains("'canon-5d'") && e.getMessage().contains("nikon-d5100")
                && e.getMessage().contains("moved"), e.getMessage());
    }

    @Test
    void movedMatrixMapsTheD65WhiteToWhiteAndMetersGreyUnderEveryLight() {
        assertArrayEquals(new double[] {1, 1, 1}, MOVED.capture(Spectrum.constant(1), D65, 0, null, 1), 1e-9);
        assertArrayEquals(new double[] {0.18, 0.18, 0.18}, MOVED.capture(GREY, D65, 0, null, 1), 1e-9);
        for (String name : List.of("A", "D50", "FL2", "FL11", "LED-B3", "LED-V1")) {
            double[] rgb = MOVED.capture(GREY, Illuminants.get(name), 0, null, 1);
            assertEquals(0.18, 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2], 1e-9, name);
        }
        double[] red = MOVED.capture(PatchSet.colorChecker24().get(14).reflectance(), D65, 0, null, 1);
        assertTrue(red[0] > 4 * red[1] && red[0] > 4 * red[2], "the chart's red stays red: " + Arrays.toString(red));
    }

    @Test
    void movedClipsTwoPointEightStopsAboveMiddleGreyUnderD65() {
        // the stated headroom: an 18% grey's green raw at EV 0 times 2^2.8 is the white level
        assertEquals(MOVED.raw(GREY, D65, 0)[1] * Math.pow(2, 2.8), MOVED.whiteLevel(), 1e-12 * MOVED.whiteLevel());
        assertFalse(MOVED.clips(MOVED.raw(GREY, D65, 2.79)), "not yet at +2.79");
        assertTrue(MOVED.clips(MOVED.raw(GREY, D65, 2.81)), "clipped at +2.81");
        // the D5100 keeps its 3.5 stops: the same grey at +2.81 is far from its clip
        DigitalCameraModel d5100 = DigitalCameraModel.nikonD5100();
        assertFalse(d5100.clips(d5100.raw(GREY, D65, 3.49)));
        assertTrue(d5100.clips(d5100.raw(GREY, D65, 3.51)));
    }

    @Test
    void movedSeesColoursDifferentlyFromTheD5100() {
        // not a renamed D5100: its raw ratios differ, and under tungsten its rendering of a grey does too
        double[] m = MOVED.raw(GREY, D65, 0);
        double[] d = DigitalCameraModel.nikonD5100().raw(GREY, D65, 0);
        assertTrue(Math.abs(m[0] / m[1] - d[0] / d[1]) > 0.1, Arrays.toString(m) + " vs " + Arrays.toString(d));
        double[] ma = MOVED.capture(GREY, Illuminants.get("A"), 0, null, 1);
        double[] da = DigitalCameraModel.nikonD5100().capture(GREY, Illuminants.get("A"), 0, null, 1);
        assertTrue(Math.abs(ma[2] - da[2]) > 0.005, Arrays.toString(ma) + " vs " + Arrays.toString(da));
    }
}
