import emu.calibration.fit.Candidate;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * One candidate's fit cost (issue 24, session 16): fits each SPEC once to warm the JIT, then REPS times on all the
 * pairs of PAIRS.csv on this thread, and prints the thread's CPU seconds per fit (ThreadMXBean: the JIT's and the
 * collector's threads are not in it, so an A/B of two builds reads the fit's own work even on a loaded machine).
 * Run it on a build's classes, alternating builds (old, new, old, new ...):
 *   java -cp calibration/target/classes:$(cat station/target/classpath.txt) bench/fit/FitCpu.java PAIRS.csv 3 \
 *       polynomial:degree=3 root-polynomial:degree=2:illuminant=hybrid
 * (station/target/classpath.txt is written by bin/station's build; a copy of another build's calibration classes
 * goes first on -cp in place of this checkout's).
 */
public class FitCpu {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FitCpu PAIRS.csv REPS SPEC...");
            System.exit(2);
        }
        PairSet pairs = PairsCsv.read(Path.of(args[0]));
        int reps = Integer.parseInt(args[1]);
        IlluminantFeatures lights = IlluminantFeatures.from(pairs);
        var threads = ManagementFactory.getThreadMXBean();
        for (int k = 2; k < args.length; k++) {
            Candidate c = Candidate.parse(args[k]);
            c.fit(pairs, 1, lights);
            long t0 = threads.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                c.fit(pairs, 1, lights);
            }
            System.out.printf("%s %.3f s CPU per fit (%d pairs, %d fits after one to warm up)%n", args[k],
                    (threads.getCurrentThreadCpuTime() - t0) / 1e9 / reps, pairs.size(), reps);
        }
    }
}
