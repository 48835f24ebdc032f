package emu.station.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benches opening one fresh PostgreSQL catalogue at the same moment, again and again (bench/pg-migration-race.sh):
 * counts the opens that fail, e.g. with "relation "stocks" already exists" when a bench ran V1 after another
 * had (the stale version read fixed in Dialect.version). Not a test: a loop that finds rare interleavings.
 * Arguments: RUNS (100) BENCHES (4).
 */
public final class MigrationRaceBench {
    private MigrationRaceBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int benches = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        PgCluster cluster = PgCluster.get();
        ExecutorService pool = Executors.newFixedThreadPool(benches);
        int failed = 0;
        int failedRuns = 0;
        long t0 = System.nanoTime();
        for (int r = 0; r < runs; r++) {
            String url = cluster.newDatabase();
            List<Future<Integer>> opens = new ArrayList<>();
            for (int i = 0; i < benches; i++) {
                opens.add(pool.submit(() -> {
                    try (Store s = Store.openPostgres(url, PgCluster.user(), null)) {
                        return s.migratedFrom();
                    }
                }));
            }
            int before = failed;
            for (Future<Integer> f : opens) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failed++;
                    System.out.println("run " + r + ": " + e.getCause().getMessage());
                }
            }
            failedRuns += failed > before ? 1 : 0;
        }
        pool.shutdown();
        System.out.printf("%d of %d runs had a failed open (%d of %d opens), %d benches each, in %d s%n", failedRuns, runs,
                failed, runs * benches, benches, (System.nanoTime() - t0) / 1_000_000_000L);
        System.exit(0); // PgCluster's shutdown hook stops the cluster
    }
}
