package emu.calibration.fit;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One candidate fitted on training splits in parallel and every held-out pair predicted ({@link ModelSelection}'s
 * patch folds, lights and EVs held out; {@link Racing}'s batches of folds). Split k is fitted with seed
 * {@code seed + 7919 (k + 1)} and results are gathered in split order, so nothing depends on thread timing.
 */
final class CrossValidation {

    private CrossValidation() {}

    /** A training set (pairs matching {@code train}); the rest is predicted. */
    record Split(String name, java.util.function.Predicate<Pair> train) {}

    /** Fits each split in parallel and predicts every pair out of training. */
    static Stacking.Held run(ExecutorService pool, Candidate cand, PairSet pairs, List<Split> splits,
                             IlluminantFeatures lights, long seed) {
        return run(pool, cand, pairs, splits, 0, splits.size(), lights, seed);
    }

    /**
     * Splits {@code from} (inclusive) to {@code to} (exclusive) only, split k with the seed it has in the whole
     * run: batches run one after another give exactly the whole run's predictions ({@link Racing}).
     */
    static Stacking.Held run(ExecutorService pool, Candidate cand, PairSet pairs, List<Split> splits,
                             int from, int to, IlluminantFeatures lights, long seed) {
        List<Future<double[]>> futures = new ArrayList<>();
        List<int[]> heldRows = new ArrayList<>();
        for (int k = from; k < to; k++) {
            Split sp = splits.get(k);
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                (sp.train().test(pairs.get(i)) ? tr : te).add(i);
            }
            int[] trIdx = tr.stream().mapToInt(Integer::intValue).toArray();
            int[] teIdx = te.stream().mapToInt(Integer::intValue).toArray();
            heldRows.add(teIdx);
            long foldSeed = seed + 7919L * (k + 1);
            futures.add(pool.submit(() -> {
                FittedModel m = cand.fit(pairs.subset(trIdx), foldSeed, lights);
                return Evaluation.predict(m, pairs.subset(teIdx));
            }));
        }
        List<Pair> order = new ArrayList<>();
        double[] predicted = new double[3 * heldRows.stream().mapToInt(r -> r.length).sum()];
        int[] split = new int[predicted.length / 3];
        for (int k = from; k < to; k++) {
            double[] d = await(futures.get(k - from));
            System.arraycopy(d, 0, predicted, 3 * order.size(), d.length);
            for (int row : heldRows.get(k - from)) {
                split[order.size()] = k;
                order.add(pairs.get(row));
            }
        }
        return new Stacking.Held(new PairSet(order), predicted, split);
    }

    /** {@code f}'s result; a fit's own RuntimeException as thrown (the selection reports its message). */
    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        }
    }
}
