import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Does the training side's patch CV, broken down by EV, see where a changed selection loses held out? (issue 24,
 * session 10, helper evband; analysis of finished bench runs only, nothing is fitted.)
 *
 * <p>For two run directories of {@code bench/fidelity/run.sh} (a baseline and a changed run: each
 * {@code summary.tsv} plus {@code <scenario>-<stock>/model/report.json}), per stock: the selected model of each
 * (the report's {@code winner}), its 5-fold CV by patch per trained EV ({@code crossValidationByPatch.perEv}) and
 * per trained light ({@code .perIlluminant}) side by side with the held-out bench's "at ev X" (held-out reflectances
 * at that trained EV), and whether the sign of (new - old) on the training side matches the held-out sign.
 * The held-out bench has no line per TRAINED light (its "light L" lines are untrained lights), so the per-light CV
 * deltas are printed beside the held-out "patches" line (held-out reflectances at the trained lights) only.
 *
 * <p>Then a retrospective of two selection rules over a grid of tolerances x (the held-out outcomes are already
 * known: a hypothesis for a later session, not evidence):
 * <ul>
 *   <li>{@code vs-old}: the changed run's winner replaces the baseline's only if none of its per-EV patch-CV means
 *       is more than x% worse than the baseline winner's at that EV (with {@code +lights}: nor any per-light mean);
 *       otherwise the baseline's selection stands (presumed to reproduce the baseline's model and held-out lines
 *       exactly: all hold);</li>
 *   <li>{@code vs-runner-up}: inside the changed run's own report, the winner stands only if no per-EV mean is more
 *       than x% worse than the runner-up finalist's (the next-best selection score); otherwise the runner-up is
 *       taken. Its held-out verdict is known only when the runner-up is the baseline's winner (same spec, same
 *       candidate definitions); else "?".</li>
 * </ul>
 * Held-out verdicts as the bench's FID_BASELINE: improves when more than 0.5% lower, holds within 0.5%, else worse,
 * over every summary line but the fit cost lines.
 *
 * <p>Usage: {@code bench/fidelity/ev-bands.sh BASE_DIR NEW_DIR [X%...]} (default grid 0 1 2 3 5 10).
 */
public class EvBands {

    static final ObjectMapper JSON = new ObjectMapper();

    record Run(Path dir, Map<String, Map<String, Double>> summary) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: EvBands BASE_DIR NEW_DIR [X%...]");
            System.exit(2);
        }
        Run base = load(Path.of(args[0]));
        Run now = load(Path.of(args[1]));
        List<Double> grid = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            grid.add(Double.parseDouble(args[i]));
        }
        if (grid.isEmpty()) {
            grid.addAll(List.of(0.0, 1.0, 2.0, 3.0, 5.0, 10.0));
        }
        for (Path stockDir : stockDirs(now.dir)) {
            Path baseStock = base.dir.resolve(stockDir.getFileName());
            if (!Files.isRegularFile(baseStock.resolve("model/report.json"))) {
                continue;
            }
            compare(stockDir.getFileName().toString(), read(baseStock), read(stockDir), base, now, grid);
            bySource(baseStock, stockDir, perEv(candidate(read(baseStock), read(baseStock).get("winner").asText())),
                    perEv(candidate(read(stockDir), read(stockDir).get("winner").asText())));
            byDistance(baseStock, stockDir);
        }
    }

    static Run load(Path dir) throws IOException {
        Path s = dir.resolve("summary.tsv");
        if (!Files.isRegularFile(s)) {
            System.err.println(s + ": no summary.tsv");
            System.exit(2);
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(s)) {
            n++;
            String[] f = line.split("\t");
            if (f.length != 3) {
                System.err.println(s + ":" + n + ": expected stock, protocol, value");
                System.exit(2);
            }
            out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Double.parseDouble(f[2]));
        }
        return new Run(dir, out);
    }

    static List<Path> stockDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("model/report.json"))).sorted().toList();
        }
    }

    static JsonNode read(Path stockDir) throws IOException {
        return JSON.readTree(stockDir.resolve("model/report.json").toFile());
    }

    /** "dense-consumer-200p" -> "consumer-200~" (the summary's stock label; the bench's dir name for "~" is "p"). */
    static String stockLabel(String dir) {
        String s = dir.substring(dir.indexOf('-') + 1);
        return s.endsWith("p") ? s.substring(0, s.length() - 1) + "~" : s;
    }

    static JsonNode candidate(JsonNode report, String spec) {
        for (JsonNode c : report.get("candidates")) {
            if (c.get("spec").asText().equals(spec)) {
                return c;
            }
        }
        throw new IllegalStateException("no candidate " + spec + " in the report");
    }

    /** Per-EV (or per-light) patch-CV means, keyed by EV as a number (or the light's name). */
    static Map<Double, Double> perEv(JsonNode cand) {
        Map<Double, Double> out = new TreeMap<>();
        cand.get("crossValidationByPatch").get("perEv").fields()
                .forEachRemaining(e -> out.put(Double.parseDouble(e.getKey()), e.getValue().get("mean").asDouble()));
        return out;
    }

    static Map<String, Double> perLight(JsonNode cand) {
        Map<String, Double> out = new TreeMap<>();
        cand.get("crossValidationByPatch").get("perIlluminant").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().get("mean").asDouble()));
        return out;
    }

    static double pct(double now, double old) {
        return 100 * (now / old - 1);
    }

    static String verdict(double now, double old) {
        return now < old * 0.995 ? "improves" : now <= old * 1.005 ? "holds" : "worse";
    }

    /** improves / holds / worse over every held-out line but the fit cost lines. */
    static int[] verdicts(Map<String, Double> b, Map<String, Double> n) {
        int[] c = new int[3];
        n.forEach((k, v) -> {
            Double old = b.get(k);
            if (old != null && !k.startsWith("fit")) {
                String vd = verdict(v, old);
                c[vd.equals("improves") ? 0 : vd.equals("holds") ? 1 : 2]++;
            }
        });
        return c;
    }

    static void compare(String dir, JsonNode baseRep, JsonNode newRep, Run base, Run now, List<Double> grid) {
        String stock = stockLabel(dir);
        Map<String, Double> hb = base.summary.get(stock);
        Map<String, Double> hn = now.summary.get(stock);
        if (hb == null || hn == null) {
            System.out.println("== " + dir + ": stock " + stock + " missing from a summary.tsv, skipped");
            return;
        }
        String oldSpec = baseRep.get("winner").asText();
        String newSpec = newRep.get("winner").asText();
        JsonNode oldC = candidate(baseRep, oldSpec);
        JsonNode newC = candidate(newRep, newSpec);
        System.out.printf(Locale.ROOT, "%n== %s%n  base selected %s%n  new  selected %s%n", dir, oldSpec, newSpec);
        double cvOld = oldC.get("crossValidationByPatch").get("overall").get("mean").asDouble();
        double cvNew = newC.get("crossValidationByPatch").get("overall").get("mean").asDouble();
        System.out.printf(Locale.ROOT, "  CV overall %.3f -> %.3f (%+.1f%%); held out all %.3f -> %.3f (%+.1f%%), "
                        + "patches %.3f -> %.3f (%+.1f%%)%n", cvOld, cvNew, pct(cvNew, cvOld), hb.get("all"),
                hn.get("all"), pct(hn.get("all"), hb.get("all")), hb.get("patches"), hn.get("patches"),
                pct(hn.get("patches"), hb.get("patches")));
        Map<Double, Double> eo = perEv(oldC);
        Map<Double, Double> en = perEv(newC);
        System.out.println("  ev      CV old  CV new     d%  | held old held new     d%  verdict   sign");
        int agree = 0;
        int n = 0;
        int worse = 0;
        int worseSeen = 0;
        int trainWorse = 0;
        int trainWorseHeldWorse = 0;
        double worstMiss = 0;
        for (Map.Entry<Double, Double> e : en.entrySet()) {
            double ev = e.getKey();
            Double o = eo.get(ev);
            String key = String.format(Locale.ROOT, "at ev %.1f", ev);
            Double ho = hb.get(key);
            Double hnv = hn.get(key);
            if (o == null || ho == null || hnv == null) {
                continue;
            }
            double dt = pct(e.getValue(), o);
            double dh = pct(hnv, ho);
            boolean same = Math.signum(dt) == Math.signum(dh);
            String vd = verdict(hnv, ho);
            n++;
            agree += same ? 1 : 0;
            if (vd.equals("worse")) {
                worse++;
                worseSeen += dt > 0 ? 1 : 0;
                if (dt <= 0) {
                    worstMiss = Math.max(worstMiss, dh);
                }
            }
            if (dt > 0) {
                trainWorse++;
                trainWorseHeldWorse += vd.equals("worse") ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  %+5.2f  %6.3f  %6.3f  %+5.1f  |  %6.3f   %6.3f  %+5.1f  %-8s  %s%n", ev, o,
                    e.getValue(), dt, ho, hnv, dh, vd, same ? "agree" : "DIFFER");
        }
        System.out.printf(Locale.ROOT, "  signs agree at %d of %d trained EVs; held-out worse (>0.5%%) at %d, of which "
                        + "the CV by EV was worse at %d (largest held-out loss the CV missed: %+.1f%%); CV worse at %d, "
                        + "held-out worse there %d%n", agree, n, worse, worseSeen, worstMiss, trainWorse,
                trainWorseHeldWorse);
        Map<String, Double> lo = perLight(oldC);
        Map<String, Double> ln = perLight(newC);
        StringBuilder sb = new StringBuilder("  per trained light, CV d%:");
        ln.forEach((k, v) -> {
            if (lo.containsKey(k)) {
                sb.append(String.format(Locale.ROOT, " %s %+.1f", k, pct(v, lo.get(k))));
            }
        });
        System.out.println(sb);
        int[] all = verdicts(hb, hn);
        System.out.printf(Locale.ROOT, "  held out, new vs base: %d / %d / %d (improves / holds / worse)%n", all[0],
                all[1], all[2]);
        rules(newRep, newSpec, newC, oldSpec, oldC, all, grid);
    }

    /**
     * The held-out readings by source, from each run's {@code dense-diagnosis.tsv} ({@code bench/fidelity/Dense.java}:
     * trained lights, unclipped readings, the selected model's dE00 directly and through the acescct cube): the
     * held-out AMPAS-190 patches (every 5th; the training CSV holds the other four in five) against the random
     * "natural-ish" spectra (a population the training CSV has none of). Per trained EV, new vs base, in %.
     */
    static void bySource(Path baseStock, Path newStock, Map<Double, Double> cvOld, Map<Double, Double> cvNew)
            throws IOException {
        Path db = baseStock.resolve("dense-diagnosis.tsv");
        Path dn = newStock.resolve("dense-diagnosis.tsv");
        if (!Files.isRegularFile(db) || !Files.isRegularFile(dn)) {
            return;
        }
        Map<String, double[]> b = diagnosis(db);
        Map<String, double[]> n = diagnosis(dn);
        System.out.println("  held out by source (dense-diagnosis.tsv; d% new vs base, model direct / through the cube):");
        System.out.println("  ev     CV d%  |  p190 n   model   cube  |  rnd n   model   cube");
        int[] agree = new int[2];
        int[] count = new int[2];
        for (String key : new java.util.TreeSet<>(n.keySet()).stream()
                .filter(k -> k.endsWith("|p190")).sorted(java.util.Comparator.comparingDouble(EvBands::evOf)).toList()) {
            double ev = evOf(key);
            String r = key.replace("|p190", "|rnd");
            if (!b.containsKey(key) || !b.containsKey(r) || !n.containsKey(r)) {
                continue;
            }
            Double co = cvOld.get(ev);
            Double cn = cvNew.get(ev);
            double dt = co == null || cn == null ? Double.NaN : pct(cn, co);
            double[] p0 = b.get(key);
            double[] p1 = n.get(key);
            double[] r0 = b.get(r);
            double[] r1 = n.get(r);
            if (!Double.isNaN(dt)) {
                count[0]++;
                count[1]++;
                agree[0] += Math.signum(dt) == Math.signum(pct(p1[2], p0[2])) ? 1 : 0;
                agree[1] += Math.signum(dt) == Math.signum(pct(r1[2], r0[2])) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  %+5.2f  %+5.1f  |  %5.0f  %+5.1f  %+5.1f  | %5.0f  %+5.1f  %+5.1f%n", ev, dt,
                    p1[0], pct(p1[1], p0[1]), pct(p1[2], p0[2]), r1[0], pct(r1[1], r0[1]), pct(r1[2], r0[2]));
        }
        System.out.printf(Locale.ROOT, "  CV-by-EV sign = held-out sign (through the cube): p190 %d of %d, rnd %d of %d%n",
                agree[0], count[0], agree[1], count[1]);
    }

    /**
     * The held-out readings binned by how far each lies from the training readings in camera chromaticity: the
     * distance, in (ln r/g, ln b/g), to the nearest training reading of the same light and EV ({@code train.csv}
     * against {@code heldout.csv}'s digital values). Per distance quartile, the cube's mean dE00 of base and new (from
     * {@code dense-diagnosis.tsv}) and the change: does the new model lose where the held-out spectra leave the
     * chart's chromaticities (a reflectance extrapolation no patch CV can see)? All EVs, then EV <= -2 only.
     */
    static void byDistance(Path baseStock, Path newStock) throws IOException {
        Path db = baseStock.resolve("dense-diagnosis.tsv");
        Path dn = newStock.resolve("dense-diagnosis.tsv");
        Path train = newStock.resolve("train.csv");
        Path held = newStock.resolve("heldout.csv");
        if (!Files.isRegularFile(db) || !Files.isRegularFile(dn) || !Files.isRegularFile(train)
                || !Files.isRegularFile(held)) {
            return;
        }
        Map<String, List<double[]>> trainChroma = new LinkedHashMap<>();
        csvRows(train).forEach(f -> trainChroma.computeIfAbsent(f[3] + "|" + Double.parseDouble(f[4]),
                k -> new ArrayList<>()).add(chroma(f)));
        Map<String, double[]> heldChroma = new LinkedHashMap<>();
        csvRows(held).forEach(f -> heldChroma.put(f[3] + "|" + Double.parseDouble(f[4]) + "|" + f[5], chroma(f)));
        Map<String, Double> cubeB = cubeRows(db);
        Map<String, Double> cubeN = cubeRows(dn);
        List<double[]> rows = new ArrayList<>(); // distance, base, new, dark?, rnd?
        cubeN.forEach((k, vn) -> {
            Double vb = cubeB.get(k);
            double[] c = heldChroma.get(k);
            String[] f = k.split("\\|");
            List<double[]> tr = trainChroma.get(f[0] + "|" + f[1]);
            if (vb == null || c == null || tr == null) {
                return;
            }
            double d = Double.POSITIVE_INFINITY;
            for (double[] t : tr) {
                d = Math.min(d, Math.hypot(c[0] - t[0], c[1] - t[1]));
            }
            rows.add(new double[] {d, vb, vn, Double.parseDouble(f[1]) <= -2 ? 1 : 0, f[2].startsWith("rnd") ? 1 : 0});
        });
        rows.sort(java.util.Comparator.comparingDouble(r -> r[0]));
        System.out.println("  held out by distance to the nearest training chromaticity (same light and EV; quartiles):");
        for (boolean darkOnly : new boolean[] {false, true}) {
            List<double[]> rs = rows.stream().filter(r -> !darkOnly || r[3] == 1).toList();
            for (int q = 0; q < 4; q++) {
                List<double[]> in = rs.subList(q * rs.size() / 4, (q + 1) * rs.size() / 4);
                double b = in.stream().mapToDouble(r -> r[1]).average().orElse(Double.NaN);
                double n = in.stream().mapToDouble(r -> r[2]).average().orElse(Double.NaN);
                long rnd = in.stream().filter(r -> r[4] == 1).count();
                System.out.printf(Locale.ROOT, "    %-7s q%d  dist %.3f-%.3f  n %5d (rnd %5d)  cube %.3f -> %.3f  %+5.1f%%%n",
                        darkOnly ? "EV<=-2" : "all EVs", q + 1, in.get(0)[0], in.get(in.size() - 1)[0], in.size(),
                        rnd, b, n, pct(n, b));
            }
        }
    }

    static double[] chroma(String[] f) {
        double r = Math.max(Double.parseDouble(f[6]), 1e-6);
        double g = Math.max(Double.parseDouble(f[7]), 1e-6);
        double b = Math.max(Double.parseDouble(f[8]), 1e-6);
        return new double[] {Math.log(r / g), Math.log(b / g)};
    }

    /** The data rows of a pairs CSV (frame,roll,scanner,illuminant,ev,patch,digital_r,g,b,film_r,g,b,note). */
    static List<String[]> csvRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length >= 9) {
                out.add(f);
            }
        }
        return out;
    }

    /** "light|ev|patch" -> the cube's dE00 of the held-out rows of a dense-diagnosis.tsv. */
    static Map<String, Double> cubeRows(Path file) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\\t");
            if (f.length >= 6 && f[3].equals("true")) {
                out.put(f[0] + "|" + Double.parseDouble(f[1]) + "|" + f[2], Double.parseDouble(f[5]));
            }
        }
        return out;
    }

    static double evOf(String key) {
        return Double.parseDouble(key.substring(0, key.indexOf('|')));
    }

    /** "ev|source" -> {n, mean model dE, mean cube dE} over the held-out rows of a dense-diagnosis.tsv. */
    static Map<String, double[]> diagnosis(Path file) throws IOException {
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length < 6 || !f[3].equals("true")) {
                continue;
            }
            String src = f[2].substring(0, f[2].indexOf('-'));
            double[] a = sums.computeIfAbsent(Double.parseDouble(f[1]) + "|" + src, k -> new double[3]);
            a[0]++;
            a[1] += Double.parseDouble(f[4]);
            a[2] += Double.parseDouble(f[5]);
        }
        sums.values().forEach(a -> {
            a[1] /= a[0];
            a[2] /= a[0];
        });
        return sums;
    }

    /** The largest per-band percentage by which a is worse than b (per EV; with lights too when asked). */
    static double worstBand(JsonNode a, JsonNode b, boolean lights) {
        double w = Double.NEGATIVE_INFINITY;
        Map<Double, Double> ea = perEv(a);
        Map<Double, Double> eb = perEv(b);
        for (Map.Entry<Double, Double> e : ea.entrySet()) {
            if (eb.containsKey(e.getKey())) {
                w = Math.max(w, pct(e.getValue(), eb.get(e.getKey())));
            }
        }
        if (lights) {
            Map<String, Double> la = perLight(a);
            Map<String, Double> lb = perLight(b);
            for (Map.Entry<String, Double> e : la.entrySet()) {
                if (lb.containsKey(e.getKey())) {
                    w = Math.max(w, pct(e.getValue(), lb.get(e.getKey())));
                }
            }
        }
        return w;
    }

    static void rules(JsonNode newRep, String newSpec, JsonNode newC, String oldSpec, JsonNode oldC, int[] all,
            List<Double> grid) {
        int lines = all[0] + all[1] + all[2];
        String kept = String.format(Locale.ROOT, "new (%d/%d/%d)", all[0], all[1], all[2]);
        String back = String.format(Locale.ROOT, "base (0/%d/0)", lines);
        JsonNode runner = null;
        double best = Double.POSITIVE_INFINITY;
        for (JsonNode c : newRep.get("candidates")) {
            // Finalists carry the held-out columns; the selection score is the mean of their held-out means.
            if (c.has("leaveOneIlluminantOut") && !c.get("spec").asText().equals(newSpec)
                    && c.get("score").asDouble() < best) {
                best = c.get("score").asDouble();
                runner = c;
            }
        }
        if (newSpec.equals(oldSpec)) {
            System.out.println("  rules: same spec selected in both runs (the model may still differ if a candidate's "
                    + "definition changed); nothing for a rule to decide");
            return;
        }
        double wOld = worstBand(newC, oldC, false);
        double wOldL = worstBand(newC, oldC, true);
        System.out.printf(Locale.ROOT, "  worst band vs base winner: EV %+.1f%%, EV or light %+.1f%%%n", wOld, wOldL);
        String rSpec = runner == null ? null : runner.get("spec").asText();
        double wRun = runner == null ? Double.NaN : worstBand(newC, runner, false);
        if (runner != null) {
            System.out.printf(Locale.ROOT, "  runner-up %s: worst EV band of the winner vs it %+.1f%%%n", rSpec, wRun);
        }
        // Same spec as the baseline's winner: its held-out lines are the baseline's only if no candidate definition
        // changed between the runs (not so when a default moved under the same spec, e.g. 300 knots as the default).
        String runnerOutcome = rSpec != null && rSpec.equals(oldSpec) ? back + "*" : "? (" + rSpec + ")";
        for (double x : grid) {
            System.out.printf(Locale.ROOT, "  x=%4.1f%%  vs-old: %-16s vs-old+lights: %-16s vs-runner-up: %s%n", x,
                    wOld <= x ? kept : back, wOldL <= x ? kept : back,
                    runner == null || wRun <= x ? kept : runnerOutcome);
        }
    }
}
