package emu.station.shoot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.devices.film.LabQuirks;
import emu.station.QuietBench;
import emu.station.Workflows;
import emu.station.config.StationConfig;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ReadingRepository.PairRow;
import emu.station.store.ReadingRepository.PatchValue;
import emu.station.store.Store;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's drift figure end to end: "a rig light drifting 5% over a shoot: detected, and after
 * normalisation the held-out error is within 0.1 of a drift-free shoot". On a drift-free virtual
 * bench a training set (D65, A, FL11 x EV -1, 0, +1) is shot digitally and on film (sim lab, scans
 * imported and paired), and a held-out set (same lights x EV -0.5, +0.5: exposures the models never
 * saw) likewise. On a second bench whose sim lamp ages (about -5% red over the shoot) the training
 * set is shot digitally only: the film side of the three training pair sets is the same drift-free
 * roll, so the digital values are all that differ (lamp drift during the digital shoot; the film shoot
 * is another session). Three models are selected with the configured default candidates and folds
 * (as the trainer does): drift-free; drifting, raw; drifting, normalised by the reference frames.
 * Each is scored on the held-out set's pairs (CIEDE2000 mean), and apart on the four chart patches
 * left out of every training set. The check compares like with like: the drift-free selection's winner
 * refitted on the normalised pairs, since on 167 pairs the selection's last finalist can be a near-tie
 * that nearly the same inputs break either way (issue 24 session 17: grid made the drift-free finalists
 * and won there, 1.41 against 1.76, and not the normalised ones, where the same grid scores 1.45).
 * Nothing mocked: sim camera TIFFs, sim film lab scans, the chart reader, SQLite, the fitters.
 */
@Timeout(1500)
class BenchDriftModelTest {
    static final List<String> LIGHTS = List.of("D65", "A", "FL11");
    /** Chart patches 5, 10, 15, 20 (of 24) are left out of training and scored apart. */
    static final int HELD_OUT_PATCH_EVERY = 5;
    @TempDir Path dir;

    @Test
    void aDriftingLampNormalisedGivesAModelWithinATenthOfTheDriftFreeOne() throws Exception {
        long t0 = System.nanoTime();
        // Drift-free bench: the training and held-out sets, digital and film.
        Path still = dir.resolve("still");
        Files.createDirectories(still);
        StationConfig cs = StationConfig.load(QuietBench.config(still, "[drift]", "every_steps = 3"));
        List<PairRow> stillRows;
        PairSet heldOut;
        ChartSpec chart;
        try (Store store = Store.open(cs.station().dataDir().resolve(Store.FILE_NAME));
             Workflows w = Workflows.open(cs, store, (e, x) -> { })) {
            long train = shootWithFilm(w, still, "train", "R-T", List.of(-1.0, 0.0, 1.0));
            long held = shootWithFilm(w, still, "held", "R-H", List.of(-0.5, 0.5));
            Trainer trainer = new Trainer(store, cs.station().dataDir(), cs.training(), cs.exports());
            stillRows = store.readings().pairs(train);
            chart = ChartSpecs.byName(store.sets().byId(train).orElseThrow().chart());
            heldOut = trainer.pairs(held);
        }
        // Drifting bench: the training set's digital shoot only.
        Path drift = dir.resolve("drift");
        Files.createDirectories(drift);
        StationConfig cd = StationConfig.load(QuietBench.config(drift, "[drift]", "every_steps = 3",
                "threshold_percent = 2.0", "[sim.lamp]", "red_percent_per_step = -0.4",
                "green_percent_per_step = -0.24", "blue_percent_per_step = -0.12"));
        Map<String, List<PatchValue>> rawByStep = new HashMap<>();
        Map<String, double[]> factorByStep = new HashMap<>();
        Map<String, Object> view;
        try (Store store = Store.open(cd.station().dataDir().resolve(Store.FILE_NAME));
             Workflows w = Workflows.open(cd, store, (e, x) -> { })) {
            long set = w.createSet("train", "portrait-160", null, LIGHTS, List.of(-1.0, 0.0, 1.0)).id();
            assertEquals(9, w.shoot().run(set, false).captured());
            Map<Long, double[]> f = store.drift().factors(set);
            Map<String, String> codes = new HashMap<>();
            store.sets().steps(set).forEach(s -> codes.put(s.id(), s.code()));
            for (var c : store.captures().bySet(set)) {
                rawByStep.put(codes.get(c.stepId()), store.readings().ofCapture(c.id()));
                factorByStep.put(codes.get(c.stepId()), f.get(c.id()));
            }
            view = BenchDrift.view(store.drift().ofSet(set), cd.drift().thresholdPercent());
        }
        assertEquals(true, view.get("flagged"), view.toString());

        // The three training pair sets, on the same (step, patch) rows.
        List<Pair> free = new ArrayList<>();
        List<Pair> raw = new ArrayList<>();
        List<Pair> normalised = new ArrayList<>();
        for (PairRow p : stillRows) {
            if (p.patch() % HELD_OUT_PATCH_EVERY == 0) {
                continue; // held out: no model sees these patches
            }
            PatchValue d = rawByStep.get(p.stepCode()).stream().filter(v -> v.patch() == p.patch()).findFirst().orElseThrow();
            if (d.clipped()) {
                continue;
            }
            double[] k = factorByStep.get(p.stepCode());
            free.add(pair(chart, p, p.digitalR(), p.digitalG(), p.digitalB()));
            raw.add(pair(chart, p, d.r(), d.g(), d.b()));
            normalised.add(pair(chart, p, d.r() / k[0], d.g() / k[1], d.b() / k[2]));
        }
        Set<String> unseen = new HashSet<>();
        for (int i = HELD_OUT_PATCH_EVERY; i <= chart.patchCount(); i += HELD_OUT_PATCH_EVERY) {
            unseen.add(chart.patchId(i - 1));
        }
        PairSet unseenPatches = heldOut.filter(p -> unseen.contains(p.patch()));
        double[] scores = new double[3];
        double[] unseenScores = new double[3];
        String[] fitters = new String[3];
        List<List<Pair>> sets = List.of(free, raw, normalised);
        FittedModel[] winners = new FittedModel[3];
        for (int i = 0; i < 3; i++) {
            ModelSelection.Settings s = new ModelSelection.Settings(cd.training().candidates(), cd.training().folds(),
                    cd.training().seed(), 3, 1, null);
            ModelSelection.Result r = ModelSelection.run(new PairSet(sets.get(i)), s);
            winners[i] = r.model();
            scores[i] = Evaluation.of(r.model(), heldOut).overall().mean();
            unseenScores[i] = Evaluation.of(r.model(), unseenPatches).overall().mean();
            fitters[i] = r.report().winner();
        }
        // The drift-free winner's form on the normalised pairs (a stack: the selection among its members).
        PairSet norm = new PairSet(normalised);
        FittedModel sameForm;
        if (fitters[2].equals(fitters[0])) {
            sameForm = winners[2];
        } else if (!fitters[0].startsWith("stack(")) {
            sameForm = Candidate.parse(fitters[0]).fit(norm, cd.training().seed(), IlluminantFeatures.from(norm));
        } else {
            List<String> members = List.of(fitters[0].substring(6, fitters[0].length() - 1).split("\\+"));
            sameForm = ModelSelection.run(norm, new ModelSelection.Settings(members, cd.training().folds(),
                    cd.training().seed(), 3, 1, null)).model();
        }
        double sameScore = Evaluation.of(sameForm, heldOut).overall().mean();
        double sameUnseen = Evaluation.of(sameForm, unseenPatches).overall().mean();
        System.out.printf(Locale.ROOT, "bench-drift-model: %d training pairs (patches %s held out), %d held-out pairs (EV -0.5/+0.5),"
                + " %d of them on the held-out patches; candidates %s, %d folds; held-out CIEDE2000 mean (all / held-out patches):"
                + " drift-free %.3f / %.3f (%s), drifting raw %.3f / %.3f (%s), drifting normalised %.3f / %.3f (%s),"
                + " normalised with the drift-free winner's form %.3f / %.3f; drift %s; %.0f s%n",
                free.size(), new java.util.TreeSet<>(unseen), heldOut.size(), unseenPatches.size(), cd.training().candidates(),
                cd.training().folds(), scores[0], unseenScores[0], fitters[0], scores[1], unseenScores[1], fitters[1], scores[2],
                unseenScores[2], fitters[2], sameScore, sameUnseen, ((List<?>) view.get("runs")).get(0),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(Math.abs(sameScore - scores[0]) <= 0.1, "normalised within 0.1 of drift-free (" + fitters[0] + "): "
                + sameScore + " vs " + scores[0]);
        // one-sided: 24 pairs on 4 patches are few, and models of nearly the same inputs differ by about 0.1 there
        // either way (bench/RESULTS.md); what must not happen is the drifting shoot's model doing worse by more
        assertTrue(sameUnseen - unseenScores[0] <= 0.1,
                "on patches no model saw, no worse than 0.1 above drift-free: " + sameUnseen + " vs " + unseenScores[0]);
    }

    /** A row of the pairs CSV contract, as the trainer makes it, with other digital values. */
    private static Pair pair(ChartSpec chart, PairRow r, double dr, double dg, double db) {
        return new Pair(r.roll() + "-" + r.frame(), r.roll(), r.illuminant(), r.ev(), chart.patchId(r.patch() - 1),
                dr, dg, db, r.filmR(), r.filmG(), r.filmB());
    }

    /** Shoots a set digitally and on one film roll through the sim lab; scans imported and paired. */
    private static long shootWithFilm(Workflows w, Path dir, String name, String roll, List<Double> evs) throws Exception {
        long set = w.createSet(name, "portrait-160", null, LIGHTS, evs).id();
        assertEquals(LIGHTS.size() * evs.size(), w.shoot().run(set, false).captured());
        var r = w.rolls().load(set, roll, "F3", 160, 36, false, Trigger.RIG_SHUTTER);
        assertEquals(LIGHTS.size() * evs.size(), w.film().shoot(r.id(), l -> { }).size());
        Path delivery = dir.resolve("delivery-" + roll);
        w.filmDevices().orElseThrow().develop(r.id(), LabQuirks.NONE, delivery, l -> { });
        var report = w.scans().importScans(r.id(), delivery);
        assertTrue(report.conflicts().isEmpty(), report.conflicts().toString());
        return set;
    }
}
