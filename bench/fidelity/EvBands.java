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
 * For dense runs {@link HeldBySource} then splits the held-out change by reflectance source (held-out AMPAS-190
 * patches vs random spectra) and bins it by chromaticity distance to the training readings.
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
            HeldBySource.bySource(baseStock, stockDir, perEv(candidate(read(baseStock), read(baseStock).get("winner").asText())),
                    perEv(candidate(read(stockDir), read(stockDir).get("winner").asText())));
            HeldBySource.byDistance(baseStock, stockDir);
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
        cand.get("crossValidationByPatch").get("perEv").properties()
                .forEach(e -> out.put(Double.parseDouble(e.getKey()), e.getValue().get("mean").asDouble()));
        return out;
    }

    static Map<String, Double> perLight(JsonNode cand) {
        Map<String, Double> out = new TreeMap<>();
        cand.get("crossValidationByPatch").get("perIlluminant").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().get("mean").asDouble()));
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
