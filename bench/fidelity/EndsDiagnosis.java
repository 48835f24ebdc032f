import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DIAGNOSTIC ONLY, reads held-out pairs (issue 24, session 7: run after the setting was chosen, to see why the
 * training-side splits of {@link EndsCv} did not see the bench's losses): per model directory, the held-out
 * reflectances at EV -3, +0.5, +3 and the clipped ones, trained lights, scored by the model itself (no cube),
 * chart patches ({@code p190-*}) apart from the natural mixtures ({@code rnd-*}).
 *
 * <p>Usage: {@code bench/fidelity/ends-cv.sh --diagnose WORK/full-STOCK/heldout.csv MODEL_DIR...}
 */
public class EndsDiagnosis {
    public static void main(String[] args) throws Exception {
        PairSet held = PairsCsv.read(Path.of(args[0]));
        Set<String> lights = Set.of("D65", "D50", "A", "FL2", "LED-B3", "studio-lamp");
        for (int a = 1; a < args.length; a++) {
            ColourModel m = ModelDirectory.load(Path.of(args[a])).model();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-50s", args[a]));
            for (double ev : new double[] {-3, 0.5, 3}) {
                for (String kind : List.of("p190", "rnd")) {
                    PairSet ps = held.filter(p -> lights.contains(p.illuminant()) && p.ev() == ev
                            && p.patch().startsWith(kind) && !p.frame().startsWith("clip"));
                    sb.append(String.format(Locale.ROOT, " ev%+.1f %s %.3f", ev, kind, Evaluation.of(m, ps).overall().mean()));
                }
            }
            for (String kind : List.of("p190", "rnd")) {
                PairSet ps = held.filter(p -> lights.contains(p.illuminant()) && p.patch().startsWith(kind)
                        && p.frame().startsWith("clip"));
                sb.append(String.format(Locale.ROOT, " clip %s %.3f", kind, Evaluation.of(m, ps).overall().mean()));
            }
            System.out.println(sb);
        }
    }
}
