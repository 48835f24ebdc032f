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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Issue 24, session 9 (bench study, helper augment): do synthetic pairs of the TRAINED lights at new smooth
 * reflectances help the per-light models generalise to reflectances they never saw?
 *
 * <p>Training side only: 5-fold CV grouped by patch, the folds {@code ModelSelection} deals (patches shuffled by
 * {@code Random(1)}, round-robin) and its fold seeds ({@code 1 + 7919 (k + 1)}). Inside a fold, only the fold's training
 * pairs: the product's spectral camera + film model ({@link SpectralModel#fit} with {@link SpectralOptions#defaults()},
 * as {@code calibration.fit.Finishing} fits it) is fitted on them; M mixtures of two or three of the fold's training
 * reflectances (convex, weights uniform on the simplex, {@code Random(SEED)}) are synthesised under each trained light of
 * known SPD at the fold's EVs, readings brighter than the fold's brightest digital reading left out (as
 * {@code SpectralServedModel} does). Each candidate is fitted on the real pairs plus the synthetic pairs of the first
 * round(w M) mixtures (the fitters take no per-pair weight; thinning gives a synthetic pair the expected weight w while
 * keeping the real pairs and the fitters' own smoothing CV untouched; repetition of the real pairs would leak copies
 * into the TPS smoothing folds), and the held-out fold's REAL pairs are scored (CIEDE2000 of film values, as
 * {@link Evaluation} does). w = 0 is the plain fit: its CV mean must equal the stock's fit.log line.
 *
 * <p>Usage: {@code bench/fidelity/augment.sh M W1,W2,.. SPEC1;SPEC2 DIR...} (DIR holds a bench train.csv); the
 * held-out side: {@code bench/fidelity/augment.sh heldout M W SPEC DIR...} ({@link AugmentHeldOut}).
 */
public class Augment {
    static final int FOLDS = 5;
    static final long SEED = 1;
    /** `station fit --stuck-margin`'s default. */
    static final double STUCK_MARGIN = 0.002;
    /** How the synthetic pairs are made: met (default), own or res ({@link AugmentSynth}). */
    static final String MODE = System.getenv().getOrDefault("AUG_ROLL", "met");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("heldout")) {
            for (int i = 4; i < args.length; i++) {
                AugmentHeldOut.run(Path.of(args[i]), Integer.parseInt(args[1]), Double.parseDouble(args[2]), args[3]);
            }
            return;
        }
        int m = Integer.parseInt(args[0]);
        double[] ws = Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        List<String> specs = List.of(args[2].split(";"));
        for (int i = 3; i < args.length; i++) {
            run(Path.of(args[i]), m, ws, specs);
        }
    }

    static void run(Path dir, int m, double[] ws, List<String> specs) throws Exception {
        long t0 = System.nanoTime();
        // the pairs `station fit` selects on (FitCommand: the series filter, then stuck film at its default margin)
        PairSet all = Finishing.selectionPairs(PairsCsv.read(dir.resolve("train.csv")), Finishing.Options.DEFAULTS)
                .withoutStuckFilm(STUCK_MARGIN);
        IlluminantFeatures lights = IlluminantFeatures.from(all);
        Map<String, double[]> chart = SpectralModel.chartReflectances();
        Map<String, Integer> foldOf = folds(all.patches());
        // per spec, per w: the held-out dE of every pair, in the order of the pairs
        Map<String, double[][]> de = new LinkedHashMap<>();
        for (String s : specs) {
            de.put(s, new double[ws.length + 1][all.size()]); // the last: fitted on the synthetic pairs alone
        }
        double[] physics = new double[all.size()];
        Arrays.fill(physics, Double.NaN);
        int[] synthCount = new int[ws.length];
        for (int k = 0; k < FOLDS; k++) {
            int fold = k;
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                (foldOf.get(all.get(i).patch()) != fold ? tr : te).add(i);
            }
            PairSet train = all.subset(tr.stream().mapToInt(Integer::intValue).toArray());
            int[] teIdx = te.stream().mapToInt(Integer::intValue).toArray();
            PairSet test = all.subset(teIdx);
            long t1 = System.nanoTime();
            SpectralModel sf = SpectralModel.fit(train, chart, SpectralOptions.defaults());
            double secs = (System.nanoTime() - t1) / 1e9;
            Map<String, AugmentSynth.Mix> mix = AugmentSynth.mixtures(train, chart, m, SEED);
            List<Double> evs = new ArrayList<>(new TreeSet<>(train.asList().stream().map(Pair::ev).toList()));
            double clip = Arrays.stream(train.digital()).max().orElse(1);
            for (int wi = 0; wi <= ws.length; wi++) {
                boolean alone = wi == ws.length;
                Map<String, AugmentSynth.Mix> used = alone ? mix : AugmentSynth.first(mix, (int) Math.round(ws[wi] * m));
                List<Pair> aug = new ArrayList<>(alone ? List.of() : train.asList());
                for (String l : train.illuminants()) {
                    if (Illuminants.find(l).isPresent() && !used.isEmpty()) {
                        aug.addAll(AugmentSynth.synthesise(MODE, sf, train, l, used, chart, evs, clip));
                    }
                }
                if (!alone) {
                    synthCount[wi] += aug.size() - train.size();
                }
                PairSet fitOn = new PairSet(aug);
                for (String s : specs) {
                    FittedModel model = Candidate.parse(s).fit(fitOn, SEED + 7919L * (k + 1), lights);
                    double[] d = Evaluation.deltaE(test, Evaluation.predict(model, test));
                    for (int j = 0; j < teIdx.length; j++) {
                        de.get(s)[wi][teIdx[j]] = d[j];
                    }
                }
            }
            for (int j = 0; j < teIdx.length; j++) { // the film model itself, the held-out reflectance known
                Pair p = test.get(j);
                if (Illuminants.find(p.illuminant()).isPresent() && chart.containsKey(p.patch())) {
                    double[] f = sf.film().film(SpectralModel.rl(chart.get(p.patch()), SpectralModel.spd(p.illuminant())),
                            p.ev(), p.illuminant());
                    physics[teIdx[j]] = Evaluation.deltaE(new PairSet(List.of(p)), f)[0];
                }
            }
            System.out.printf(Locale.ROOT, "  fold %d: %d training / %d held-out pairs, spectral fit %.1f s, %.0f s so far%n",
                    k, train.size(), test.size(), secs, (System.nanoTime() - t0) / 1e9);
        }
        report(dir, all, m, ws, de, synthCount, physics);
        System.out.printf(Locale.ROOT, "  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Patches shuffled by the seed and dealt round-robin: ModelSelection.folds (package-private there). */
    static Map<String, Integer> folds(List<String> patches) {
        List<String> shuffled = new ArrayList<>(patches);
        Collections.shuffle(shuffled, new Random(SEED));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            out.put(shuffled.get(i), i % FOLDS);
        }
        return out;
    }

    static void report(Path dir, PairSet all, int m, double[] ws, Map<String, double[][]> de, int[] synth,
                       double[] physics) {
        List<String> lightNames = all.illuminants();
        System.out.printf(Locale.ROOT, "%s (%d pairs): 5-fold CV by patch, held-out REAL pairs, CIEDE2000; M = %d mixtures;"
                + " synthetic pairs %s%n", dir, all.size(), m, MODE.equals("met")
                ? "as SpectralModel.synthesise (metered scale, no roll shift)" : MODE.equals("own")
                ? "with the light's own scale and roll shift (AUG_ROLL=own)"
                : "own scale and roll shift + the components' real residuals (AUG_ROLL=res)");
        System.out.println("  (mean SPD: over the lights with a known SPD, the ones that get synthetic pairs)");
        for (Map.Entry<String, double[][]> e : de.entrySet()) {
            System.out.printf(Locale.ROOT, "  %s%n  %-9s %8s %7s %7s %7s %8s", e.getKey(), "w", "synth/f", "mean", "vs w0", "p95",
                    "meanSPD");
            lightNames.forEach(l -> System.out.printf(Locale.ROOT, " %11s", l));
            System.out.println();
            double base = mean(e.getValue()[0], null, all);
            for (int wi = 0; wi <= ws.length; wi++) {
                row(wi == ws.length ? "syn alone" : String.format(Locale.ROOT, "%.2f", ws[wi]),
                        wi == ws.length ? 0 : synth[wi] / FOLDS, e.getValue()[wi], base, all, lightNames);
            }
        }
        row("physics", 0, physics, Double.NaN, all, lightNames);
        System.out.println("  (syn alone: the candidate fitted on the M mixtures' synthetic pairs only; physics: the fold's film"
                + " model from the held-out pair's known reflectance and light, its roll shift, no digital reading)");
    }

    static void row(String label, int synth, double[] d, double base, PairSet all, List<String> lightNames) {
        double mean = mean(d, null, all);
        double spd = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (Illuminants.find(all.get(i).illuminant()).isPresent() && !Double.isNaN(d[i])) {
                spd += d[i];
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "  %-9s %8d %7.3f %+6.1f%% %7.3f %8.3f", label, synth, mean, 100 * (mean / base - 1),
                p95(d), spd / n);
        for (String l : lightNames) {
            System.out.printf(Locale.ROOT, " %11.3f", mean(d, l, all));
        }
        System.out.println();
    }

    /** Mean of {@code d} over {@code light}'s pairs (null: all), NaN entries (no value) left out. */
    static double mean(double[] d, String light, PairSet all) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if ((light == null || all.get(i).illuminant().equals(light)) && !Double.isNaN(d[i])) {
                s += d[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Nearest-rank 95th percentile (as calibration's Stats), NaN entries left out. */
    static double p95(double[] d) {
        double[] s = Arrays.stream(d).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(s);
        return s[(int) Math.ceil(0.95 * s.length) - 1];
    }
}
