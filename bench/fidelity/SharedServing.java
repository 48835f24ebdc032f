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
 * among the training lights. Nothing held out is read. When {@code train-nominal.csv} lies beside the
 * training CSV (bench/fidelity/run.sh writes it: the same readings with every light's film from the
 * stock's nominal development), each left-out light is also scored against its nominal film: how
 * much of the leave-one-light-out error is the left-out light's own roll.
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
        Path nomCsv = csv.resolveSibling("train-nominal.csv");
        PairSet nominal = java.nio.file.Files.exists(nomCsv) ? PairsCsv.read(nomCsv) : null;
        double[][] de = new double[all.size()][cols.size()];
        double[][] deNom = new double[all.size()][cols.size()];
        for (int l = 0; l < all.size(); l++) {
            String light = all.get(l);
            PairSet rest = train.filter(p -> !p.illuminant().equals(light));
            PairSet own = train.filter(p -> p.illuminant().equals(light));
            PairSet nom = nominal == null ? null : nominal.filter(p -> p.illuminant().equals(light));
            if (nom != null && (nom.size() != own.size() || !Arrays.equals(nom.digital(), own.digital()))) {
                throw new IllegalStateException(nomCsv + " does not hold the same readings as " + csv);
            }
            String serving = "";
            for (int c = 0; c < cols.size(); c++) {
                FittedModel m = Candidate.parse(cols.get(c)).fit(rest, 1, lights);
                serving = m.serving(light);
                double[] pred = Evaluation.predict(m, own);
                de[l][c] = Arrays.stream(Evaluation.deltaE(own, pred)).average().orElse(Double.NaN);
                deNom[l][c] = nom == null ? Double.NaN : Arrays.stream(Evaluation.deltaE(nom, pred)).average().orElse(Double.NaN);
            }
            System.out.printf(Locale.ROOT, "  %s%n", serving);
        }
        System.out.printf(Locale.ROOT, "%s, %s: leave-one-light-out mean CIEDE2000 on training pairs (%.0f s)%n", csv, per,
                (System.nanoTime() - t0) / 1e9);
        table("against the left-out light's own roll", per, cols, all, de);
        if (nominal != null) {
            table("against the left-out light's NOMINAL film (same readings)", per, cols, all, deNom);
        }
        System.out.println("  (* no known spectrum: chromaticity estimated from the pairs)");
    }

    static void table(String title, String per, List<String> cols, List<String> all, double[][] de) {
        System.out.println("  " + title + ":");
        System.out.printf(Locale.ROOT, "  %-12s %9s", "light", "blend");
        for (int c = 1; c < cols.size(); c++) {
            String s = cols.get(c).substring(per.length() + ":unseen-shared=".length());
            System.out.printf(Locale.ROOT, " %9s", s.replace(":unseen-shrink=", "@").replace("root-polynomial/degree=", "rp")
                    .replace("/illuminant=hybrid", "h").replace("/illuminant=per", "p"));
        }
        System.out.println();
        double[] mean = new double[cols.size()];
        for (int l = 0; l < all.size(); l++) {
            System.out.printf(Locale.ROOT, "  %-12s %9s", all.get(l) + (Illuminants.find(all.get(l)).isEmpty() ? "*" : ""),
                    String.format(Locale.ROOT, "%.3f", de[l][0]));
            for (int c = 1; c < cols.size(); c++) {
                System.out.printf(Locale.ROOT, " %9.3f", de[l][c]);
            }
            System.out.println();
            for (int c = 0; c < cols.size(); c++) {
                mean[c] += de[l][c] / all.size();
            }
        }
        System.out.printf(Locale.ROOT, "  %-12s %9s", "mean", String.format(Locale.ROOT, "%.3f", mean[0]));
        for (int c = 1; c < cols.size(); c++) {
            System.out.printf(Locale.ROOT, " %9.3f", mean[c]);
        }
        System.out.println();
    }
}
