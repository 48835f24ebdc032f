package emu.calibration.fit;

import emu.calibration.pairs.PairSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@linkplain Fitter#expensive() expensive} candidates' first batch of folds ({@link Racing#BATCH}), started
 * with the selection on a thread of their own (issue 24, session 14). nd4j lets one thread of the process train at a
 * time ({@link MlpNetwork#NATIVE}), so the MLP's two folds of a batch ran one after the other while the pool's other
 * thread waited on the lock; started ahead, they train while the cheap candidates' folds take the pool. Each fold is
 * fitted with its own seed as before ({@link CrossValidation}), and the checkpoint still waits until every cheap
 * candidate is complete: the report and the model are the same as without it, only sooner. Used when the selection
 * has two threads or more (a one-thread selection, the station's nightly training, keeps to one core).
 */
final class RaceAhead implements AutoCloseable {

    /** A batch's held-out predictions and the wall seconds its fits took. */
    record Timed(Stacking.Held held, double seconds) {}

    private final ExecutorService lane;
    private final ExecutorService starters;
    private final Map<Candidate, CompletableFuture<Timed>> first = new HashMap<>();

    private RaceAhead(ExecutorService lane, ExecutorService starters) {
        this.lane = lane;
        this.starters = starters;
    }

    /** Nothing started ahead: every batch runs on the selection's pool when its turn comes. */
    static RaceAhead none() {
        return new RaceAhead(null, null);
    }

    /** Starts the first batch of each expensive candidate of {@code candidates} on the lane, in order. */
    static RaceAhead start(List<Candidate> candidates, PairSet pairs, List<CrossValidation.Split> splits,
                           IlluminantFeatures lights, long seed) {
        RaceAhead ahead = new RaceAhead(Executors.newSingleThreadExecutor(daemons("expensive folds")),
                Executors.newCachedThreadPool(daemons("expensive folds' batch")));
        for (Candidate c : candidates) {
            if (c.fitter().expensive() && splits.size() > Racing.BATCH && !ahead.first.containsKey(c)) {
                // CrossValidation.run waits for the lane's fits, so it runs on a starter thread, not on the lane
                ahead.first.put(c, CompletableFuture.supplyAsync(() -> timed(ahead.lane, c, pairs, splits, 0,
                        Racing.BATCH, lights, seed), ahead.starters));
            }
        }
        return ahead;
    }

    /** Splits {@code from} to {@code to} of {@code c} fitted on {@code pool}, timed. */
    static Timed timed(ExecutorService pool, Candidate c, PairSet pairs, List<CrossValidation.Split> splits, int from,
                       int to, IlluminantFeatures lights, long seed) {
        long t0 = System.nanoTime();
        Stacking.Held held = CrossValidation.run(pool, c, pairs, splits, from, to, lights, seed);
        return new Timed(held, (System.nanoTime() - t0) / 1e9);
    }

    /** Whether {@code c}'s first batch was started ahead. */
    boolean started(Candidate c) {
        return first.containsKey(c);
    }

    /** {@code c}'s first batch, waiting for it if need be; a fit's own RuntimeException as thrown. */
    Timed first(Candidate c) {
        try {
            return first.get(c).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Where {@code c}'s later batches run: the lane when its first ran there (one nd4j thread anyway), else {@code pool}. */
    ExecutorService pool(Candidate c, ExecutorService pool) {
        return started(c) ? lane : pool;
    }

    /** Stops what is still running or queued (a selection that failed or was cancelled). */
    @Override
    public void close() {
        if (lane != null) {
            lane.shutdownNow().forEach(r -> ((Future<?>) r).cancel(true)); // its starter's wait ends too
            starters.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
