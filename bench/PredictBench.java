import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Time to predict a 65^3 LUT's 274,625 points: an ACEScct grid decoded to linear Rec.709 and
 * passed to the model in one call, as LUT baking does. One warm-up, then the best and median
 * of five.
 *
 * <p>Run: java -cp CLASSPATH bench/PredictBench.java MODEL_DIR ILLUMINANT
 */
public class PredictBench {
    public static void main(String[] args) throws Exception {
        ModelDirectory dir = ModelDirectory.load(Path.of(args[0]));
        int n = 65;
        double[] grid = new double[3 * n * n * n];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    grid[i++] = r / (n - 1.0);
                    grid[i++] = g / (n - 1.0);
                    grid[i++] = b / (n - 1.0);
                }
            }
        }
        double[] linear = InputEncoding.get("acescct").toRec709Linear(grid);
        dir.model().predict(linear, args[1]);
        double[] t = new double[5];
        for (int k = 0; k < t.length; k++) {
            long t0 = System.nanoTime();
            dir.model().predict(linear, args[1]);
            t[k] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%s: predicted %d points under %s: best %.3f s, median %.3f s%n",
                dir.metadata().spec(), linear.length / 3, args[1], t[0], t[2]);
    }
}
