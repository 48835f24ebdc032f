package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Automatic model selection. Every candidate is scored by k-fold cross-validation grouped by
 * patch (a patch is never in both training and validation, under any light or EV). The best
 * {@code finalists} by that score are also scored leave-one-illuminant-out (each light predicted
 * by a model that never saw it; needs two or more lights) and on held-out EVs (the lowest and
 * the highest EV each predicted by a model trained without it; needs three or more EVs;
 * {@link UnseenProtocols}). The
 * winner is the finalist with the lowest mean of those mean CIEDE2000s, because the station's
 * models are used on colours, lights and exposures that were not on the chart; it is refitted on
 * all pairs. With two or more finalists their stack ({@link Stacking}, {@link StackModel}) is
 * scored too, from the same held-out predictions (no extra fits), and wins if clearly better
 * overall and no worse on any protocol. Deterministic for a seed: folds, fitter seeds and the order of results do not depend
 * on thread timing. A per-light candidate that chooses its own smoothing by cross-validation (grid, tps) chooses it
 * once per light on all the pairs, and every fold reuses that choice ({@link #tuneOnce}).
 */
public final class ModelSelection {

    /**
     * How to run a selection; {@code stackLoss}: how the stack's weights are chosen, {@code squared} film error
     * (the default) or {@code de2000} ({@link PerceptualMetric}; bench/RESULTS.md, issue 24 session 6); {@code race}:
     * whether an expensive candidate's patch CV may stop early once it cannot matter ({@link Racing}; the default).
     */
    public record Settings(List<String> candidates, int folds, long seed, int finalists, int threads,
                           Consumer<String> progress, String stackLoss, boolean race) {
        /** Raced, as by default. */
        public Settings(List<String> candidates, int folds, long seed, int finalists, int threads,
                        Consumer<String> progress, String stackLoss) {
            this(candidates, folds, seed, finalists, threads, progress, stackLoss, true);
        }

        /** The stack's weights by squared film error (as before {@code stackLoss} existed). */
        public Settings(List<String> candidates, int folds, long seed, int finalists, int threads,
                        Consumer<String> progress) {
            this(candidates, folds, seed, finalists, threads, progress, "squared");
        }

        public Settings {
            if (!List.of("squared", "de2000").contains(stackLoss)) {
                throw new IllegalArgumentException("--stack-loss must be squared or de2000, got " + stackLoss);
            }
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no candidates to select from");
            }
            if (finalists < 0) {
                throw new IllegalArgumentException("--finalists must be >= 0, got " + finalists);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
            }
            candidates = List.copyOf(candidates);
            progress = progress == null ? s -> { } : progress;
        }

        public static Settings defaults(long seed) {
            return new Settings(Candidate.DEFAULTS, 5, seed, 2, 2, null);
        }
    }

    /** The selected model, refitted on all pairs, and the report of how it was chosen. */
    public record Result(FittedModel model, FitReport report) {}

    /**
     * The stack replaces the best single finalist only when its score is lower by more than 0.5%:
     * a blend costs every export the members' time, and a tie is the simpler model's.
     */
    static final double STACK_MARGIN = 0.995;

    /**
     * Experiment only (issue 24, session 11: does the stack generalise better to real reflectances than the single
     * winner?), the system property {@code emu.fit.stack}: {@code prefer} takes the finalists' stack whenever one was
     * built, whatever its score; {@code within:X} takes it when its score is below (1 + X) times the single winner's,
     * with no per-protocol check ({@link #noWorse}). Unset (the default): the default rule (0.5% better and no worse
     * on any protocol), unchanged. Any other value is refused naming the property: a typo must not silently run the
     * default rule in an experiment. Read per run so a test can set it. Measured, not adopted: bench/RESULTS.md.
     */
    static boolean stackWins(FitReport.CandidateReport stack, FitReport.CandidateReport single, Double within) {
        return within == null ? stack.score() < STACK_MARGIN * single.score() && noWorse(stack, single)
                : stack.score() < (1 + within) * single.score();
    }

    /**
     * The switch's margin X ({@code prefer}: infinite), or null when unset; read before any fit so that a bad value
     * is refused at once.
     */
    static Double stackWithin() {
        String mode = System.getProperty(STACK_PROPERTY);
        if (mode == null) {
            return null;
        }
        if (mode.equals("prefer")) {
            return Double.POSITIVE_INFINITY;
        }
        if (mode.startsWith("within:")) {
            try {
                double x = Double.parseDouble(mode.substring("within:".length()));
                if (Double.isFinite(x) && x > -1) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException(STACK_PROPERTY + "=" + mode + ": expected prefer or within:X (X a number"
                + " above -1, e.g. within:0.005)");
    }

    /** The experiment switch of {@link #stackWins}. */
    static final String STACK_PROPERTY = "emu.fit.stack";

    private ModelSelection() {}

    public static Result run(PairSet pairs, Settings s) {
        return run(pairs, s, s.candidates().stream().map(Candidate::parse).toList());
    }

    /** {@link #run} on candidates already parsed (the tests' own fitters); {@code s.candidates()} is not read. */
    static Result run(PairSet pairs, Settings s, List<Candidate> given) {
        List<Candidate> candidates = new ArrayList<>(given); // per-light candidates are tuned in turn
        List<String> patches = pairs.patches();
        if (patches.size() < s.folds()) {
            throw new IllegalArgumentException("need at least " + s.folds() + " patches for " + s.folds()
                    + "-fold cross-validation, got " + patches.size());
        }
        Double within = stackWithin();
        boolean once = tuneOnceMode();
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        Map<String, Integer> foldOf = folds(patches, s.folds(), s.seed());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, s.threads()));
        RaceAhead ahead = RaceAhead.none();
        try {
            List<FitReport.CandidateReport> reports = new ArrayList<>();
            Map<Integer, Stacking.Held> cvHeld = new HashMap<>();
            Map<Integer, Stacking.Held> loioHeld = new HashMap<>();
            Map<Integer, Stacking.Held> evHeld = new HashMap<>();
            Map<Integer, FittedModel> fullFits = new HashMap<>();
            List<CrossValidation.Split> splits = new ArrayList<>();
            for (int f = 0; f < s.folds(); f++) {
                int fold = f;
                splits.add(new CrossValidation.Split("fold " + f, p -> foldOf.get(p.patch()) != fold));
            }
            // The expensive candidates last, so that they race against every cheap one complete (Racing).
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) {
                reports.add(null);
                order.add(c);
            }
            order.sort(Comparator.comparing(c -> candidates.get(c).fitter().expensive()));
            Map<String, Stacking.Held> complete = new java.util.LinkedHashMap<>();
            boolean race = s.race() && (s.finalists() < 2
                    || pairs.illuminants().size() + 2 >= 2 * STACK_BUDGET * s.folds()); // Fitter#expensive: then never affordable
            // The expensive candidates' first folds train beside the cheap ones (RaceAhead), on two threads or more.
            ahead = race && s.threads() >= 2 ? RaceAhead.start(order.stream().map(candidates::get).toList(), pairs, splits,
                    lights, s.seed()) : RaceAhead.none();
            for (int c : order) {
                Candidate cand = candidates.get(c);
                String label = String.format("[%d/%d]", c + 1, candidates.size());
                s.progress().accept(String.format("%s %s: %d-fold CV by patch", label, cand.spec(), s.folds()));
                FitReport.CandidateReport r;
                try {
                    long t0 = System.nanoTime();
                    cand = tuneOnce(pool, cand, pairs, s, label, once);
                    double tuning = (System.nanoTime() - t0) / 1e9;
                    candidates.set(c, cand);
                    Racing.Outcome o = Racing.crossValidate(pool, ahead, cand, pairs, splits, lights, s.seed(), race,
                            Math.max(1, s.finalists()), complete, s.progress(), label);
                    double secs = (o.seconds() + tuning) / o.foldsDone(); // the tuning's share counts: the budget's sum
                    if (o.stopped() != null) {
                        r = new FitReport.CandidateReport(cand.spec(), null, null, null, null, secs, o.stopped());
                        s.progress().accept(String.format("%s %s: %s, %.1f s per fit", label, cand.spec(),
                                o.stopped().text(), secs));
                    } else {
                        cvHeld.put(c, o.held());
                        complete.put(cand.spec(), o.held());
                        Evaluation cv = o.held().evaluation();
                        r = new FitReport.CandidateReport(cand.spec(), null, cv, null, null, secs);
                        s.progress().accept(String.format("%s %s: CV mean dE00 %.3f (p95 %.3f), %.1f s per fit",
                                label, cand.spec(), cv.overall().mean(), cv.overall().p95(), secs));
                    }
                } catch (RuntimeException e) {
                    r = new FitReport.CandidateReport(cand.spec(), String.valueOf(e.getMessage()), null, null, null, 0);
                    s.progress().accept(String.format("%s %s: failed: %s", label, cand.spec(), e.getMessage()));
                }
                reports.set(c, r);
            }
            List<Integer> ranked = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                if (reports.get(i).cv() != null) {
                    ranked.add(i);
                }
            }
            if (ranked.isEmpty()) {
                throw new IllegalStateException("every candidate failed: " + reports.get(0).error());
            }
            ranked.sort(Comparator.comparingDouble(i -> reports.get(i).cv().overall().mean()));
            List<Integer> finalists = ranked.subList(0, Math.min(s.finalists(), ranked.size()));
            // a stopped candidate's seconds per fit count as they would have after all its folds
            double budget = STACK_BUDGET * s.folds() * reports.stream().mapToDouble(r -> r.error() != null ? 0 : r.fitSeconds()).sum();
            // The stack's loss: CIEDE2000's local quadratic form at the CV rows' film colours, or squared film error.
            double[] metric = s.stackLoss().equals("de2000")
                    ? PerceptualMetric.of(cvHeld.get(ranked.get(0)).pairs().film()) : null;
            List<Integer> members = s.finalists() < 2 ? List.of() : stackMembers(ranked, cvHeld, i -> finalists.contains(i)
                    || reports.get(i).fitSeconds() * (pairs.illuminants().size() + 2) <= budget, metric);
            java.util.LinkedHashSet<Integer> contenders = new java.util.LinkedHashSet<>(
                    ranked.subList(0, Math.max(1, Math.min(s.finalists(), ranked.size()))));
            contenders.addAll(members);
            for (int i : contenders) {
                if (!finalists.contains(i) && !members.contains(i)) {
                    continue; // finalists = 0: the best by CV wins without unseen-light scores
                }
                UnseenProtocols.Scores u = UnseenProtocols.run(pool, candidates.get(i), pairs, lights, s.seed(),
                        s.progress());
                Stacking.Held loio = u.lightsOut();
                Stacking.Held heldEv = u.evsOut();
                if (u.fullFit() != null) {
                    fullFits.put(i, u.fullFit());
                }
                FitReport.CandidateReport old = reports.get(i);
                putIfPresent(loioHeld, i, loio);
                putIfPresent(evHeld, i, heldEv);
                reports.set(i, new FitReport.CandidateReport(old.spec(), old.error(), old.cv(),
                        loio == null ? null : loio.evaluation(), heldEv == null ? null : heldEv.evaluation(),
                        old.fitSeconds()));
            }
            int winner = contenders.stream().min(Comparator.comparingDouble(i -> reports.get(i).score())).orElseThrow();
            if (!members.isEmpty()) {
                reports.add(stackReport(members, reports, cvHeld, loioHeld, evHeld, metric));
                FitReport.CandidateReport st = reports.get(reports.size() - 1);
                s.progress().accept(String.format("%s: CV mean dE00 %.3f (weights cross-fitted by fold), score %.3f",
                        st.spec(), st.cv().overall().mean(), st.score()));
                if (stackWins(st, reports.get(winner), within)) {
                    winner = reports.size() - 1;
                }
            }
            String winnerSpec = reports.get(winner).spec();
            s.progress().accept("selected " + winnerSpec + String.format(" (score %.3f); refitting on all %d pairs",
                    reports.get(winner).score(), pairs.size()));
            long t0 = System.nanoTime();
            FittedModel model = winner < candidates.size() ? fullFits.containsKey(winner) ? fullFits.get(winner)
                    : candidates.get(winner).fit(pairs, s.seed(), lights)
                    : refitStack(pool, members, candidates, pairs, s.seed(), lights, cvHeld, fullFits, metric);
            double refit = (System.nanoTime() - t0) / 1e9;
            Evaluation training = Evaluation.of(model, pairs);
            List<String> tunedOnce = candidates.stream().filter(c -> !c.tunedPerLight().isEmpty()).map(Candidate::spec)
                    .toList();
            return new Result(model, new FitReport(pairs.size(), s.folds(), s.seed(), lights.sources(), reports,
                    winnerSpec, refit, training, tunedOnce));
        } finally {
            ahead.close();
            pool.shutdownNow();
        }
    }

    /**
     * {@code cand} with each light's hyper-parameters chosen once on all its pairs ({@link Candidate#tuned}), reused
     * by its folds, held-out splits and final fit, unless {@link #TUNE_PROPERTY} is {@code per-fold}. Why: the
     * smoothing's own cross-validation is about 70% of a grid or tps fit, and choosing it again inside every fold made
     * the selection's one-thread cost grow on small sets (bench/RESULTS.md, issue 24 session 17). The fold scores
     * are then not nested over that choice (the held-out rows were one of the five inner folds that chose one of a few
     * smoothings per channel); against patches held out of the whole selection that session found them as
     * conservative as nested ones (bench/fit/NestedCheck.java: CV 2-9% above the truth either way).
     */
    private static Candidate tuneOnce(ExecutorService pool, Candidate cand, PairSet pairs, Settings s, String label,
                                      boolean once) {
        Candidate tuned = once ? cand.tuned(pool, pairs, s.seed()) : cand;
        if (tuned != cand) {
            StringBuilder b = new StringBuilder();
            tuned.tunedPerLight().forEach((light, p) -> b.append(b.isEmpty() ? "" : "; ").append(light).append(' ')
                    .append(p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(java.util.stream.Collectors.joining(" "))));
            s.progress().accept(String.format("%s %s: chosen once per light on all its pairs, reused by every fold: %s",
                    label, cand.spec(), b));
        }
        return tuned;
    }

    /** The experiment switch of {@link #tuneOnce}: {@code once} (the default) or {@code per-fold}. */
    static final String TUNE_PROPERTY = "emu.fit.tune";

    /** Whether to tune once ({@link #TUNE_PROPERTY}); any other value than the two is refused before any fit. */
    static boolean tuneOnceMode() {
        String mode = System.getProperty(TUNE_PROPERTY, "once");
        if (!mode.equals("once") && !mode.equals("per-fold")) {
            throw new IllegalArgumentException(TUNE_PROPERTY + "=" + mode + ": expected once or per-fold");
        }
        return mode.equals("once");
    }

    /**
     * A member that is not a finalist needs its unseen-light and unseen-EV fits too; it may join
     * only if they cost at most this fraction of the whole patch CV's fit time (the MLP usually
     * does not: the selection's wall time must not grow for a blend).
     */
    static final double STACK_BUDGET = 0.25;

    /**
     * Whether {@code stack} is within 0.5% of {@code single} or better on every held-out protocol
     * both have (patch CV, unseen lights, unseen EVs): a blend that trades unseen lights for
     * patches is not taken (bench/RESULTS.md, issue 24: consumer-200 lost 0.39 on unseen lights so).
     */
    static boolean noWorse(FitReport.CandidateReport stack, FitReport.CandidateReport single) {
        Evaluation[] a = {stack.cv(), stack.leaveOneIlluminantOut(), stack.heldOutEv()};
        Evaluation[] b = {single.cv(), single.leaveOneIlluminantOut(), single.heldOutEv()};
        for (int i = 0; i < 3; i++) {
            if (a[i] != null && b[i] != null && a[i].overall().mean() > (2 - STACK_MARGIN) * b[i].overall().mean()) {
                return false;
            }
        }
        return true;
    }

    /** At most this many models in a stack: each costs every export its prediction time. */
    static final int MAX_STACK = 3;

    /**
     * The stack's members: the affordable candidates with the largest convex weights over their
     * patch-CV predictions (ensemble selection as in Caruana et al. 2004, "Ensemble selection
     * from libraries of models", ICML), at most {@link #MAX_STACK}, in CV rank order; empty when
     * fewer than two earn a weight of 2% or more.
     */
    private static List<Integer> stackMembers(List<Integer> all, Map<Integer, Stacking.Held> cv,
                                              java.util.function.IntPredicate affordable, double[] metric) {
        List<Integer> ranked = all.stream().filter(affordable::test).toList();
        if (ranked.size() < 2) {
            return List.of();
        }
        double[] w = Stacking.weights(ranked.stream().map(i -> cv.get(i).predicted()).toList(),
                cv.get(ranked.get(0)).pairs().film(), null, metric);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < ranked.size(); k++) {
            if (w[k] >= 0.02) {
                order.add(k);
            }
        }
        order.sort(Comparator.comparingDouble(k -> -w[k]));
        List<Integer> keep = order.subList(0, Math.min(MAX_STACK, order.size())).stream().sorted()
                .map(ranked::get).toList();
        return keep.size() >= 2 ? keep : List.of();
    }

    private static void putIfPresent(Map<Integer, Stacking.Held> map, int i, Stacking.Held h) {
        if (h != null) {
            map.put(i, h);
        }
    }

    /**
     * The finalists' stack as one more contender: its patch CV cross-fitted ({@link Stacking}); its
     * unseen-light and unseen-EV scores combine the members' predictions for those splits with
     * the weights chosen on the patch CV, which never saw those splits' predictions.
     */
    private static FitReport.CandidateReport stackReport(List<Integer> members, List<FitReport.CandidateReport> reports,
                                                         Map<Integer, Stacking.Held> cv,
                                                         Map<Integer, Stacking.Held> loio,
                                                         Map<Integer, Stacking.Held> ev, double[] metric) {
        Stacking.Held first = cv.get(members.get(0));
        List<double[]> preds = members.stream().map(i -> cv.get(i).predicted()).toList();
        double[] film = first.pairs().film();
        double[] w = Stacking.weights(preds, film, null, metric);
        Evaluation cvEval = Evaluation.ofPredictions(first.pairs(),
                Stacking.crossFitted(preds, film, first.split(), metric));
        Evaluation[] other = new Evaluation[2];
        List<Map<Integer, Stacking.Held>> sets = List.of(loio, ev);
        for (int k = 0; k < 2; k++) {
            Map<Integer, Stacking.Held> set = sets.get(k);
            if (members.stream().allMatch(set::containsKey)) {
                List<double[]> p = members.stream().map(i -> set.get(i).predicted()).toList();
                other[k] = Evaluation.ofPredictions(set.get(members.get(0)).pairs(), Stacking.combine(p, w));
            }
        }
        double secs = members.stream().mapToDouble(i -> reports.get(i).fitSeconds()).sum();
        return new FitReport.CandidateReport(StackModel.specOf(members.stream().map(i -> reports.get(i).spec()).toList()),
                null, cvEval, other[0], other[1], secs);
    }

    /** The stack's members refitted on all pairs (in parallel), weighted by all their patch-CV predictions. */
    private static FittedModel refitStack(ExecutorService pool, List<Integer> members, List<Candidate> candidates,
                                          PairSet pairs, long seed, IlluminantFeatures lights,
                                          Map<Integer, Stacking.Held> cv, Map<Integer, FittedModel> fitted,
                                          double[] metric) {
        List<Future<FittedModel>> fits = new ArrayList<>();
        for (int i : members) {
            FittedModel done = fitted.get(i);
            fits.add(done != null ? java.util.concurrent.CompletableFuture.completedFuture(done)
                    : pool.submit(() -> candidates.get(i).fit(pairs, seed, lights)));
        }
        List<FittedModel> models = new ArrayList<>();
        for (Future<FittedModel> f : fits) {
            models.add(CrossValidation.await(f));
        }
        List<double[]> preds = members.stream().map(i -> cv.get(i).predicted()).toList();
        double[] w = Stacking.weights(preds, cv.get(members.get(0)).pairs().film(), null, metric);
        return new StackModel(StackModel.specOf(models.stream().map(FittedModel::spec).toList()), models, w);
    }

    /** Patches shuffled by seed and dealt round-robin into {@code k} folds. */
    static Map<String, Integer> folds(List<String> patches, int k, long seed) {
        List<String> shuffled = new ArrayList<>(patches);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            out.put(shuffled.get(i), i % k);
        }
        return out;
    }
}
