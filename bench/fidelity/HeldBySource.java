import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link EvBands}' held-out side for dense runs: the change between two runs' held-out readings split by reflectance
 * source and binned by chromaticity distance to the training readings (from each stock dir's
 * {@code dense-diagnosis.tsv}, {@code train.csv}, {@code heldout.csv}; issue 24, session 10).
 */
final class HeldBySource {

    private HeldBySource() {}

    /**
     * The held-out readings by source, from each run's {@code dense-diagnosis.tsv} ({@code bench/fidelity/Dense.java}:
     * trained lights, unclipped readings, the selected model's dE00 directly and through the acescct cube): the
     * held-out AMPAS-190 patches (every 5th; the training CSV holds the other four in five) against the random
     * "natural-ish" spectra (a population the training CSV has none of), and, when both runs wrote
     * {@code dense-diagnosis-public.tsv} (session 11), the public CES / TCS / CQS reflectances ("pub", never trained on).
     * Per trained EV, new vs base, in %.
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
        Path pb = baseStock.resolve("dense-diagnosis-public.tsv");
        Path pn = newStock.resolve("dense-diagnosis-public.tsv");
        boolean pub = Files.isRegularFile(pb) && Files.isRegularFile(pn);
        if (pub) {
            b.putAll(diagnosis(pb));
            n.putAll(diagnosis(pn));
        }
        System.out.println("  held out by source (dense-diagnosis.tsv; d% new vs base, model direct / through the cube):");
        System.out.println("  ev     CV d%  |  p190 n   model   cube  |  rnd n   model   cube" + (pub ? "  |  pub n   model   cube" : ""));
        int[] agree = new int[3];
        int[] count = new int[3];
        for (String key : new java.util.TreeSet<>(n.keySet()).stream()
                .filter(k -> k.endsWith("|p190")).sorted(java.util.Comparator.comparingDouble(HeldBySource::evOf)).toList()) {
            double ev = evOf(key);
            String r = key.replace("|p190", "|rnd");
            if (!b.containsKey(key) || !b.containsKey(r) || !n.containsKey(r)) {
                continue;
            }
            Double co = cvOld.get(ev);
            Double cn = cvNew.get(ev);
            double dt = co == null || cn == null ? Double.NaN : EvBands.pct(cn, co);
            double[] p0 = b.get(key);
            double[] p1 = n.get(key);
            double[] r0 = b.get(r);
            double[] r1 = n.get(r);
            if (!Double.isNaN(dt)) {
                count[0]++;
                count[1]++;
                agree[0] += Math.signum(dt) == Math.signum(EvBands.pct(p1[2], p0[2])) ? 1 : 0;
                agree[1] += Math.signum(dt) == Math.signum(EvBands.pct(r1[2], r0[2])) ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "  %+5.2f  %+5.1f  |  %5.0f  %+5.1f  %+5.1f  | %5.0f  %+5.1f  %+5.1f", ev, dt,
                    p1[0], EvBands.pct(p1[1], p0[1]), EvBands.pct(p1[2], p0[2]), r1[0], EvBands.pct(r1[1], r0[1]), EvBands.pct(r1[2], r0[2]));
            String u = key.replace("|p190", "|pub");
            if (pub && b.containsKey(u) && n.containsKey(u)) {
                double[] u0 = b.get(u);
                double[] u1 = n.get(u);
                if (!Double.isNaN(dt)) {
                    count[2]++;
                    agree[2] += Math.signum(dt) == Math.signum(EvBands.pct(u1[2], u0[2])) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "  | %5.0f  %+5.1f  %+5.1f", u1[0], EvBands.pct(u1[1], u0[1]), EvBands.pct(u1[2], u0[2]));
            }
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "  CV-by-EV sign = held-out sign (through the cube): p190 %d of %d, rnd %d of %d%s%n",
                agree[0], count[0], agree[1], count[1], pub ? String.format(Locale.ROOT, ", pub %d of %d", agree[2], count[2]) : "");
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
                        rnd, b, n, EvBands.pct(n, b));
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
            // p190-..., rnd-...; the public ids (ces01, tcs01, vs01) have no dash
            String src = f[2].indexOf('-') > 0 ? f[2].substring(0, f[2].indexOf('-')) : "pub";
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

}
