package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.color.Ciede2000;
import emu.calibration.color.Cielab;
import emu.calibration.color.RgbSpace;
import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bench drift end to end on the virtual bench (issue 20): the same set shot with the sim lamp ageing
 * (about -5% red, -3% green, -1.5% blue over the shoot) and without. The drifting shoot is flagged
 * with its numbers, and its captures' digital values divided by their drift factors match the
 * drift-free shoot's to within a small CIEDE2000, where the raw values do not. Real parts: the
 * sim camera's TIFFs, the chart reader, the SQLite store; nothing mocked.
 */
@Timeout(300)
class BenchDriftTest {
    @TempDir Path dir;

    /** Digital values per capture (in plan order) and what the shoot's drift view said. */
    record Shot(List<List<PatchValue>> values, List<double[]> factors, Map<String, Object> view, double lampHours,
                int referenceFiles) {}

    private Shot shoot(Path d, String... extra) throws Exception {
        Files.createDirectories(d);
        StationConfig config = StationConfig.load(QuietBench.config(d, extra));
        try (Store store = Store.open(config.station().dataDir().resolve(Store.FILE_NAME));
             Workflows w = Workflows.open(config, store, (e, x) -> { })) {
            long set = w.createSet("s", "portrait-160", null, List.of("D65", "A"), List.of(-1.0, 0.0, 1.0)).id();
            assertEquals(6, w.shoot().run(set, false).captured());
            List<List<PatchValue>> values = new ArrayList<>();
            List<double[]> factors = new ArrayList<>();
            Map<Long, double[]> f = store.drift().factors(set);
            for (var c : store.captures().bySet(set)) {
                values.add(store.readings().ofCapture(c.id()));
                factors.add(f.getOrDefault(c.id(), new double[] {1, 1, 1}));
            }
            int files;
            try (var s = Files.list(config.station().dataDir().resolve("captures/references/set-" + set))) {
                files = (int) s.filter(p -> p.toString().endsWith(".tif")).count();
            }
            return new Shot(values, factors, BenchDrift.view(store.drift().ofSet(set), config.drift().thresholdPercent()),
                    store.drift().lampHours(w.devices().rig().device()), files);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDriftingLampIsFlaggedAndTheDigitalValuesAreNormalisedByTheReferences() throws Exception {
        String[] drift = {"[drift]", "every_steps = 2", "threshold_percent = 2.0", "[sim.lamp]",
            "red_percent_per_step = -0.5", "green_percent_per_step = -0.3", "blue_percent_per_step = -0.15"};
        Shot drifting = shoot(dir.resolve("drift"), drift);
        Shot still = shoot(dir.resolve("still"), "[drift]", "every_steps = 2");

        assertEquals(4, drifting.referenceFiles(), "start, after steps 2, 4 and 6 (the end needs no second one): " + drifting.view());
        assertEquals(true, drifting.view().get("flagged"), drifting.view().toString());
        Map<String, Object> run = ((List<Map<String, Object>>) drifting.view().get("runs")).get(0);
        double max = (Double) run.get("max_drift_percent");
        assertTrue(max > 4 && max < 6, "red lost about 5% between the first and last reference: " + run);
        List<Double> light = (List<Double>) run.get("light_drift_percent");
        assertTrue(light.get(0) < 0 && light.get(2) > 0, "the light went warmer-to-bluer (red lost most): " + run);
        assertTrue((Double) run.get("exposure_drift_percent") < -2, "the overall level fell: " + run);
        assertFalse((Boolean) still.view().get("flagged"), "no drift, no flag: " + still.view());
        assertTrue(drifting.lampHours() > 0, "lamp hours counted");

        double[] raw = deltaE(drifting, still, false);
        double[] normalised = deltaE(drifting, still, true);
        System.out.printf(Locale.ROOT, "bench-drift: digital CIEDE2000 vs the drift-free shoot, mean/max over %d patches:"
                + " raw %.3f/%.3f, normalised %.3f/%.3f; drift view %s%n", (int) raw[2], raw[0], raw[1], normalised[0],
                normalised[1], run);
        assertTrue(raw[0] > 0.3, "the drift is visible in the raw digital values: " + raw[0]);
        assertTrue(normalised[0] < 0.1, "normalised, within 0.1 of the drift-free shoot on average: " + normalised[0]);
    }

    /** Mean and max CIEDE2000 between the shoots' unclipped patches (Rec.709 linear -> XYZ -> Lab, D65 white), and the count. */
    private static double[] deltaE(Shot a, Shot b, boolean normalise) {
        Ciede2000 de = new Ciede2000(1, 1, 1);
        double[] m = RgbSpace.REC709.toXyz();
        double[] white = RgbSpace.REC709.whiteXyz();
        double sum = 0;
        double max = 0;
        int n = 0;
        for (int c = 0; c < a.values().size(); c++) {
            double[] f = normalise ? a.factors().get(c) : new double[] {1, 1, 1};
            for (int p = 0; p < a.values().get(c).size(); p++) {
                PatchValue x = a.values().get(c).get(p);
                PatchValue y = b.values().get(c).get(p);
                if (x.clipped() || y.clipped()) {
                    continue;
                }
                double[] l1 = Cielab.fromXyz(xyz(m, x.r() / f[0], x.g() / f[1], x.b() / f[2]), white);
                double[] l2 = Cielab.fromXyz(xyz(m, y.r(), y.g(), y.b()), white);
                double d = de.between(l1, 0, l2, 0);
                sum += d;
                max = Math.max(max, d);
                n++;
            }
        }
        return new double[] {sum / n, max, n};
    }

    private static double[] xyz(double[] m, double r, double g, double b) {
        return new double[] {m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b};
    }
}
