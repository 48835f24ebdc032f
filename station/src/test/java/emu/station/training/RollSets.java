package emu.station.training;

import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A set shot on several rolls (issue 20), written straight through the repositories: one digital
 * capture per step, and per roll a frame and a read scan of every step. The film is a smooth
 * compressive function of the digital values; roll i's scan is that film with its contrast in log
 * space scaled by {@code contrast[i]} about the grey (what a push or a lab's process drift does).
 */
public final class RollSets {
    private RollSets() {}

    /** The set's id; rolls are named {@code NAME-R1}, {@code NAME-R2}, ... */
    public static long withRolls(Store store, String name, double... contrast) {
        long set = store.sets().create(name, SyntheticSets.stock(store), "colorchecker24",
                StepSpec.grid(List.of("D65", "A"), List.of(-1.0, 0.0, 1.0))).id();
        List<PlanStep> steps = store.sets().steps(set);
        List<List<PatchValue>> digital = new ArrayList<>();
        for (PlanStep s : steps) {
            double gain = Math.pow(2, s.ev()) * (s.illuminant().equals("A") ? 0.8 : 1.0);
            List<PatchValue> d = new ArrayList<>();
            for (int p = 1; p <= 24; p++) {
                d.add(new PatchValue(p, gain * (0.04 + 0.5 * ((p * 7) % 24) / 24.0), gain * (0.04 + 0.5 * ((p * 11) % 24) / 24.0),
                        gain * (0.04 + 0.5 * ((p * 5) % 24) / 24.0), 0.001, false, false));
            }
            digital.add(d);
            String stem = name + "-" + s.code();
            store.atomically(() -> {
                long c = store.captures().add(s.id(), "captures/" + stem + ".tif", "sha-c-" + stem, s.ev(), "").id();
                store.readings().addForCapture(c, d);
                return null;
            });
        }
        for (int r = 0; r < contrast.length; r++) {
            long roll = store.rolls().create(name + "-R" + (r + 1), SyntheticSets.stock(store), set,
                    emu.station.store.RollRepository.Settings.defaults()).id();
            for (int i = 0; i < steps.size(); i++) {
                List<PatchValue> film = new ArrayList<>();
                for (PatchValue d : digital.get(i)) {
                    film.add(new PatchValue(d.patch(), film(d.r() / (d.r() + 0.4), contrast[r], r, 0),
                            film((0.9 * d.g() + 0.1 * d.r()) / (d.g() + 0.4), contrast[r], r, 1),
                            film(d.b() / (d.b() + 0.5), contrast[r], r, 2), 0.001, false, false));
                }
                String stem = name + "-R" + (r + 1) + "-" + steps.get(i).code();
                long f = store.rolls().addFrame(roll, i + 1, steps.get(i).id(), Instant.now()).id();
                long scan = store.scans().add(roll, f, "scans/" + stem + ".tif", "sha-s-" + stem).id();
                store.readings().addForScan(scan, film);
            }
        }
        return set;
    }

    /** Value {@code v} with its log contrast scaled by {@code k} about 0.46 (an 18% grey, sRGB-encoded), plus a small per-roll tint. */
    private static double film(double v, double k, int roll, int channel) {
        double grey = Math.log10(0.46);
        double tint = 0.004 * Math.sin(roll * 2.1 + channel * 1.3);
        return Math.pow(10, grey + k * (Math.log10(v) - grey) + tint);
    }
}
