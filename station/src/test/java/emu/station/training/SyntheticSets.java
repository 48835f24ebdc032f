package emu.station.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sets with read captures and scans written straight through the repositories, for training tests. */
public final class SyntheticSets {
    private SyntheticSets() {}

    public static long stock(Store store) {
        return store.stocks().byName("synthetic").orElseGet(() -> store.stocks().create("synthetic", "135", 100)).id();
    }

    /**
     * A set of 2 lights x 3 EVs whose captures and scans are all read: digital values from a
     * made-up reflectance per patch, film values a smooth compressive function of them.
     */
    public static long withPairs(Store store, String name) {
        return withPairs(store, name, List.of(-1.0, 0.0, 1.0));
    }

    /** The same with 2 lights x {@code evs} steps (24 pairs each): a bigger set for benchmarks. */
    public static long withPairs(Store store, String name, List<Double> evs) {
        long set = withPairs(store, name, evs, Double.POSITIVE_INFINITY);
        assertEquals(2 * evs.size() * 24, store.readings().pairs(set).size());
        return set;
    }

    /**
     * A set of D65 and A x EV -1, 0, +1 whose readings are the virtual bench's (its camera, portrait-160 at nominal
     * development, the lab scanner) for the ColorChecker 24's reflectances: pairs a spectral model of camera and film can
     * be fitted on (the made-up values above cannot). Clipped digital readings flagged, as the chart reader flags them.
     */
    public static long withBenchPairs(Store store, String name) {
        var camera = emu.devices.sim.digital.DigitalCameraModel.nikonD5100();
        var film = new emu.devices.sim.film.ProcessedRoll(emu.devices.sim.film.FilmStocks.get("portrait-160"),
                emu.devices.sim.film.Development.NOMINAL, emu.devices.sim.film.Scanner.labScanner());
        var patches = emu.devices.sim.spectral.PatchSet.colorChecker24().patches();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        long set = store.sets().create(name, stock(store), "colorchecker24",
                StepSpec.grid(List.of("D65", "A"), List.of(-1.0, 0.0, 1.0))).id();
        long roll = store.rolls().create(name + "-R", stock(store), set, emu.station.store.RollRepository.Settings.defaults()).id();
        int frame = 1;
        for (PlanStep s : store.sets().steps(set)) {
            var light = emu.devices.sim.spectral.Illuminants.get(s.illuminant());
            List<PatchValue> digital = new ArrayList<>();
            List<PatchValue> scanned = new ArrayList<>();
            for (int p = 1; p <= patches.size(); p++) {
                var refl = patches.get(p - 1).reflectance();
                double[] raw = camera.raw(refl, light, s.ev());
                double[] d = camera.toRec709(camera.expose(raw, rng, 400));
                double[] f = film.scanPatch(refl, light, s.ev(), rng, 400);
                digital.add(new PatchValue(p, d[0], d[1], d[2], 0.001, camera.clips(raw), false));
                scanned.add(new PatchValue(p, f[0], f[1], f[2], 0.001, false, false));
            }
            addStep(store, roll, frame++, s, name, digital, scanned);
        }
        return set;
    }

    /**
     * The same with a camera that clips each channel at {@code clip}: such readings are flagged clipped
     * (as the chart reader flags them) and so are missing from the pairs.
     */
    public static long withPairs(Store store, String name, List<Double> evs, double clip) {
        return withPairs(store, name, evs, clip, 1.0);
    }

    /** The same with film values scaled by {@code filmGain}, pinned at 1 where that passes it (a scan stuck at its end). */
    public static long withPairs(Store store, String name, List<Double> evs, double clip, double filmGain) {
        long set = store.sets().create(name, stock(store), "colorchecker24",
                StepSpec.grid(List.of("D65", "A"), evs)).id();
        long roll = store.rolls().create(name + "-R", stock(store), set, emu.station.store.RollRepository.Settings.defaults()).id();
        int frame = 1;
        for (PlanStep s : store.sets().steps(set)) {
            double gain = Math.pow(2, s.ev()) * (s.illuminant().equals("A") ? 0.8 : 1.0);
            List<PatchValue> digital = new ArrayList<>();
            List<PatchValue> film = new ArrayList<>();
            for (int p = 1; p <= 24; p++) {
                double r = gain * (0.04 + 0.5 * ((p * 7) % 24) / 24.0);
                double g = gain * (0.04 + 0.5 * ((p * 11) % 24) / 24.0);
                double b = gain * (0.04 + 0.5 * ((p * 5) % 24) / 24.0);
                boolean clipped = r >= clip || g >= clip || b >= clip;
                digital.add(new PatchValue(p, Math.min(r, clip), Math.min(g, clip), Math.min(b, clip), 0.001, clipped, false));
                film.add(new PatchValue(p, Math.min(1, filmGain * r / (r + 0.4)),
                        Math.min(1, filmGain * (0.9 * g + 0.1 * r) / (g + 0.4)), Math.min(1, filmGain * b / (b + 0.5)), 0.001,
                        false, false));
            }
            addStep(store, roll, frame++, s, name, digital, film);
        }
        return set;
    }

    /** Step {@code s}'s capture and scan (frame {@code frame} of {@code roll}), read as {@code digital} and {@code film}. */
    private static void addStep(Store store, long roll, int frame, PlanStep s, String name, List<PatchValue> digital,
                                List<PatchValue> film) {
        String stem = name + "-" + s.code();
        store.atomically(() -> {
            long c = store.captures().add(s.id(), "captures/" + stem + ".tif", "sha-c-" + stem, s.ev(), "").id();
            store.readings().addForCapture(c, digital);
            return null;
        });
        long f = store.rolls().addFrame(roll, frame, s.id(), Instant.now()).id();
        long scan = store.scans().add(roll, f, "scans/" + stem + ".tif", "sha-s-" + stem).id();
        store.readings().addForScan(scan, film);
    }
}
