import emu.calibration.fit.Evaluation;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Issue 24, session 8 (training side only): the spectral FILM model's own error on held-out PATCHES of a stock's
 * training pairs. The patches with a known reflectance are split into FOLDS folds (every FOLDS-th patch id in sorted
 * order); the spectral model ({@link SpectralModel#fit}) is fitted on the other folds' pairs and the held-out patches'
 * film readings predicted from their reflectance, the light's SPD and the EV, with the trained roll's shifts (the film
 * model's own error, no digital reading involved). Broken down by EV, light, patch family, and per film channel (mean
 * signed error and RMS, film units) by EV: where the toe and the shoulder go wrong.
 *
 * <p>Usage: {@code bench/fidelity/film.sh STOCK_DIR...} (a bench/fidelity/run.sh stock directory with train.csv).
 * Options from the environment: FILM_STAGED, FILM_DIR ({@link #options()}), FOLDS (default 4), FILM_ONEFOLD=1 (fit and
 * score the first fold only, for a quick look), FILM_COST=1 (time the whole fit instead, {@link #cost}). Also printed: the first fold's film sensitivities (peak, half-maximum
 * band) and crosstalk, and how much of each channel's error a quadratic in the readings explains.
 */
public class FilmFolds {
    public static void main(String[] args) throws Exception {
        SpectralOptions opt = options();
        int folds = Integer.parseInt(System.getenv().getOrDefault("FOLDS", "4"));
        System.out.println("options: " + opt + ", " + folds + " patch folds");
        for (String a : args) {
            if ("1".equals(System.getenv("FILM_COST"))) {
                cost(Path.of(a));
            } else {
                run(Path.of(a), opt, folds);
            }
        }
    }

    /** FILM_COST=1: the whole spectral fit's wall time, session 7's and the default, alternated twice in one JVM. */
    static void cost(Path dir) throws Exception {
        PairSet all = PairsCsv.read(dir.resolve("train.csv"));
        Map<String, double[]> refl = SpectralModel.chartReflectances();
        for (int round = 0; round < 2; round++) {
            for (SpectralOptions o : List.of(SpectralOptions.session7(), SpectralOptions.defaults())) {
                long t0 = System.nanoTime();
                SpectralModel m = SpectralModel.fit(all, refl, o);
                System.out.printf(Locale.ROOT, "%s: %s fit %.1f s (film fitted %s)%n", dir, o.choose() ? "default" : "session 7",
                        (System.nanoTime() - t0) / 1e9, m.film().staged() ? "staged" : "jointly");
            }
        }
    }

    /**
     * {@link SpectralOptions#defaults()} (joint and staged, the better kept); FILM_STAGED=r only one fit (r staged rounds,
     * 0: session 7's joint fit); FILM_DIR=0 (no K).
     */
    static SpectralOptions options() {
        SpectralOptions d = SpectralOptions.defaults();
        Map<String, String> env = System.getenv();
        return new SpectralOptions(d.lamCam(), d.lamFilm(), d.iterations(), d.rollContrast(),
                !"0".equals(env.get("FILM_DIR")) && d.throughReadings(), d.rollRidge(),
                Integer.parseInt(env.getOrDefault("FILM_STAGED", "" + d.staged())), env.get("FILM_STAGED") == null);
    }

    static void run(Path dir, SpectralOptions opt, int folds) throws Exception {
        PairSet all = PairsCsv.read(dir.resolve("train.csv"));
        Map<String, double[]> refl = SpectralModel.chartReflectances();
        List<String> patches = all.filter(p -> refl.containsKey(p.patch())).asList().stream().map(Pair::patch).distinct()
                .sorted().toList();
        List<Pair> held = new ArrayList<>();
        List<double[]> pred = new ArrayList<>();
        long t0 = System.nanoTime();
        int run = "1".equals(System.getenv("FILM_ONEFOLD")) ? 1 : folds;
        for (int k = 0; k < run; k++) {
            int fk = k;
            java.util.Set<String> out = new java.util.HashSet<>();
            for (int i = fk; i < patches.size(); i += folds) {
                out.add(patches.get(i));
            }
            SpectralModel m = SpectralModel.fit(all.filter(p -> !out.contains(p.patch())), refl, opt);
            System.out.println("  fold " + k + ": film fitted " + (m.film().staged() ? "staged" : "jointly"));
            if (k == 0) {
                sensitivities(m);
            }
            for (Pair p : all.filter(p -> out.contains(p.patch()))) {
                if (emu.calibration.color.Illuminants.find(p.illuminant()).isEmpty()) {
                    continue;
                }
                held.add(p);
                pred.add(m.film().film(SpectralModel.rl(refl.get(p.patch()), SpectralModel.spd(p.illuminant())), p.ev(),
                        p.illuminant()));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        PairSet hs = new PairSet(held);
        double[] flat = new double[3 * held.size()];
        for (int i = 0; i < held.size(); i++) {
            System.arraycopy(pred.get(i), 0, flat, 3 * i, 3);
        }
        double[] de = Evaluation.deltaE(hs, flat);
        double mean = java.util.Arrays.stream(de).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%s: film model on held-out patches (%d folds, %d readings): mean dE00 %.3f, p95 %.3f"
                + " (%.1f s per fit)%n", dir, folds, held.size(), mean, p95(de), secs / run);
        breakdown("EV", held, pred, de, p -> String.format(Locale.ROOT, "%+.1f", p.ev()));
        breakdown("light", held, pred, de, Pair::illuminant);
        breakdown("family", held, pred, de, p -> p.patch().substring(0, 4));
        explained(held, pred);
    }

    /**
     * How much of each channel's held-out error a quadratic in the three film readings explains (R², least squares):
     * high means the error is a function of the readings (a mix after the curves would take it), low means it
     * depends on the spectrum or the exposure.
     */
    static void explained(List<Pair> held, List<double[]> pred) {
        System.out.print("  error explained by a quadratic in the readings (R^2) R G B:");
        for (int c = 0; c < 3; c++) {
            int k = 10;
            double[][] h = new double[k][k];
            double[] b = new double[k];
            double ss = 0;
            double mean = 0;
            for (int i = 0; i < held.size(); i++) {
                mean += (pred.get(i)[c] - held.get(i).film()[c]) / held.size();
            }
            for (int i = 0; i < held.size(); i++) {
                double[] f = held.get(i).film();
                double[] r = {1, f[0], f[1], f[2], f[0] * f[0], f[1] * f[1], f[2] * f[2], f[0] * f[1], f[0] * f[2], f[1] * f[2]};
                double e = pred.get(i)[c] - f[c];
                ss += (e - mean) * (e - mean);
                for (int u = 0; u < k; u++) {
                    b[u] += r[u] * e;
                    for (int v = 0; v < k; v++) {
                        h[u][v] += r[u] * r[v];
                    }
                }
            }
            for (int u = 0; u < k; u++) {
                h[u][u] += 1e-9 * (h[u][u] + 1);
            }
            double[] g = new double[k * k];
            for (int u = 0; u < k; u++) {
                System.arraycopy(h[u], 0, g, u * k, k);
            }
            double[] sol = emu.calibration.linalg.Ridge.solveFull(g, b, k, 1, new double[k * k]);
            double res = 0;
            for (int i = 0; i < held.size(); i++) {
                double[] f = held.get(i).film();
                double[] r = {1, f[0], f[1], f[2], f[0] * f[0], f[1] * f[1], f[2] * f[2], f[0] * f[1], f[0] * f[2], f[1] * f[2]};
                double e = pred.get(i)[c] - f[c];
                for (int u = 0; u < k; u++) {
                    e -= sol[u] * r[u];
                }
                res += e * e;
            }
            System.out.printf(Locale.ROOT, " %.2f", 1 - res / ss);
        }
        System.out.println();
    }

    /** Each film layer's sensitivity: peak, half-maximum band (nm) and the share of its area outside that band. */
    static void sensitivities(SpectralModel m) {
        com.fasterxml.jackson.databind.JsonNode layers = m.toJson().get("film").get("layers");
        System.out.print("  film sensitivities (fold 0): ");
        for (com.fasterxml.jackson.databind.JsonNode l : layers) {
            double[] f = new double[l.get("sensitivity").size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = l.get("sensitivity").get(i).asDouble();
            }
            int top = 0;
            for (int i = 0; i < f.length; i++) {
                top = f[i] > f[top] ? i : top;
            }
            int a = top;
            int b = top;
            while (a > 0 && f[a - 1] >= f[top] / 2) {
                a--;
            }
            while (b < f.length - 1 && f[b + 1] >= f[top] / 2) {
                b++;
            }
            double in = 0;
            double tot = 0;
            for (int i = 0; i < f.length; i++) {
                tot += f[i];
                in += i >= a && i <= b ? f[i] : 0;
            }
            System.out.printf(Locale.ROOT, " peak %d nm (half %d-%d, %.0f%% outside)", 380 + 5 * top, 380 + 5 * a, 380 + 5 * b,
                    100 * (1 - in / tot));
        }
        System.out.println();
        System.out.println("  crosstalk A " + java.util.Arrays.deepToString(SpectralServing.round(m.film().crosstalk())) + ", K "
                + java.util.Arrays.deepToString(SpectralServing.round(m.film().throughReadings())));
    }

    static void breakdown(String what, List<Pair> held, List<double[]> pred, double[] de, Function<Pair, String> key) {
        Map<String, List<Integer>> by = new TreeMap<>((a, b) -> what.equals("EV")
                ? Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : a.compareTo(b));
        for (int i = 0; i < held.size(); i++) {
            by.computeIfAbsent(key.apply(held.get(i)), k -> new ArrayList<>()).add(i);
        }
        System.out.printf(Locale.ROOT, "  %-8s %6s %7s %7s | bias R G B (x1000) | rms R G B (x1000)%n", what, "n", "dE", "p95");
        by.forEach((k, ix) -> {
            double[] bias = new double[3];
            double[] rms = new double[3];
            double[] d = new double[ix.size()];
            for (int j = 0; j < ix.size(); j++) {
                int i = ix.get(j);
                d[j] = de[i];
                for (int c = 0; c < 3; c++) {
                    double e = pred.get(i)[c] - held.get(i).film()[c];
                    bias[c] += e / ix.size();
                    rms[c] += e * e / ix.size();
                }
            }
            System.out.printf(Locale.ROOT, "  %-8s %6d %7.3f %7.3f | %6.1f %6.1f %6.1f | %6.1f %6.1f %6.1f%n", k, ix.size(),
                    java.util.Arrays.stream(d).average().orElse(0), p95(d), 1000 * bias[0], 1000 * bias[1], 1000 * bias[2],
                    1000 * Math.sqrt(rms[0]), 1000 * Math.sqrt(rms[1]), 1000 * Math.sqrt(rms[2]));
        });
    }

    static double p95(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[(int) Math.floor(0.95 * (s.length - 1))];
    }
}
