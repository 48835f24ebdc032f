package emu.devices.sim.film;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.sim.spectral.Illuminant;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.PatchSet;
import emu.devices.sim.spectral.Spectrum;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FilmModelTest {
    private static final Spectrum GREY = Spectrum.constant(0.18);

    static java.util.List<String> stocks() {
        return FilmStocks.names();
    }

    @ParameterizedTest
    @MethodSource("stocks")
    void characteristicCurvesAreMonotoneWithToeAndShoulder(String name) {
        for (CharacteristicCurve c : FilmStocks.get(name).curves()) {
            double prev = c.density(-6);
            for (double x = -5.99; x <= 3; x += 0.01) {
                double d = c.density(x);
                assertTrue(d > prev, name + ": density must rise with exposure at log H " + x);
                prev = d;
            }
            double slopeToe = (c.density(c.foot() - 0.5) - c.density(c.foot() - 0.6)) / 0.1;
            double slopeMid = (c.density(-0.7) - c.density(-0.8)) / 0.1;
            double slopeTop = (c.density(5) - c.density(4.9)) / 0.1;
            assertTrue(slopeToe < 0.4 * slopeMid, name + ": toe " + slopeToe + " vs straight line " + slopeMid);
            assertTrue(slopeTop < 0.1 * slopeMid, name + ": shoulder " + slopeTop + " vs straight line " + slopeMid);
            assertEquals(c.gamma(), slopeMid, 0.1 * c.gamma(), name + ": mid-tone slope is the gamma");
            assertTrue(c.density(10) <= c.range() + 1e-9, name + ": density saturates at the range");
        }
    }

    @ParameterizedTest
    @MethodSource("stocks")
    void referenceGreyScansNeutralAtMiddleGreyOnEveryRoll(String name) {
        FilmStock stock = FilmStocks.get(name);
        for (long seed = 0; seed < 5; seed++) {
            Development dev = Development.sample(new SplittableRandom(seed), stock.variation());
            ProcessedRoll roll = new ProcessedRoll(stock, dev, Scanner.labScanner());
            double[] grey = roll.scanPatch(GREY, stock.balanceIlluminant(), 0, null, 1);
            for (double v : grey) {
                // sRGB of display-linear 0.18
                assertEquals(0.4614, v, 1e-3, name + " roll " + seed + ": " + Arrays.toString(grey));
            }
            // a greyscale under the balance light stays near neutral away from middle grey too
            for (double ev = -3; ev <= 3; ev += 1) {
                double[] g = roll.scanPatch(GREY, stock.balanceIlluminant(), ev, null, 1);
                double spread = Arrays.stream(g).max().orElseThrow() - Arrays.stream(g).min().orElseThrow();
                assertTrue(spread < 0.06, name + " roll " + seed + " EV " + ev + ": " + Arrays.toString(g));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stocks")
    void filmOutputRisesWithExposure(String name) {
        FilmStock stock = FilmStocks.get(name);
        ProcessedRoll roll = new ProcessedRoll(stock, Development.sample(new SplittableRandom(9), stock.variation()), Scanner.labScanner());
        for (String light : new String[] {"D65", "A", "FL11"}) {
            Illuminant il = Illuminants.get(light);
            for (PatchSet.Patch patch : PatchSet.colorChecker24().patches()) {
                double[] prev = roll.scanPatch(patch.reflectance(), il, -5, null, 1);
                for (double ev = -4.75; ev <= 4; ev += 0.25) {
                    double[] v = roll.scanPatch(patch.reflectance(), il, ev, null, 1);
                    for (int c = 0; c < 3; c++) {
                        assertTrue(v[c] >= prev[c], name + " " + light + " " + patch.label() + " channel " + c + " falls at EV " + ev);
                    }
                    prev = v;
                }
                double[] lo = roll.scanPatch(patch.reflectance(), il, -2, null, 1);
                double[] hi = roll.scanPatch(patch.reflectance(), il, 2, null, 1);
                assertTrue(hi[1] > lo[1] + 0.1, name + " " + patch.label() + ": 4 stops must show");
            }
        }
    }

    @Test
    void daylightFilmRendersTungstenWarmAndTungstenFilmRendersDaylightBlue() {
        ProcessedRoll day = new ProcessedRoll(FilmStocks.get("portrait-160"), Development.NOMINAL, Scanner.labScanner());
        double[] a = day.scanPatch(GREY, Illuminants.get("A"), 0, null, 1);
        assertTrue(a[0] > a[1] + 0.05 && a[1] > a[2] + 0.05, Arrays.toString(a));
        ProcessedRoll tungsten = new ProcessedRoll(FilmStocks.get("cine-500t"), Development.NOMINAL, Scanner.labScanner());
        double[] d = tungsten.scanPatch(GREY, Illuminants.get("D55"), 0, null, 1);
        assertTrue(d[2] > d[1] + 0.05 && d[1] > d[0] + 0.05, Arrays.toString(d));
    }

    @Test
    void rollsVaryButTheGreyReferenceAbsorbsMostOfIt() {
        FilmStock stock = FilmStocks.get("consumer-200");
        Spectrum red = PatchSet.colorChecker24().get(14).reflectance();
        double[] r1 = new ProcessedRoll(stock, Development.sample(new SplittableRandom(1), 1), Scanner.labScanner())
                .scanPatch(red, Illuminants.get("D65"), 1, null, 1);
        double[] r2 = new ProcessedRoll(stock, Development.sample(new SplittableRandom(2), 1), Scanner.labScanner())
                .scanPatch(red, Illuminants.get("D65"), 1, null, 1);
        assertNotEquals(r1[0], r2[0]);
        for (int c = 0; c < 3; c++) {
            assertEquals(r1[c], r2[c], 0.08, "roll-to-roll variation stays a lab's tolerance: " + Arrays.toString(r1) + " " + Arrays.toString(r2));
        }
    }

    @Test
    void grainIsSeededAndAveragesOut() {
        ProcessedRoll roll = new ProcessedRoll(FilmStocks.get("cine-500t"), Development.NOMINAL, Scanner.labScanner());
        Illuminant d = Illuminants.get("3200K");
        double[] clean = roll.scanPatch(GREY, d, 0, null, 1);
        double[] g1 = roll.scanPatch(GREY, d, 0, new SplittableRandom(5), 1);
        assertEquals(g1[1], roll.scanPatch(GREY, d, 0, new SplittableRandom(5), 1)[1], 0);
        assertNotEquals(clean[1], g1[1]);
        double[] many = roll.scanPatch(GREY, d, 0, new SplittableRandom(5), 1_000_000);
        assertEquals(clean[1], many[1], 1e-3);
    }

    @Test
    void unknownStockNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilmStocks.get("velvia"));
        assertTrue(e.getMessage().contains("portrait-160"), e.getMessage());
        assertTrue(FilmStocks.names().size() >= 3);
    }
}
