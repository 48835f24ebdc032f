import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelSelection;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Does the selection's patch cross-validation of a smoothing fitter (grid, tps) predict its error on patches it never
 * saw, with the smoothing chosen once per light on the training pairs (the default since issue 24 session 17) and
 * with it chosen again inside every fold ({@code -Demu.fit.tune=per-fold}, as before)? Splits PAIRS.csv's patches
 * into OUTER groups (seeded shuffle); for each group runs the selection on the other groups' pairs with SPEC alone
 * (5 folds, seed 1, no finalists, one thread) in both modes, and scores its model (the same in both: checked) on the
 * group's pairs. Prints per group the two CV means and the held-out truth, then each mode's mean signed gap
 * (CV - truth) / truth: the less biased estimate is the one nearer 0.
 *   java -cp calibration/target/classes:$(cat station/target/classpath.txt) bench/fit/NestedCheck.java \
 *       PAIRS.csv grid:illuminant=per 5
 */
public class NestedCheck {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: NestedCheck PAIRS.csv SPEC OUTER");
            System.exit(2);
        }
        PairSet all = PairsCsv.read(Path.of(args[0]));
        String spec = args[1];
        int outer = Integer.parseInt(args[2]);
        List<String> patches = new ArrayList<>(all.patches());
        Collections.shuffle(patches, new Random(17));
        Map<String, Integer> group = new HashMap<>();
        for (int i = 0; i < patches.size(); i++) {
            group.put(patches.get(i), i % outer);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String[] modes = {"once", "per-fold"};
        double[] gap = new double[2];
        double[] cpu = new double[2];
        for (int k = 0; k < outer; k++) {
            int g = k;
            PairSet train = all.filter(p -> group.get(p.patch()) != g);
            PairSet test = all.filter(p -> group.get(p.patch()) == g);
            double[] cv = new double[2];
            double[] truth = new double[2];
            for (int m = 0; m < 2; m++) {
                System.setProperty("emu.fit.tune", modes[m]);
                long t0 = os.getProcessCpuTime();
                ModelSelection.Result r = ModelSelection.run(train, new ModelSelection.Settings(List.of(spec), 5, 1, 0, 1,
                        line -> { }));
                cpu[m] += (os.getProcessCpuTime() - t0) / 1e9;
                cv[m] = r.report().winnerReport().cv().overall().mean();
                truth[m] = Evaluation.of(r.model(), test).overall().mean();
            }
            if (truth[0] != truth[1]) {
                throw new IllegalStateException("group " + k + ": the two modes' models differ: " + truth[0] + " vs "
                        + truth[1]);
            }
            for (int m = 0; m < 2; m++) {
                gap[m] += (cv[m] - truth[0]) / truth[0] / outer;
            }
            System.out.printf("group %d: %d train / %d held-out pairs; CV once %.4f, per-fold %.4f; held-out %.4f%n", k,
                    train.size(), test.size(), cv[0], cv[1], truth[0]);
        }
        System.out.printf("%s on %s: mean (CV - held-out) / held-out: once %+.2f%%, per-fold %+.2f%%;"
                + " selection CPU (the process's, JIT included) once %.1f s, per-fold %.1f s%n", spec, args[0], 100 * gap[0],
                100 * gap[1], cpu[0], cpu[1]);
    }
}
