package emu.station.jobs;

import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.PgCluster;
import emu.station.store.Store;
import emu.station.training.SyntheticSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 21's "nightly training of 8 sets with 1 worker vs 2 workers" (bench/workers.sh, figures in
 * bench/RESULTS.md): a throwaway PostgreSQL cluster ({@link PgCluster}), SETS synthetic sets of 2
 * lights x EVS exposures (24 pairs a step) in its catalogue, then per round SETS training jobs
 * queued at once and taken by 1 or by 2 real {@code station worker} processes (their own JVMs,
 * {@code OMP_NUM_THREADS=1} as bin/station sets it), rounds alternating 1, 2, 2, 1, ... Reported:
 * the makespan (first claim to last finish, from the job rows: the workers' JVM start is left out,
 * workers run all night), the wall time including the start and the workers' CPU time (all
 * threads, from {@code ProcessHandle.Info}), per round, and the ratios.
 * Usage: {@code WorkersBench SETS EVS REPEATS CANDIDATES} (CANDIDATES: a TOML array); the
 * environment's {@code WORKERS_OWN_SESSIONS=1} starts each worker in a session of its own.
 */
public final class WorkersBench {
    /** {@code WORKERS_OWN_SESSIONS=1}: each worker in its own session (autogroup), see {@link WorkerProcesses#start}. */
    private static final boolean OWN_SESSIONS = "1".equals(System.getenv("WORKERS_OWN_SESSIONS"));
    private WorkersBench() {}

    public static void main(String[] args) throws Exception {
        int sets = Integer.parseInt(args[0]);
        int evs = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        String candidates = args[3];
        Path dir = Files.createTempDirectory("workers-bench");
        try {
            run(dir, sets, evs, repeats, candidates);
        } finally {
            emu.calibration.io.AtomicFiles.deleteTree(dir);
        }
    }

    private static void run(Path dir, int sets, int evs, int repeats, String candidates) throws Exception {
        String url = PgCluster.get().newDatabase();
        Path cfgFile = WorkerProcesses.config(dir, "worker", url, candidates);
        // a long lease: on a loaded machine a late renewal must not hand a job to the other worker
        Files.writeString(cfgFile, Files.readString(cfgFile).replace("job_lease_seconds = 2", "job_lease_seconds = 60"));
        StationConfig cfg = StationConfig.load(cfgFile);
        List<Double> ev = new ArrayList<>();
        for (int i = 0; i < evs; i++) {
            ev.add(-2.0 + 4.0 * i / Math.max(1, evs - 1));
        }
        try (Store store = Daemon.openStore(cfg)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < sets; i++) {
                ids.add(SyntheticSets.withPairs(store, "nightly-" + i, ev));
            }
            System.out.printf(Locale.ROOT, "%d sets of %d pairs (2 lights x %d EVs x 24 patches), candidates %s, "
                    + "folds %d, export cube srgb 9; workers in %s%n", sets, store.readings().pairs(ids.get(0)).size(), evs, candidates,
                    cfg.training().folds(), OWN_SESSIONS ? "a session each (setsid)" : "this bench's session");
            int[] order = {1, 2, 2, 1};
            double[] makespan = new double[3];
            double[] wall = new double[3];
            for (int r = 0; r < repeats * 2; r++) {
                int workers = order[r % 4];
                double[] t = round(store, dir, cfgFile, ids, workers, r);
                makespan[workers] += t[0];
                wall[workers] += t[1];
                System.out.printf(Locale.ROOT, "round %d: %d worker(s): makespan %.1f s, wall %.1f s (incl. JVM start), "
                        + "workers' CPU %.1f s; load %s%n", r + 1, workers, t[0], t[1], t[2], load());
            }
            System.out.printf(Locale.ROOT, "mean of %d rounds each: 1 worker makespan %.1f s, 2 workers %.1f s, ratio "
                    + "(1 / 2) %.2f; wall %.1f s vs %.1f s, ratio %.2f%n", repeats, makespan[1] / repeats,
                    makespan[2] / repeats, makespan[1] / makespan[2], wall[1] / repeats, wall[2] / repeats, wall[1] / wall[2]);
        }
    }

    /** Queues one training per set, runs {@code workers} processes until all are done; {makespan, wall} in s. */
    private static double[] round(Store store, Path dir, Path cfg, List<Long> sets, int workers, int r) throws Exception {
        List<Long> jobs = new ArrayList<>();
        for (long set : sets) {
            jobs.add(store.jobs().enqueue(JobQueue.KIND, "{\"set\":" + set + "}").id());
        }
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        double cpu = 0;
        try {
            for (int w = 0; w < workers; w++) {
                ps.add(WorkerProcesses.start(cfg, dir.resolve("round" + r + "-worker" + w + ".out"), OWN_SESSIONS));
            }
            long end = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (!jobs.stream().allMatch(id -> store.jobs().byId(id).orElseThrow().finishedAt().isPresent())) {
                for (Process p : ps) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a worker exited: " + Files.readString(dir.resolve("round" + r
                                + "-worker" + ps.indexOf(p) + ".out")));
                    }
                }
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("round " + r + " not done in 30 min");
                }
                Thread.sleep(100);
            }
        } finally {
            for (Process p : ps) {
                // the worker's CPU time (all its threads: fit, JIT, GC) before it stops
                cpu += p.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
                WorkerProcesses.stop(p, true);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        java.time.Instant first = null;
        java.time.Instant last = null;
        java.util.Set<String> owners = new java.util.TreeSet<>();
        for (long id : jobs) {
            Job j = store.jobs().byId(id).orElseThrow();
            if (j.state() != JobRepository.State.DONE) {
                throw new IllegalStateException("job " + id + " ended " + j.state() + ": " + j.message());
            }
            first = first == null || j.startedAt().get().isBefore(first) ? j.startedAt().get() : first;
            last = last == null || j.finishedAt().get().isAfter(last) ? j.finishedAt().get() : last;
            owners.add(j.worker());
        }
        if (owners.size() != workers) {
            System.out.println("  (the jobs were run by " + owners.size() + " worker(s): " + owners + ")");
        }
        return new double[] {Duration.between(first, last).toMillis() / 1000.0, wall, cpu};
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
