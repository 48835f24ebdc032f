import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The racing margin's evidence (issue 24, session 9; calibration.fit.Racing): from raced `station fit` logs, every
 * candidate's mean on the first checkpoint's folds (the checkpoint line lists every complete candidate's) and its
 * full CV mean (its "CV mean dE00" line; for a stopped candidate the same line in REF_LOG, a fit without racing).
 * Per candidate and rank r (2: station fit's --finalists, 3: the nightly training's): its ratio to the r-th best
 * OTHER candidate after the checkpoint and after all folds, and whether the rule "stop above MARGIN" would have
 * stopped a candidate that all folds make a finalist (rank <= r). Every candidate is scored as if it were expensive.
 * Checkpoint k: every checkpoint line found (after 2 folds, and 4 where the expensive candidate went on).
 * MARGIN@K scores only the checkpoint after K folds (session 15: logs with a checkpoint after every fold).
 * Usage: java bench/fit/RaceEvidence.java MARGIN[@K] RACED_LOG[=REF_LOG]...
 */
public class RaceEvidence {
    static final Pattern CV = Pattern.compile("^\\[\\d+/\\d+\\] (\\S+): CV mean dE00 ([0-9.]+)");
    static final Pattern CHECK = Pattern.compile("^\\[\\d+/\\d+\\] (\\S+): after (\\d+) of (\\d+) folds mean dE00 ([0-9.]+).*?"
            + "complete candidates on those folds(.*)$");

    public static void main(String[] args) throws Exception {
        String[] mk = args[0].split("@");
        double margin = Double.parseDouble(mk[0]);
        int only = mk.length > 1 ? Integer.parseInt(mk[1]) : 0;
        double worstDrift = 0;
        int wrong = 0;
        int stops = 0;
        int n = 0;
        double maxFinalist = 0;
        double minOther = Double.POSITIVE_INFINITY;
        System.out.printf(Locale.ROOT, "%-22s %-44s %3s %4s %8s %8s %7s %s%n", "log", "candidate", "k", "rank", "ratio@k", "ratio@5",
                "drift", "verdict");
        for (int a = 1; a < args.length; a++) {
            String[] p = args[a].split("=", 2);
            Map<String, Double> full = new LinkedHashMap<>();
            Map<Integer, Map<String, Double>> parts = new java.util.TreeMap<>();
            List<String> lines = Files.readAllLines(Path.of(p[0]));
            if (p.length > 1) {
                lines = new ArrayList<>(lines);
                for (String l : Files.readAllLines(Path.of(p[1]))) {
                    Matcher m = CV.matcher(l);
                    if (m.find()) {
                        full.putIfAbsent(m.group(1), Double.parseDouble(m.group(2)));
                    }
                }
            }
            for (String l : lines) {
                Matcher m = CV.matcher(l);
                if (m.find()) {
                    full.put(m.group(1), Double.parseDouble(m.group(2)));
                }
                m = CHECK.matcher(l);
                if (m.find() && !parts.containsKey(Integer.parseInt(m.group(2)))) {
                    Map<String, Double> part = new LinkedHashMap<>();
                    parts.put(Integer.parseInt(m.group(2)), part);
                    part.put(m.group(1), Double.parseDouble(m.group(4)));
                    for (String e : m.group(5).split("; ")) {
                        String[] kv = e.trim().split(" ");
                        if (kv.length == 2) {
                            part.put(kv[0], Double.parseDouble(kv[1]));
                        }
                    }
                }
            }
            String name = Path.of(p[0]).getParent().getParent().getFileName().toString();
            for (var pe : parts.entrySet()) {
            int done = pe.getKey();
            if (only > 0 && done != only) {
                continue;
            }
            Map<String, Double> part = pe.getValue();
            for (String c : part.keySet()) {
                if (!full.containsKey(c)) {
                    continue;
                }
                for (int r : new int[] {2, 3}) {
                    List<Double> op = part.entrySet().stream().filter(e -> !e.getKey().equals(c) && full.containsKey(e.getKey()))
                            .map(Map.Entry::getValue).sorted().toList();
                    List<Double> of = full.entrySet().stream().filter(e -> !e.getKey().equals(c) && part.containsKey(e.getKey()))
                            .map(Map.Entry::getValue).sorted().toList();
                    double r2 = part.get(c) / op.get(r - 1);
                    double r5 = full.get(c) / of.get(r - 1);
                    boolean stop = r2 > margin;
                    boolean finalist = r5 <= 1;
                    n++;
                    stops += stop ? 1 : 0;
                    wrong += stop && finalist ? 1 : 0;
                    worstDrift = Math.max(worstDrift, Math.abs(r2 - r5));
                    if (finalist) {
                        maxFinalist = Math.max(maxFinalist, r2);
                    } else {
                        minOther = Math.min(minOther, r2);
                    }
                    if (c.equals("mlp") || Math.abs(r2 - 1) < 0.1 || Math.abs(r5 - 1) < 0.1) {
                        System.out.printf(Locale.ROOT, "%-22s %-44s %3d %4d %8.3f %8.3f %+7.3f %s%n", name, c, done, r, r2, r5, r2 - r5,
                                stop ? (finalist ? "WRONG STOP" : "stop") : (finalist ? "finalist" : "kept"));
                    }
                }
            }
            }
        }
        System.out.printf(Locale.ROOT, "%d candidate x rank x checkpoint cases; largest |ratio@k - ratio@5| %.3f; %d stopped at"
                + " margin %.3f, %d of them wrongly (a finalist after all folds); the largest checkpoint ratio of a finalist"
                + " %.3f, the smallest of a non-finalist %.3f%n", n, worstDrift, stops, margin, wrong, maxFinalist, minOther);
    }
}
