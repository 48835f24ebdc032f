import emu.calibration.color.Illuminants;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 24, session 6: untrained lights served from a model shared across all trained lights plus
 * the shrunk deviations of the blend neighbours' own models from it (a per-light candidate's
 * {@code unseen-shared} / {@code unseen-shrink}), against the shipped blend of the neighbours'
 * models. TRAINING pairs only: every trained light (all six, the one with no known spectrum
 * included: its chromaticity is estimated from the pairs as the station does) is left out and its
 * own training pairs predicted by the candidate fitted on the other lights' pairs (per-light models
 * and shared part both refitted without it). The neighbour weight ratio (nearer / farther, inverse
 * uv distance) is printed per light: D50 (next to D65, ratio about 4) is the near-coincident case
 * among the training lights. Nothing held out is read.
 *
 * <p>Usage: {@code java -cp CP bench/fidelity/SharedServing.java PER_SPEC SHARED_SPECS SHRINKS TRAIN_CSV...},
 * e.g. {@code root-polynomial:degree=3:illuminant=per root-polynomial/degree=2,root-polynomial/degree=3
 * 0,0.5,0.75,1 WORK/full-portrait-160/train.csv}.
 */
public class SharedServing {

    public static void main(String[] args) throws Exception {
        String per = args[0];
        List<String> shared = List.of(args[1].split(","));
        double[] shrinks = Arrays.stream(args[2].split(",")).mapToDouble(Double::parseDouble).toArray();
        for (int i = 3; i < args.length; i++) {
            run(per, shared, shrinks, Path.of(args[i]));
        }
    }

    static void run(String per, List<String> shared, double[] shrinks, Path csv) throws Exception {
        PairSet train = PairsCsv.read(csv);
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        List<String> all = train.illuminants();
        List<String> cols = new ArrayList<>(List.of(per));
        for (String s : shared) {
            for (double k : shrinks) {
                cols.add(per + ":unseen-shared=" + s + ":unseen-shrink=" + k);
            }
        }
        long t0 = System.nanoTime();
        double[][] de = new double[all.size()][cols.size()];
        for (int l = 0; l < all.size(); l++) {
            String light = all.get(l);
            PairSet rest = train.filter(p -> !p.illuminant().equals(light));
            PairSet own = train.filter(p -> p.illuminant().equals(light));
            String serving = "";
            for (int c = 0; c < cols.size(); c++) {
                FittedModel m = Candidate.parse(cols.get(c)).fit(rest, 1, lights);
                serving = m.serving(light);
                de[l][c] = Arrays.stream(Evaluation.deltaE(own, Evaluation.predict(m, own))).average().orElse(Double.NaN);
            }
            System.out.printf(Locale.ROOT, "  %s%n", serving);
        }
        System.out.printf(Locale.ROOT, "%s, %s: leave-one-light-out mean CIEDE2000 on training pairs (%.0f s)%n", csv, per,
                (System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "  %-12s %-26s", "light", "blend");
        for (int c = 1; c < cols.size(); c++) {
            String s = cols.get(c).substring(per.length() + ":unseen-shared=".length());
            System.out.printf(Locale.ROOT, " %9s", s.replace(":unseen-shrink=", "@").replace("root-polynomial/degree=", "rp")
                    .replace("/illuminant=hybrid", "h"));
        }
        System.out.println();
        double[] mean = new double[cols.size()];
        for (int l = 0; l < all.size(); l++) {
            System.out.printf(Locale.ROOT, "  %-12s %-26s", all.get(l) + (Illuminants.find(all.get(l)).isEmpty() ? "*" : ""),
                    String.format(Locale.ROOT, "%.3f", de[l][0]));
            for (int c = 1; c < cols.size(); c++) {
                System.out.printf(Locale.ROOT, " %9.3f", de[l][c]);
            }
            System.out.println();
            for (int c = 0; c < cols.size(); c++) {
                mean[c] += de[l][c] / all.size();
            }
        }
        System.out.printf(Locale.ROOT, "  %-12s %-26s", "mean", String.format(Locale.ROOT, "%.3f", mean[0]));
        for (int c = 1; c < cols.size(); c++) {
            System.out.printf(Locale.ROOT, " %9.3f", mean[c]);
        }
        System.out.println();
        System.out.println("  (* no known spectrum: chromaticity estimated from the pairs)");
    }
}
