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
 * The {@linkplain Fitter#expensive() expensive} candidates' folds before the second checkpoint ({@link #AHEAD}), started
 * with the selection on a thread of their own (issue 24, session 14). nd4j lets one thread of the process train at a
 * time ({@link MlpNetwork#NATIVE}), so the MLP's two folds of a batch ran one after the other while the pool's other
 * thread waited on the lock; started ahead, they train while the cheap candidates' folds take the pool. Each fold is
 * fitted with its own seed as before ({@link CrossValidation}), and each checkpoint still waits until every cheap
 * candidate is complete: the report and the model are the same as without it, only sooner. A candidate stopped after
 * its first fold leaves its second unused (started ahead, it may have run: the price of not waiting for the
 * checkpoint). Used when the selection has two threads or more (a one-thread selection, the station's nightly
 * training, keeps to one core and fits a fold only when its checkpoint has passed).
 */
final class RaceAhead implements AutoCloseable {

    /** A batch's held-out predictions and the wall seconds its fits took. */
    record Timed(Stacking.Held held, double seconds) {}

    private final ExecutorService lane;
    private final ExecutorService starters;
    /** Folds started ahead: those before the second checkpoint ({@link Racing#end}: after 1, then 2 folds). */
    static final int AHEAD = Racing.BATCH;

    /** Each started candidate's folds 0 .. AHEAD - 1, one future per fold (the first checkpoint reads fold 0 alone). */
    private final Map<Candidate, List<CompletableFuture<Timed>>> first = new HashMap<>();
    /** The lane's one thread, once it runs (its CPU time is the fits' cost, see {@link #timed}). */
    private volatile Thread laneThread;

    private RaceAhead(boolean started) {
        this.lane = started ? Executors.newSingleThreadExecutor(r -> {
            Thread t = daemon(r, "expensive folds");
            laneThread = t;
            return t;
        }) : null;
        this.starters = started ? Executors.newCachedThreadPool(r -> daemon(r, "expensive folds' batch")) : null;
    }

    /** Nothing started ahead: every batch runs on the selection's pool when its turn comes. */
    static RaceAhead none() {
        return new RaceAhead(false);
    }

    /** Starts the first {@link #AHEAD} folds of each expensive candidate of {@code candidates} on the lane, in order. */
    static RaceAhead start(List<Candidate> candidates, PairSet pairs, List<CrossValidation.Split> splits,
                           IlluminantFeatures lights, long seed) {
        RaceAhead ahead = new RaceAhead(true);
        CompletableFuture<Timed> before = CompletableFuture.completedFuture(null);
        for (Candidate c : candidates) {
            if (c.fitter().expensive() && splits.size() > AHEAD && !ahead.first.containsKey(c)) {
                List<CompletableFuture<Timed>> folds = new java.util.ArrayList<>();
                // CrossValidation.run waits for the lane's fits, so it runs on a starter thread, not on the lane;
                // each fold is submitted when the one before it has ended (any candidate's, failed or not), so the
                // lane takes them in order and the lane thread's CPU time over a fold is that fold's alone
                for (int k = 0; k < AHEAD; k++) {
                    int fold = k;
                    before = before.exceptionally(failed -> null).thenApplyAsync(t -> ahead.timed(c, ahead.lane, pairs,
                            splits, fold, fold + 1, lights, seed), ahead.starters);
                    folds.add(before);
                }
                ahead.first.put(c, folds);
            }
        }
        return ahead;
    }

    /**
     * Splits {@code from} to {@code to} of {@code c} fitted on {@code pool}, timed: the wall time on the selection's
     * pool; on the lane, the lane thread's CPU time, because its fits share the cores with the cheap candidates'
     * and their wall time would overstate what they cost (the stack's budget reads it, ModelSelection#STACK_BUDGET:
     * alone on a core, as the MLP's fits were behind nd4j's lock, the two are the same).
     */
    Timed timed(Candidate c, ExecutorService pool, PairSet pairs, List<CrossValidation.Split> splits, int from,
                int to, IlluminantFeatures lights, long seed) {
        boolean onLane = pool == lane && lane != null;
        long t0 = onLane ? laneCpu() : System.nanoTime();
        Stacking.Held held = CrossValidation.run(pool, c, pairs, splits, from, to, lights, seed);
        return new Timed(held, ((onLane ? laneCpu() : System.nanoTime()) - t0) / 1e9);
    }

    /** The lane thread's CPU nanoseconds (0 before it exists: it is made for the first fit). */
    private long laneCpu() {
        Thread t = laneThread;
        long ns = t == null ? 0 : java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        return Math.max(0, ns);
    }

    /** Whether {@code c}'s first batch was started ahead. */
    boolean started(Candidate c) {
        return first.containsKey(c);
    }

    /** Whether {@code c}'s folds up to {@code to} were started ahead. */
    boolean has(Candidate c, int to) {
        return started(c) && to <= AHEAD;
    }

    /**
     * {@code c}'s folds {@code from} .. {@code to - 1} started ahead, waiting for them if need be, in split order; a
     * fit's own RuntimeException as thrown.
     */
    Timed folds(Candidate c, int from, int to) {
        Stacking.Held held = null;
        double seconds = 0;
        for (int k = from; k < to; k++) {
            Timed t;
            try {
                t = first.get(c).get(k).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            held = held == null ? t.held() : Racing.concat(held, t.held());
            seconds += t.seconds();
        }
        return new Timed(held, seconds);
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
