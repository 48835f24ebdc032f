package emu.calibration.profile.dcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Ciede2000;
import emu.calibration.color.Cielab;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcpFileTest {

    static final FilmModel MODEL = new FilmModel();
    static final List<CalibrationLight> LIGHTS = CalibrationLight.choose(MODEL.illuminants());

    static DcpProfile profile() {
        return DcpBuilder.build(MODEL, LIGHTS, DcpBuilder.DEFAULT_GRID, CameraSpace.STATION_MATRIX, "Emu Station Sim",
                "Portra 400 (emu-station)", "emu-station film profile: set s1, model m1");
    }

    @Test
    void everyTagReadsBackWithAnIndependentDecoder() {
        DcpProfile p = profile();
        Map<Integer, IndependentDcpDecoder.Tag> t = IndependentDcpDecoder.decode(DcpFile.write(p));
        assertEquals(List.of(50708, 50721, 50722, 50778, 50779, 50936, 50937, 50938, 50939, 50940,
                50941, 50942, 50964, 50965, 51107, 51109), List.copyOf(t.keySet()));
        assertEquals("Emu Station Sim", t.get(50708).text());
        assertEquals("Portra 400 (emu-station)", t.get(50936).text());
        assertEquals("emu-station film profile: set s1, model m1", t.get(50942).text());
        assertEquals(17, t.get(50778).values()[0], "CalibrationIlluminant1 = A");
        assertEquals(21, t.get(50779).values()[0], "CalibrationIlluminant2 = D65");
        assertEquals(3, t.get(50778).type(), "SHORT");
        for (int tag : new int[] {50721, 50722, 50964, 50965}) {
            assertEquals(10, t.get(tag).type(), "SRATIONAL matrix " + tag);
            assertEquals(9, t.get(tag).count());
        }
        CameraSpace space = new CameraSpace(LIGHTS.get(1).xy());
        assertArrayEquals(space.colorMatrix(), t.get(50721).values(), 1e-4);
        assertArrayEquals(space.forwardMatrix(), t.get(50965).values(), 1e-4);
        // ForwardMatrix maps the white-balanced neutral onto D50 (DNG 1.6, ForwardMatrix1).
        double[] fm = t.get(50964).values();
        for (int r = 0; r < 3; r++) {
            assertEquals(CameraSpace.D50[r], fm[3 * r] + fm[3 * r + 1] + fm[3 * r + 2], 3e-4);
        }
        assertArrayEquals(new double[] {90, 25, 33}, t.get(50937).values());
        assertEquals(11, t.get(50938).type(), "FLOAT");
        assertEquals(3 * 90 * 25 * 33, t.get(50938).count());
        assertEquals(3 * 90 * 25 * 33, t.get(50939).count());
        float[] d1 = p.hueSatMap1().data();
        for (int i = 0; i < d1.length; i += 997) {
            assertEquals(d1[i], t.get(50938).values()[i], 0.0, "HueSatMapData1 value " + i);
            assertEquals(p.hueSatMap2().data()[i], t.get(50939).values()[i], 0.0);
        }
        double[] curve = t.get(50940).values();
        assertEquals(2 * 257, curve.length);
        for (int i = 2; i < curve.length; i += 2) {
            assertTrue(curve[i] > curve[i - 2] && curve[i + 1] > curve[i - 1], "monotone at " + i);
        }
        assertEquals(0.0, curve[0]);
        assertEquals(1.0, curve[curve.length - 2]);
        assertEquals(1, t.get(50941).values()[0], "ProfileEmbedPolicy: embed if used");
        assertEquals(1, t.get(51107).values()[0], "ProfileHueSatMapEncoding: sRGB");
        assertEquals(0.0, t.get(51109).values()[0], "BaselineExposureOffset");
    }

    /**
     * Per chart patch: CIEDE2000 between the profile's rendering ({@link DcpRender}) and the
     * model, and the chroma of the model's rendering (for the neutral patches: the film's cast).
     */
    static double[][] patchErrors(DcpProfile p, int which) {
        CalibrationLight light = LIGHTS.get(which - 1);
        double[] cam = ChartPatches.camera(new CameraSpace(light.xy()).stationWhite());
        double[] want = Cielab.fromSrgb(MODEL.predict(cam, light.name()));
        double[] got = Cielab.fromSrgb(new DcpRender(p, which, light.xy()).render(cam));
        Ciede2000 de = new Ciede2000(1, 1, 1);
        double[][] e = new double[want.length / 3][];
        for (int i = 0; i < want.length; i += 3) {
            e[i / 3] = new double[] {de.between(want, i, got, i), Math.hypot(want[i + 1], want[i + 2])};
        }
        return e;
    }

    @Test
    void theProfileRendersTheModelWithinTolerance() {
        DcpProfile p = profile();
        for (int which = 1; which <= 2; which++) {
            String light = LIGHTS.get(which - 1).name();
            double[][] e = patchErrors(p, which);
            double sum = 0;
            double max = 0;
            for (int i = 0; i < 18; i++) {
                sum += e[i][0];
                max = Math.max(max, e[i][0]);
            }
            double castCost = 0;
            for (int i = 18; i < 24; i++) {
                castCost = Math.max(castCost, e[i][0]);
                // Grey leaves the DNG pipeline grey: the loss on a neutral patch is the film's
                // cast on it, and nothing else (the tone curve and value scale hold lightness).
                assertTrue(e[i][0] <= e[i][1] + 0.3, light + " neutral patch " + i + ": " + e[i][0]
                        + " CIEDE2000 for a film cast of chroma " + e[i][1]);
            }
            System.out.printf(Locale.ROOT, "DCP vs model, %s: colour patches mean %.3f max %.3f;"
                    + " neutral patches max %.3f CIEDE2000 (the film's grey cast)%n",
                    light, sum / 18, max, castCost);
            assertTrue(sum / 18 < 0.5 && max < 1.5, light + ": colour patches mean " + sum / 18
                    + ", max " + max + " CIEDE2000");
        }
    }

    @Test
    void lightsWithoutAnExactExifCodeAreRefused() {
        assertEquals(List.of("D65"), CalibrationLight.choose(List.of("FL2", "D65")).stream()
                .map(CalibrationLight::name).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationLight.choose(List.of("FL2", "LED-B1")));
        assertTrue(e.getMessage().contains("EXIF"), e.getMessage());
    }
}
