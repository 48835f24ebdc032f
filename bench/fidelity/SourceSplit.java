import emu.calibration.color.InputEncoding;
import emu.calibration.fit.Evaluation;
import emu.calibration.lut.CubeFile;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link Fidelity}'s held-out protocols split by reflectance source (issue 24, session 11): the held-out AMPAS-190
 * patches ("p190"), the random natural-ish mixtures ("rnd") and the public CES / TCS / CQS reflectances ("pub", "pub
 * ces", "pub tv"), from finished run dirs' {@code heldout.csv}, {@code heldout-public.csv} and acescct cubes (the
 * trained lights and EVs read from {@code train.csv}); fits and renders nothing. With two stock dirs, per source and
 * protocol base -> new and the 0.5% verdict of {@link Summary#verdicts}, then the counts per source, the mean change
 * of the EV lines per exposure band ({@link #bands}) and which old kind each public group moves with ({@link #siding}).
 *
 * <p>Usage: {@code bench/fidelity/source-split.sh STOCK_DIR [NEW_STOCK_DIR]} (a {@code <scenario>-<stock>} dir).
 */
final class SourceSplit {

    static final List<String> SOURCES = List.of("p190", "rnd", "pub", "pub ces", "pub tv");

    private SourceSplit() {}

    public static void main(String[] args) throws IOException {
        Map<String, Double> base = split(Path.of(args[0]));
        Map<String, Double> now = args.length > 1 ? split(Path.of(args[1])) : null;
        System.out.println("== held out by source, mean CIEDE2000 through the acescct cube: " + args[0]
                + (now == null ? "" : " -> " + args[1] + " (d%, verdict: improves < -0.5% <= holds <= +0.5% < worse)"));
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String src : SOURCES) {
            for (Map.Entry<String, Double> e : base.entrySet()) {
                if (!e.getKey().startsWith(src + "|")) {
                    continue;
                }
                String proto = e.getKey().substring(src.length() + 1);
                if (now == null) {
                    System.out.printf(Locale.ROOT, "  %-8s %-16s %7.3f%n", src, proto, e.getValue());
                    continue;
                }
                Double v = now.get(e.getKey());
                if (v == null) {
                    continue;
                }
                double old = e.getValue();
                int k = v < old * 0.995 ? 0 : v <= old * 1.005 ? 1 : 2;
                counts.computeIfAbsent(src, s -> new int[3])[k]++;
                System.out.printf(Locale.ROOT, "  %-8s %-16s %7.3f -> %7.3f  %+6.1f%%  %s%n", src, proto, old, v,
                        100 * (v / old - 1), List.of("improves", "holds", "worse").get(k));
            }
        }
        counts.forEach((src, c) -> System.out.printf(Locale.ROOT, "  %-8s improves %d, holds %d, worse %d%n", src, c[0],
                c[1], c[2]));
        if (now != null) {
            bands(base, now);
            siding(base, now);
        }
    }

    /** d% of one "source|protocol" line, new against base (NaN when either lacks it). */
    static double pct(Map<String, Double> base, Map<String, Double> now, String key) {
        Double b = base.get(key);
        Double n = now.get(key);
        return b == null || n == null ? Double.NaN : 100 * (n / b - 1);
    }

    /** -1 improves, 0 holds, +1 worse (the 0.5% rule of {@link Summary#verdicts}). */
    static int verdict(double pct) {
        return pct < -0.5 ? -1 : pct <= 0.5 ? 0 : 1;
    }

    /**
     * Mean d% of each source's EV lines ("at ev X" trained, "ev X" held out) per band: dark (EV <= -2), mid
     * (-1.5..+1.5), bright (EV >= +2).
     */
    static void bands(Map<String, Double> base, Map<String, Double> now) {
        System.out.println("  mean d% of the EV lines per band (at ev X and ev X):");
        System.out.printf(Locale.ROOT, "    %-8s %8s %8s %8s%n", "source", "dark", "mid", "bright");
        for (String src : SOURCES) {
            double[] sum = new double[3];
            int[] n = new int[3];
            for (String key : base.keySet()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(src)
                        + "\\|(?:at )?ev (-?[0-9.]+)").matcher(key);
                double d = pct(base, now, key);
                if (!m.matches() || Double.isNaN(d)) {
                    continue;
                }
                double ev = Double.parseDouble(m.group(1));
                int b = ev <= -2 ? 0 : ev <= 1.5 ? 1 : 2;
                sum[b] += d;
                n[b]++;
            }
            System.out.printf(Locale.ROOT, "    %-8s %+8.1f %+8.1f %+8.1f%n", src, sum[0] / n[0], sum[1] / n[1], sum[2] / n[2]);
        }
    }

    /**
     * Which of the two old held-out kinds each public group moves with: over the protocols where p190 and rnd get
     * opposite verdicts (one improves, the other worse), how often the group's verdict is p190's, rnd's or holds; and
     * the correlation of the group's d% with each over every protocol all three have.
     */
    static void siding(Map<String, Double> base, Map<String, Double> now) {
        System.out.println("  the public groups against the two old kinds (protocols where p190 and rnd disagree):");
        for (String g : SOURCES.subList(2, SOURCES.size())) {
            List<double[]> rows = new ArrayList<>(); // p190, rnd, group d%
            int[] side = new int[3];
            int dis = 0;
            for (String key : base.keySet()) {
                if (!key.startsWith("p190|")) {
                    continue;
                }
                String proto = key.substring("p190|".length());
                double[] r = {pct(base, now, key), pct(base, now, "rnd|" + proto), pct(base, now, g + "|" + proto)};
                if (Double.isNaN(r[0]) || Double.isNaN(r[1]) || Double.isNaN(r[2])) {
                    continue;
                }
                rows.add(r);
                if (verdict(r[0]) * verdict(r[1]) < 0) {
                    dis++;
                    int v = verdict(r[2]);
                    side[v == verdict(r[0]) ? 0 : v == verdict(r[1]) ? 1 : 2]++;
                }
            }
            System.out.printf(Locale.ROOT, "    %-8s of %d: with p190 %d, with rnd %d, holds %d; correlation of d%% over %d"
                    + " protocols with p190 %+.2f, with rnd %+.2f%n", g, dis, side[0], side[1], side[2], rows.size(),
                    correlation(rows, 0, 2), correlation(rows, 1, 2));
        }
    }

    static double correlation(List<double[]> rows, int a, int b) {
        double ma = rows.stream().mapToDouble(r -> r[a]).average().orElse(Double.NaN);
        double mb = rows.stream().mapToDouble(r -> r[b]).average().orElse(Double.NaN);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (double[] r : rows) {
            sab += (r[a] - ma) * (r[b] - mb);
            saa += (r[a] - ma) * (r[a] - ma);
            sbb += (r[b] - mb) * (r[b] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** "source|protocol" -> mean dE00 for one stock dir, protocols as {@link Fidelity#group} keys them. */
    static Map<String, Double> split(Path dir) throws IOException {
        List<Pair> train = read(dir.resolve("train.csv"));
        List<String> trainLights = new ArrayList<>(new TreeSet<>(train.stream().map(Pair::illuminant).toList()));
        List<Double> trainEvs = new ArrayList<>(new TreeSet<>(train.stream().map(Pair::ev).toList()));
        List<Pair> held = new ArrayList<>(read(dir.resolve("heldout.csv")));
        Path pub = dir.resolve("heldout-public.csv");
        if (Files.exists(pub)) {
            held.addAll(read(pub));
        }
        Map<String, List<Double>> groups = new TreeMap<>();
        InputEncoding enc = InputEncoding.get("acescct");
        for (String light : new TreeSet<>(held.stream().map(Pair::illuminant).toList())) {
            Path file = dir.resolve(light + "-acescct.cube");
            if (!Files.exists(file)) {
                continue;
            }
            PairSet ps = new PairSet(held.stream().filter(p -> p.illuminant().equals(light)).toList());
            double[] de = Evaluation.deltaE(ps, Fidelity.applyCube(CubeFile.read(file).lut(), enc, ps));
            boolean seen = trainLights.contains(light);
            for (int i = 0; i < de.length; i++) {
                Pair p = ps.get(i);
                String id = p.patch();
                List<String> srcs = id.startsWith("p190-") ? List.of("p190") : id.startsWith("rnd-") ? List.of("rnd")
                        : List.of("pub", id.startsWith("ces") ? "pub ces" : "pub tv");
                for (String s : srcs) {
                    Fidelity.group(groups, s + "|", p, de[i], seen, trainEvs);
                }
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    /** A pairs CSV as {@link Fidelity#writeCsv} writes it (frame,roll,scanner,illuminant,ev,patch,digital,film,note). */
    static List<Pair> read(Path file) throws IOException {
        List<Pair> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            out.add(new Pair(f[0], f[1], f[3], Double.parseDouble(f[4]), f[5], Double.parseDouble(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                    Double.parseDouble(f[11])));
        }
        return out;
    }
}
