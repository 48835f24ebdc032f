import emu.calibration.color.Illuminant;
import emu.calibration.color.Illuminants;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to serve a light a per-light model never saw, compared on TRAINING pairs only: each trained
 * light with a known spectrum is left out and its own training pairs are predicted from the other
 * lights' models (a light's model never sees another light's pairs, so no refit is needed).
 * Schemes: the former inverse-distance blend of the two nearest lights of the same family (uv),
 * a Gaussian kernel on the spectra (bandwidths relative to the median distance between trained
 * lights), the non-negative spectral mixture (tried in the station as LightMixture and removed: it wins
 * here but lost on the held-out unseen lights, bench/RESULTS.md), and the
 * best single other light in hindsight (an oracle, for scale). Nothing held out is read.
 *
 * <p>Usage: {@code java -cp CP bench/fidelity/LightServing.java RUN_DIR...} where each RUN_DIR is a
 * bench/fidelity stock directory holding {@code train.csv} and {@code model/} (a per-light model or
 * a stack of them).
 */
public class LightServing {

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            run(Path.of(a));
        }
    }

    static void run(Path dir) throws Exception {
        PairSet train = PairsCsv.read(dir.resolve("train.csv"));
        ColourModel m = ModelDirectory.load(dir.resolve("model")).model();
        List<String> lights = new ArrayList<>();
        for (String l : train.illuminants()) {
            if (Illuminants.find(l).isPresent()) {
                lights.add(l);
            }
        }
        Map<String, PairSet> by = train.byIlluminant();
        int n = lights.size();
        double[][][] pred = new double[n][n][];
        double[][] spd = new double[n][];
        for (int j = 0; j < n; j++) {
            spd[j] = Illuminants.find(lights.get(j)).orElseThrow().unitLuminanceSpd();
            for (int k = 0; k < n; k++) {
                pred[j][k] = m.predict(by.get(lights.get(j)).digital(), lights.get(k));
            }
        }
        List<Double> ds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                ds.add(dist(spd[i], spd[j]));
            }
        }
        ds.sort(Double::compare);
        double med = ds.get(ds.size() / 2);
        double[] hs = {0.3, 0.5, 1, 2};
        System.out.printf(Locale.ROOT, "%s (%s), leave-one-light-out mean CIEDE2000 on training pairs%n", dir, lights);
        System.out.printf(Locale.ROOT, "  %-8s %7s", "light", "family2");
        for (double h : hs) {
            System.out.printf(Locale.ROOT, " %7s", "kern" + h);
        }
        System.out.printf(Locale.ROOT, " %7s %7s  mixture weights%n", "mixture", "oracle1");
        double[] sums = new double[hs.length + 3];
        for (int j = 0; j < n; j++) {
            PairSet ps = by.get(lights.get(j));
            double[] row = new double[hs.length + 3];
            row[0] = mean(ps, combine(pred[j], family2(lights, j)));
            for (int q = 0; q < hs.length; q++) {
                double[] w = new double[n];
                for (int k = 0; k < n; k++) {
                    if (k != j) {
                        double d = dist(spd[j], spd[k]) / med;
                        w[k] = Math.exp(-d * d / (2 * hs[q] * hs[q]));
                    }
                }
                row[1 + q] = mean(ps, combine(pred[j], w));
            }
            double[] w = mixture(spd, j);
            row[hs.length + 1] = mean(ps, combine(pred[j], w));
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                if (k != j) {
                    double[] one = new double[n];
                    one[k] = 1;
                    best = Math.min(best, mean(ps, combine(pred[j], one)));
                }
            }
            row[hs.length + 2] = best;
            System.out.printf(Locale.ROOT, "  %-8s", lights.get(j));
            for (int q = 0; q < row.length; q++) {
                System.out.printf(Locale.ROOT, " %7.2f", row[q]);
                sums[q] += row[q] / n;
            }
            StringBuilder sb = new StringBuilder();
            double tw = Arrays.stream(w).sum();
            for (int k = 0; k < n; k++) {
                if (w[k] / tw >= 0.01) {
                    sb.append(String.format(Locale.ROOT, " %s %.2f", lights.get(k), w[k] / tw));
                }
            }
            System.out.println(" " + sb);
        }
        System.out.printf(Locale.ROOT, "  %-8s", "mean");
        for (double s : sums) {
            System.out.printf(Locale.ROOT, " %7.2f", s);
        }
        System.out.println();
    }

    /** Non-negative least squares of light j's spectrum on the others' (cyclic coordinate descent). */
    static double[] mixture(double[][] spd, int j) {
        int n = spd.length;
        double[] w = new double[n];
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double change = 0;
            for (int i = 0; i < n; i++) {
                if (i == j) {
                    continue;
                }
                double g = -dot(spd[i], spd[j]);
                for (int k = 0; k < n; k++) {
                    if (k != j) {
                        g += dot(spd[i], spd[k]) * w[k];
                    }
                }
                double next = Math.max(0, w[i] - g / dot(spd[i], spd[i]));
                change = Math.max(change, Math.abs(next - w[i]));
                w[i] = next;
            }
            if (change < 1e-13) {
                break;
            }
        }
        double t = Arrays.stream(w).sum();
        for (int i = 0; i < n; i++) {
            w[i] = w[i] / t >= 0.01 ? w[i] : 0;
        }
        return w;
    }

    /** The former rule: the two nearest lights in CIE 1960 uv of the same family (any when none), inverse distance. */
    static double[] family2(List<String> lights, int j) {
        String fam = family(lights.get(j));
        List<Integer> pool = new ArrayList<>();
        for (int k = 0; k < lights.size(); k++) {
            if (k != j && family(lights.get(k)).equals(fam)) {
                pool.add(k);
            }
        }
        if (pool.isEmpty()) {
            for (int k = 0; k < lights.size(); k++) {
                if (k != j) {
                    pool.add(k);
                }
            }
        }
        double[] uj = uv(lights.get(j));
        pool.sort(Comparator.comparingDouble(k -> Math.hypot(uv(lights.get(k))[0] - uj[0], uv(lights.get(k))[1] - uj[1])));
        double[] w = new double[lights.size()];
        for (int q = 0; q < Math.min(2, pool.size()); q++) {
            double[] o = uv(lights.get(pool.get(q)));
            w[pool.get(q)] = 1 / Math.max(1e-9, Math.hypot(o[0] - uj[0], o[1] - uj[1]));
        }
        return w;
    }

    static String family(String n) {
        return n.matches("FL?[789]") || n.startsWith("LED-V") ? "broadband" : n.startsWith("FL") ? "fluorescent"
                : n.startsWith("LED") ? "led" : "broadband";
    }

    static double[] uv(String n) {
        return Illuminants.uv1960(Illuminants.find(n).map(Illuminant::xy).orElseThrow());
    }

    static double[] combine(double[][] p, double[] w) {
        double tw = Arrays.stream(w).sum();
        int len = 0;
        for (double[] q : p) {
            len = q.length;
        }
        double[] out = new double[len];
        for (int k = 0; k < p.length; k++) {
            if (w[k] > 0) {
                for (int i = 0; i < len; i++) {
                    out[i] += w[k] / tw * p[k][i];
                }
            }
        }
        return out;
    }

    static double dist(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double mean(PairSet ps, double[] pred) {
        return Arrays.stream(Evaluation.deltaE(ps, pred)).average().orElse(Double.NaN);
    }
}
