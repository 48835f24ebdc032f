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
 * protocol base -> new and the 0.5% verdict of {@link Summary#verdicts}, then the counts per source.
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
