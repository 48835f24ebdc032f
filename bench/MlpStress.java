import emu.calibration.fit.Candidate;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MLP's native-crash harness (bench/mlp-crash.sh; bench/RESULTS.md, "The MLP's native crash"): fits the
 * real {@code mlp} candidate FITS times on one pairs CSV from THREADS threads at once, as `station fit`'s
 * cross-validation does (5 folds by patch, each fold's fit then a prediction of its held-out pairs), and prints
 * one line per fit with its seconds. A JVM that dies in nd4j's native code never prints the last line.
 *
 * <p>Run: java -cp CLASSPATH bench/MlpStress.java PAIRS.csv THREADS FITS [GC_MS [SPEC]]
 *
 * <p>GC_MS &gt; 0 adds a thread that calls {@code System.gc()} every GC_MS milliseconds: a collection while a
 * fit is inside nd4j's native code, which any other allocating thread of the process (the other fold's fit, the
 * daemon's web server) can cause; 0 (the default) adds nothing.
 */
public class MlpStress {
    public static void main(String[] args) throws Exception {
        PairSet pairs = PairsCsv.read(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        int fits = Integer.parseInt(args[2]);
        long gcMs = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Candidate cand = Candidate.parse(args.length > 4 ? args[4] : "mlp");
        if (gcMs > 0) {
            Thread gc = new Thread(() -> {
                while (true) {
                    System.gc();
                    try {
                        Thread.sleep(gcMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gc-every-" + gcMs + "ms");
            gc.setDaemon(true);
            gc.start();
        }
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        List<String> patches = pairs.patches();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int i = 0; i < fits; i++) {
            int fold = i % 5;
            long seed = 1 + i;
            jobs.add(pool.submit(() -> {
                PairSet train = pairs.filter(p -> patches.indexOf(p.patch()) % 5 != fold);
                PairSet held = pairs.filter(p -> patches.indexOf(p.patch()) % 5 == fold);
                long t = System.nanoTime();
                FittedModel m = cand.fit(train, seed, lights);
                double err = 0;
                for (Pair p : held) {
                    double[] y = m.predict(p.digital(), p.illuminant());
                    err += Math.abs(y[0] - p.film()[0]);
                }
                System.out.printf(Locale.ROOT, "fit %d (fold %d, %s) %.1f s, held-out mean |dR| %.4f%n",
                        done.incrementAndGet(), fold, Thread.currentThread().getName(), (System.nanoTime() - t) / 1e9,
                        err / held.size());
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "all %d fits done on %d threads in %.1f s%n", fits, threads,
                (System.nanoTime() - t0) / 1e9);
    }
}
