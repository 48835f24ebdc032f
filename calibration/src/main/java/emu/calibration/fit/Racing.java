package emu.calibration.fit;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Racing in the selection's patch cross-validation (issue 24, session 9: the selection's cost must not grow):
 * an {@linkplain Fitter#expensive() expensive} candidate's folds run in batches, with a checkpoint after the first
 * fold ({@link #FIRST_MARGIN}) and then after every {@link #BATCH} folds but the last ({@link #MARGIN}); at a
 * checkpoint it stops when its mean CIEDE2000 on the folds done is worse than the margin times the mean of the
 * {@code finalists}-th best complete candidate on the SAME folds. Such a candidate can matter no more: it would not
 * be a finalist, and it could not join the stack as a non-finalist either (see {@link Fitter#expensive()}). A
 * stopped candidate is reported as stopped, not failed ({@link FitReport.Stopped}). The decision reads CV scores
 * only, never seconds or thread timing, and the batches and fold seeds do not depend on the thread count: the same
 * pairs and seed give the same report and model on any machine; a candidate that is not stopped gets exactly the
 * predictions of a full cross-validation.
 */
final class Racing {

    /**
     * Folds per batch after the first fold: checkpoints after 1, 2, 4 ... folds (the 2-fold margin's evidence is
     * for two; the MLP's folds train one at a time, {@link RaceAhead}).
     */
    static final int BATCH = 2;

    /**
     * The first checkpoint's margin, after one fold: 15% (session 15: the nightly training selects on one thread, where
     * an MLP fold costs more than grid's whole cross-validation). Chosen on the bench's eight training CSVs of the
     * twelve default candidates, every candidate scored as if expensive (bench/RESULTS.md, issue 24 session 15,
     * {@code bench/fit/RaceEvidence.java 1.15@1}): in 192 candidate x rank cases no candidate that all five folds
     * make a finalist was above 1.101 x the reference after one fold (tps against the 3rd best, 0.993 after five);
     * one fold is the noisier evidence, so the margin is wider than {@link #MARGIN}. The MLP after one fold is
     * 1.07-1.27 x the 2nd best there: it stops at this checkpoint on the stocks it is furthest behind on.
     */
    static final double FIRST_MARGIN = 1.15;

    /** The first checkpoint is taken with folds of a fifth of the patches or more, as its evidence's. */
    static final int FIRST_MAX_FOLDS = 5;

    /**
     * How much worse than the reference an expensive candidate must be on the folds done to stop: 6%. Chosen on the
     * bench's eight training CSVs (bench/RESULTS.md, issue 24 session 9, {@code bench/fit/RaceEvidence.java}: every
     * candidate taken as if expensive, against the 2nd and the 3rd best): after 2 of 5 folds no candidate that all
     * five folds make a finalist was above 1.041 x the reference, and a candidate's ratio after 2 folds exceeded its
     * 5-fold ratio by at most 0.058; at 6% a finalist is stopped only if it drifts more than any candidate there did.
     * The MLP's 5-fold ratio to the 2nd best is 1.07-1.34 there.
     */
    static final double MARGIN = 1.06;

    /**
     * A candidate's patch CV: complete ({@code stopped} null) or stopped at a checkpoint ({@code held} = folds done);
     * {@code seconds}: the wall time its folds took.
     */
    record Outcome(Stacking.Held held, FitReport.Stopped stopped, int foldsDone, double seconds) {}

    private Racing() {}

    /**
     * {@code cand}'s patch CV over {@code splits}, raced when {@code race} and the candidate is expensive against
     * {@code complete} (spec -> complete patch-CV predictions) for rank {@code rank} (1 = the best); its first folds
     * taken from {@code ahead} when they were started there, its later batches where {@code ahead} says.
     */
    static Outcome crossValidate(ExecutorService pool, RaceAhead ahead, Candidate cand, PairSet pairs,
                                 List<CrossValidation.Split> splits, IlluminantFeatures lights, long seed, boolean race,
                                 int rank, Map<String, Stacking.Held> complete, Consumer<String> progress, String label) {
        int n = splits.size();
        if (!race || !cand.fitter().expensive() || n <= BATCH) {
            RaceAhead.Timed all = ahead.timed(cand, pool, pairs, splits, 0, n, lights, seed);
            return new Outcome(all.held(), null, n, all.seconds());
        }
        Stacking.Held held = null;
        double seconds = 0;
        for (int from = 0; from < n; ) {
            int to = end(from, n);
            RaceAhead.Timed batch = ahead.has(cand, to) ? ahead.folds(cand, from, to)
                    : ahead.timed(cand, ahead.pool(cand, pool), pairs, splits, from, to, lights, seed);
            held = held == null ? batch.held() : concat(held, batch.held());
            seconds += batch.seconds();
            if (to < n) {
                FitReport.Stopped stop = check(cand.spec(), held, to, n, margin(to), complete, rank, progress, label);
                if (stop != null) {
                    return new Outcome(held, stop, to, seconds);
                }
            }
            from = to;
        }
        return new Outcome(held, null, n, seconds);
    }

    /** The margin of the checkpoint after {@code done} folds. */
    static double margin(int done) {
        return done == 1 ? FIRST_MARGIN : MARGIN;
    }

    /** The folds done at the checkpoint after {@code from} of {@code n}: 1 (up to 5 folds), then every BATCH. */
    static int end(int from, int n) {
        int to = from == 0 && n <= FIRST_MAX_FOLDS ? 1 : from == 1 ? BATCH : from + BATCH;
        return Math.min(n, to);
    }

    /**
     * The stop after {@code done} folds, or null: {@code held}'s mean above {@code margin} x the {@code rank}-th best complete
     * candidate's mean on the same folds; no stop while fewer than {@code rank} candidates are complete.
     * Writes every complete candidate's mean on those folds to {@code progress} (the margin's evidence).
     */
    static FitReport.Stopped check(String spec, Stacking.Held held, int done, int folds, double margin,
                                   Map<String, Stacking.Held> complete, int rank, Consumer<String> progress, String label) {
        double mean = partialMean(held, done);
        List<Map.Entry<String, Double>> others = new ArrayList<>();
        complete.forEach((k, v) -> others.add(Map.entry(k, partialMean(v, done))));
        others.sort(Map.Entry.comparingByValue());
        StringBuilder all = new StringBuilder();
        others.forEach(e -> all.append(String.format(Locale.ROOT, "; %s %.3f", e.getKey(), e.getValue())));
        if (others.size() < rank) {
            progress.accept(String.format(Locale.ROOT, "%s %s: after %d of %d folds mean dE00 %.3f; %d complete candidate(s),"
                    + " continues%s", label, spec, done, folds, mean, others.size(), all));
            return null;
        }
        Map.Entry<String, Double> ref = others.get(rank - 1);
        boolean stop = mean > margin * ref.getValue();
        progress.accept(String.format(Locale.ROOT, "%s %s: after %d of %d folds mean dE00 %.3f vs %.3f for the %s best (%s)"
                + " on those folds: %s; complete candidates on those folds%s", label, spec, done, folds, mean,
                ref.getValue(), FitReport.Stopped.ordinal(rank), ref.getKey(), stop ? "stopped" : "continues", all));
        return stop ? new FitReport.Stopped(done, folds, mean, ref.getKey(), ref.getValue(), rank) : null;
    }

    /** Mean CIEDE2000 over {@code held}'s rows of the splits below {@code done}. */
    static double partialMean(Stacking.Held held, int done) {
        double[] de = Evaluation.deltaE(held.pairs(), held.predicted());
        double sum = 0;
        int count = 0;
        for (int i = 0; i < de.length; i++) {
            if (held.split()[i] < done) {
                sum += de[i];
                count++;
            }
        }
        return sum / count;
    }

    /** {@code a}'s rows then {@code b}'s: batches in split order give a full cross-validation's row order. */
    static Stacking.Held concat(Stacking.Held a, Stacking.Held b) {
        List<Pair> rows = new ArrayList<>(a.pairs().asList());
        rows.addAll(b.pairs().asList());
        double[] p = new double[a.predicted().length + b.predicted().length];
        System.arraycopy(a.predicted(), 0, p, 0, a.predicted().length);
        System.arraycopy(b.predicted(), 0, p, a.predicted().length, b.predicted().length);
        int[] s = new int[a.split().length + b.split().length];
        System.arraycopy(a.split(), 0, s, 0, a.split().length);
        System.arraycopy(b.split(), 0, s, a.split().length, b.split().length);
        return new Stacking.Held(new PairSet(rows), p, s);
    }
}
