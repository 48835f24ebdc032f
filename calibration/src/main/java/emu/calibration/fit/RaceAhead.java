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

    /** Starts the first batch of each expensive candidate of {@code candidates} on the lane, in order. */
    static RaceAhead start(List<Candidate> candidates, PairSet pairs, List<CrossValidation.Split> splits,
                           IlluminantFeatures lights, long seed) {
        RaceAhead ahead = new RaceAhead(true);
        for (Candidate c : candidates) {
            if (c.fitter().expensive() && splits.size() > Racing.BATCH && !ahead.first.containsKey(c)) {
                // CrossValidation.run waits for the lane's fits, so it runs on a starter thread, not on the lane
                ahead.first.put(c, CompletableFuture.supplyAsync(() -> ahead.timed(c, ahead.lane, pairs, splits, 0,
                        Racing.BATCH, lights, seed), ahead.starters));
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
