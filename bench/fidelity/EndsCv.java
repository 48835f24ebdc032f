import emu.calibration.color.InputEncoding;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * The exposure ends on TRAINING pairs only (issue 24, session 7): how a candidate predicts readings
 * past the ones it was fitted on, in four splits, each fitted once without the rows it scores:
 * <ul>
 *   <li>{@code EV lo} / {@code EV hi}: the lowest / highest trained EV held out (the fit report's
 *       "held-out EVs", {@code ModelSelection});</li>
 *   <li>{@code lo 2} / {@code hi 2}: the same EV predicted from a model that also lacks the next EV
 *       inward (two stops past the trained range instead of one);</li>
 *   <li>{@code dark} / {@code bright}: per light, the readings whose darkest channel is in the lowest
 *       {@code FRACTION} / whose brightest channel is in the highest {@code FRACTION} (the readings
 *       nearest the toe and nearest the clip) held out, at every EV;</li>
 *   <li>{@code clip}: the {@code bright} rows again, predicted from their digital values clipped at that
 *       light's {@code bright} threshold (a lower clip level than the camera's, so the training pairs can
 *       emulate the bench's clipped readings: an input at the clip, a film value past it).</li>
 * </ul>
 * Why the second pair: an EV held out is predicted from EVs one stop away, but most of its patches lie
 * inside the exposure range the other EVs cover (the chart spans several stops); holding out each light's
 * darkest and brightest readings makes every scored reading lie past the fitted range in the tone curves'
 * input, as the bench's EV -3 / +3 and clipped readings do. Nothing held out by the bench is read.
 *
 * <p>Usage: {@code bench/fidelity/ends-cv.sh TRAIN_CSV SPEC...} (mean CIEDE2000 per split, every split crossed with
 * {@link #FOLDS} patch folds; "ends" is the mean of dark and bright; "patch": plain patch CV; "p@lo" / "p@hi": the
 * patch CV scored at the lowest / highest EV only, the toe and shoulder with their own readings in the fit). With {@code -Dcube=N} every split's model is scored through the
 * acescct cube of N^3 it exports ({@code station export}'s baker, tetrahedral), as the bench scores it.
 */
public class EndsCv {

    static final double FRACTION = 0.1;
    static final int FOLDS = 5;

    public static void main(String[] args) throws Exception {
        PairSet train = PairsCsv.read(Path.of(args[0]));
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        List<Double> evs = new ArrayList<>(new TreeSet<>(train.asList().stream().map(Pair::ev).toList()));
        double lo = evs.get(0);
        double hi = evs.get(evs.size() - 1);
        double lo2 = evs.get(1);
        double hi2 = evs.get(evs.size() - 2);
        List<Predicate<Pair>> heldOut = List.of(p -> p.ev() == lo, p -> p.ev() == hi, nearEnd(train, false),
                nearEnd(train, true));
        // Scored on the outer EV only; the inner one is left out of the fit and not scored.
        List<Predicate<Pair>> twoOut = List.of(p -> p.ev() == lo || p.ev() == lo2, p -> p.ev() == hi || p.ev() == hi2);
        List<Predicate<Pair>> twoScored = List.of(p -> p.ev() == lo, p -> p.ev() == hi);
        java.util.Map<String, Double> clipAt = clipLevels(train);
        System.out.printf(Locale.ROOT, "%s: %d pairs%n%-70s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s%n", args[0], train.size(),
                "spec", "EV lo", "EV hi", "EV out", "dark", "bright", "ends", "clip", "lo 2", "hi 2", "patch", "p@lo", "p@hi");
        // Every split crossed with 5 patch folds (a fold's patches never fit what they score): the bench
        // scores reflectances the fit never saw, at the held-out exposures.
        List<String> patches = new ArrayList<>(train.patches());
        java.util.Collections.shuffle(patches, new java.util.Random(1));
        java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
        for (int i = 0; i < patches.size(); i++) {
            foldOf.put(patches.get(i), i % FOLDS);
        }
        List<Predicate<Pair>> held = new ArrayList<>(heldOut);
        held.add(heldOut.get(3));
        held.addAll(twoOut);
        held.add(p -> false);
        held.add(p -> false);
        held.add(p -> false);
        List<Predicate<Pair>> scored = new ArrayList<>(heldOut);
        scored.add(heldOut.get(3));
        scored.addAll(twoScored);
        scored.add(p -> true);
        // The patch CV's rows at the lowest / highest EV only: the toe and shoulder with their own data in the fit.
        scored.add(p -> p.ev() == lo);
        scored.add(p -> p.ev() == hi);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int a = 1; a < args.length; a++) {
                Candidate cand = Candidate.parse(args[a]);
                int splits = held.size();
                List<List<Future<double[]>>> jobs = new ArrayList<>();
                for (int k = 0; k < splits; k++) {
                    List<Future<double[]>> perFold = new ArrayList<>();
                    for (int f = 0; f < FOLDS; f++) {
                        int fold = f;
                        Predicate<Pair> h = held.get(k);
                        Predicate<Pair> sc = scored.get(k);
                        java.util.Map<String, Double> clip = k == 4 ? clipAt : null;
                        perFold.add(pool.submit(() -> score(cand, train, h.or(p -> foldOf.get(p.patch()) == fold),
                                sc.and(p -> foldOf.get(p.patch()) == fold), lights, clip)));
                    }
                    jobs.add(perFold);
                }
                double[] m = new double[splits];
                double[] n = new double[splits];
                for (int k = 0; k < splits; k++) {
                    for (Future<double[]> fu : jobs.get(k)) {
                        double[] r = fu.get();
                        m[k] += r[0] * r[1];
                        n[k] += r[1];
                    }
                    m[k] /= n[k];
                }
                double evOut = (m[0] * n[0] + m[1] * n[1]) / (n[0] + n[1]);
                double ends = (m[2] * n[2] + m[3] * n[3]) / (n[2] + n[3]);
                System.out.printf(Locale.ROOT, "%-70s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f%n",
                        args[a], m[0], m[1], evOut, m[2], m[3], ends, m[4], m[5], m[6], m[7], m[8], m[9]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Mean CIEDE2000 and count of the rows {@code scored} picks, predicted by {@code cand} fitted on the rows
     * {@code held} does not pick; with {@code clipAt} (per light) their digital values clipped there first.
     */
    static double[] score(Candidate cand, PairSet all, Predicate<Pair> held, Predicate<Pair> scored,
                          IlluminantFeatures lights, java.util.Map<String, Double> clipAt) {
        PairSet fit = all.filter(held.negate());
        PairSet test = all.filter(scored);
        if (test.isEmpty()) {
            return new double[] {0, 0};
        }
        FittedModel m = cand.fit(fit, 1, lights);
        List<Pair> rows = new ArrayList<>();
        for (Pair p : test) {
            double c = clipAt == null ? Double.POSITIVE_INFINITY : clipAt.get(p.illuminant());
            rows.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), Math.min(c, p.digitalR()),
                    Math.min(c, p.digitalG()), Math.min(c, p.digitalB()), p.filmR(), p.filmG(), p.filmB()));
        }
        PairSet in = new PairSet(rows);
        int cube = Integer.getInteger("cube", 0);
        if (cube == 0) {
            return new double[] {Evaluation.of(m, in).overall().mean(), test.size()};
        }
        InputEncoding enc = InputEncoding.get("acescct");
        double sum = 0;
        for (java.util.Map.Entry<String, PairSet> e : in.byIlluminant().entrySet()) {
            // Not written to a file and read back as the bench does: the baked lattice itself, tetrahedral.
            ShapedLut lut = LutBaker.bake(m, e.getKey(), enc, cube).lut();
            for (double d : Evaluation.deltaE(e.getValue(), Fidelity.applyCube(lut, enc, e.getValue()))) {
                sum += d;
            }
        }
        return new double[] {sum / test.size(), test.size()};
    }

    /** Per light, the brightest channel value below which the {@code bright} split trains (its held-out threshold). */
    static java.util.Map<String, Double> clipLevels(PairSet train) {
        java.util.Map<String, Double> out = new java.util.HashMap<>();
        Predicate<Pair> bright = nearEnd(train, true);
        for (java.util.Map.Entry<String, PairSet> e : train.byIlluminant().entrySet()) {
            out.put(e.getKey(), e.getValue().asList().stream().filter(bright.negate()).mapToDouble(EndsCv::max)
                    .max().orElseThrow());
        }
        return out;
    }

    /**
     * Per light, the readings with the darkest (min channel) or brightest (max channel) digital values,
     * {@link #FRACTION} of that light's readings.
     */
    static Predicate<Pair> nearEnd(PairSet train, boolean bright) {
        java.util.Set<Pair> picked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (PairSet one : train.byIlluminant().values()) {
            List<Pair> ps = new ArrayList<>(one.asList());
            Comparator<Pair> by = Comparator.comparingDouble(p -> bright ? max(p) : -min(p));
            ps.sort(by.reversed());
            int k = (int) Math.ceil(FRACTION * ps.size());
            picked.addAll(ps.subList(0, k));
        }
        return picked::contains;
    }

    static double max(Pair p) {
        return Math.max(p.digitalR(), Math.max(p.digitalG(), p.digitalB()));
    }

    static double min(Pair p) {
        return Math.min(p.digitalR(), Math.min(p.digitalG(), p.digitalB()));
    }
}
