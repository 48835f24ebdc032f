import emu.calibration.color.Illuminants;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.Finishing;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 24, session 9 (helper augment), the held-out side of bench/fidelity/Augment.java for settings fixed on its
 * training-side table: one candidate fitted on all the training pairs, plain and with the synthetic pairs of round(w M)
 * mixtures (AUG_ROLL as in Augment), scored directly (no cube) on the bench's held-out reflectances under the TRAINED
 * lights at the trained EVs, clipped readings left out (Fidelity's "patches" protocol without the 33³ bake), split into
 * (a) the measured AMPAS-190 patches held out (every 5th, ids p190-) and (b) the "natural-ish" mixtures under a tilt
 * (ids rnd-), which resemble the augmentation's own generator: judge on (a).
 *
 * <p>Usage: {@code bench/fidelity/augment.sh heldout M W SPEC DIR...} (DIR: a bench stock directory, train.csv and
 * heldout.csv).
 */
public class AugmentHeldOut {
    static void run(Path dir, int m, double w, String spec) throws Exception {
        long t0 = System.nanoTime();
        PairSet train = Finishing.selectionPairs(PairsCsv.read(dir.resolve("train.csv")), Finishing.Options.DEFAULTS)
                .withoutStuckFilm(Augment.STUCK_MARGIN);
        Set<String> lightsTrained = new TreeSet<>(train.illuminants());
        Set<Double> evs = new TreeSet<>(train.asList().stream().map(Pair::ev).toList());
        PairSet held = PairsCsv.read(dir.resolve("heldout.csv")).filter(p -> lightsTrained.contains(p.illuminant())
                && evs.contains(p.ev()) && !Fidelity.clipped(p));
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        Map<String, double[]> chart = SpectralModel.chartReflectances();
        SpectralModel sf = SpectralModel.fit(train, chart, SpectralOptions.defaults());
        Map<String, AugmentSynth.Mix> mix = AugmentSynth.first(AugmentSynth.mixtures(train, chart, m, Augment.SEED),
                (int) Math.round(w * m));
        double clip = Arrays.stream(train.digital()).max().orElse(1);
        List<Pair> aug = new ArrayList<>(train.asList());
        for (String l : train.illuminants()) {
            if (Illuminants.find(l).isPresent() && !mix.isEmpty()) {
                aug.addAll(AugmentSynth.synthesise(Augment.MODE, sf, train, l, mix, chart, List.copyOf(evs), clip));
            }
        }
        Candidate c = Candidate.parse(spec);
        FittedModel plain = c.fit(train, Augment.SEED, lights);
        FittedModel augmented = c.fit(new PairSet(aug), Augment.SEED, lights);
        System.out.printf(Locale.ROOT, "%s: %s, M %d, w %.2f, AUG_ROLL=%s, %d synthetic pairs; held-out reflectances under"
                + " the trained lights at the trained EVs (clipped left out), direct prediction, mean / p95 CIEDE2000%n",
                dir, spec, m, w, Augment.MODE, aug.size() - train.size());
        System.out.printf(Locale.ROOT, "  %-22s %6s %15s %15s %8s%n", "set", "pairs", "plain", "augmented", "change");
        for (String[] set : new String[][] {{"(a) measured p190", "p190-"}, {"(b) natural-ish rnd", "rnd-"}, {"all", ""}}) {
            PairSet ps = held.filter(p -> p.patch().startsWith(set[1]));
            double[] a = Evaluation.deltaE(ps, Evaluation.predict(plain, ps));
            double[] b = Evaluation.deltaE(ps, Evaluation.predict(augmented, ps));
            double ma = Arrays.stream(a).average().orElse(Double.NaN);
            double mb = Arrays.stream(b).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "  %-22s %6d %7.3f / %5.2f %7.3f / %5.2f %+7.1f%%%n", set[0], ps.size(), ma,
                    Augment.p95(a), mb, Augment.p95(b), 100 * (mb / ma - 1));
        }
        System.out.printf(Locale.ROOT, "  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }
}
