import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.color.InputEncoding;
import emu.calibration.color.RgbSpace;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.Stats;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peer a lab would otherwise use: ArgyllCMS colprof fitting an input profile per training
 * illuminant on the same training pairs (device values = digital RGB encoded with ACEScct,
 * 0..100; PCS = film XYZ x 100, from the film L*a*b* we score, D65 white), scored through xicclu (absolute colorimetric) on
 * the held-out pairs whose illuminant it was trained on, beside our model on the same pairs.
 *
 * <p>Run: java -cp CLASSPATH bench/ArgyllBench.java TRAIN.csv HELDOUT.csv[,MORE.csv...] MODEL_DIR WORKDIR
 * [colprof args] [pool:UNSEEN=LIGHT+LIGHT...] [cubes:DIR]
 *
 * <p>Several held-out files (comma-separated) are scored against the same profiles, fitted once; a
 * profile whose {@code .icc} is already in WORKDIR beside an identical {@code .ti3} is reused, not
 * refitted (colprof takes minutes per profile). Each file's figures are printed under its name; the
 * first file's lines keep the single-file format. {@code cubes:DIR} also scores the run dir's exported
 * {@code DIR/LIGHT-acescct.cube} (what the outside evaluator scores) on the same pairs, as a third
 * column. Every file is also broken down by patch source ({@code p190}, {@code rnd}, {@code ces},
 * {@code tcs}, {@code vs}: the patch name up to its first digit or dash).
 *
 * <p>{@code pool:D55=D50+D65} adds one profile fitted on the named training lights' pairs together,
 * scored on UNSEEN's held-out pairs at training EVs (the outside evaluation's colprof row for an
 * unseen light; our model serves UNSEEN its own way). Besides the overall figures, both are broken
 * down by protocol as bench/fidelity names them: {@code patches} (training lights and EVs),
 * {@code ev X} (an EV not trained), {@code clipped} (frames named {@code clip...}), {@code light X}
 * (a pooled profile's unseen light); and by light (each profile's scored pairs, every protocol
 * together, then by protocol and by protocol and source). Our figures here are the model's, not a
 * baked LUT's.
 */
public class ArgyllBench {

    public static void main(String[] args) throws Exception {
        PairSet train = PairsCsv.read(Path.of(args[0])).withoutStuckFilm(0.002);
        Map<String, PairSet> helds = new LinkedHashMap<>();
        for (String f : args[1].split(",")) {
            helds.put(f, PairsCsv.read(Path.of(f)).withoutStuckFilm(0.002));
        }
        ModelDirectory model = ModelDirectory.load(Path.of(args[2]));
        Path work = Files.createDirectories(Path.of(args[3]));
        List<String> extra = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
        List<String> quality = extra.stream().filter(a -> !a.startsWith("pool:") && !a.startsWith("cubes:")).toList();
        if (quality.isEmpty()) {
            quality = List.of("-qm", "-ax");
        }
        Path cubes = extra.stream().filter(a -> a.startsWith("cubes:")).map(a -> Path.of(a.substring(6))).findFirst()
                .orElse(null);
        InputEncoding enc = InputEncoding.get("acescct");
        java.util.Set<Double> trainEvs = new java.util.TreeSet<>(train.asList().stream().map(p -> p.ev()).toList());
        // Profiles: one per training light, scored on its held-out pairs; one per pool: spec, scored on the unseen light's.
        Map<String, PairSet> fits = new LinkedHashMap<>(train.byIlluminant());
        Map<String, String> scoredLight = new LinkedHashMap<>();
        fits.keySet().forEach(l -> scoredLight.put(l, l));
        for (String a : extra) {
            if (a.startsWith("pool:")) {
                String unseen = a.substring(5, a.indexOf('='));
                List<String> from = List.of(a.substring(a.indexOf('=') + 1).split("\\+"));
                fits.put("pool " + unseen, train.filter(p -> from.contains(p.illuminant())));
                scoredLight.put("pool " + unseen, unseen);
            }
        }
        double fitSeconds = 0;
        Map<String, String> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, PairSet> e : fits.entrySet()) {
            String light = e.getKey();
            String base = "profile-" + light.replaceAll("[^A-Za-z0-9-]", "_");
            String ti3 = ti3(e.getValue(), enc);
            Path ti3File = work.resolve(base + ".ti3");
            // colprof creates the .icc empty at its start: an interrupted fit leaves one that must not be reused.
            Path icc = work.resolve(base + ".icc");
            boolean reuse = Files.exists(icc) && Files.size(icc) > 0 && Files.exists(ti3File)
                    && Files.readString(ti3File).equals(ti3);
            long t0 = System.nanoTime();
            if (!reuse) {
                Files.deleteIfExists(icc);
                Files.writeString(ti3File, ti3);
                List<String> cmd = new ArrayList<>(List.of("colprof", "-v"));
                cmd.addAll(quality);
                cmd.add(base);
                run(cmd, work, null);
                fitSeconds += (System.nanoTime() - t0) / 1e9;
            }
            profiles.put(light, base);
            System.out.printf(Locale.ROOT, "%s: colprof %s, %d training pairs%n", light, reuse ? "reused " + base + ".icc"
                    : String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9), e.getValue().size());
        }
        boolean first = true;
        for (Map.Entry<String, PairSet> h : helds.entrySet()) {
            if (helds.size() > 1) {
                System.out.printf(Locale.ROOT, "== held-out %s%n", h.getKey());
            }
            score(h.getValue(), profiles, scoredLight, trainEvs, model, cubes, work, enc, quality,
                    first ? fitSeconds : 0);
            first = false;
        }
    }

    private static void score(PairSet held, Map<String, String> profiles, Map<String, String> scoredLight,
            java.util.Set<Double> trainEvs, ModelDirectory model, Path cubes, Path work, InputEncoding enc,
            List<String> quality, double fitSeconds) throws Exception {
        List<Double> argyll = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> cubed = new ArrayList<>();
        Map<String, List<double[]>> groups = new TreeMap<>();
        Map<String, List<double[]>> sources = new TreeMap<>();
        // Per scored profile (a training light, or a pool): every held-out pair it scores (the per-light overall),
        // then by protocol and by protocol and source.
        Map<String, List<double[]>> lights = new TreeMap<>();
        for (Map.Entry<String, String> e : profiles.entrySet()) {
            String light = e.getKey();
            String base = e.getValue();
            boolean pool = light.startsWith("pool ");
            String unseen = scoredLight.get(light);
            PairSet test = held.filter(p -> p.illuminant().equals(unseen)
                    && (!pool || trainEvs.contains(p.ev()) && !p.frame().startsWith("clip")));
            if (test.isEmpty()) {
                continue;
            }
            StringBuilder in = new StringBuilder();
            double[] dev = enc.fromRec709Linear(test.digital());
            for (int i = 0; i < test.size(); i++) {
                // xicclu takes device values 0..1 and answers XYZ 0..1 (the .ti3 is 0..100 by CGATS custom)
                in.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", clamp(dev[3 * i]),
                        clamp(dev[3 * i + 1]), clamp(dev[3 * i + 2])));
            }
            String out = run(List.of("xicclu", "-ff", "-ia", "-px", "-v0", base + ".icc"), work, in.toString());
            String[] lines = out.strip().split("\\R");
            if (lines.length != test.size()) {
                throw new IllegalStateException("xicclu answered " + lines.length + " lines for " + test.size());
            }
            double[] truth = Cielab.fromSrgb(test.film());
            double[] ourPred = Cielab.fromSrgb(Evaluation.predict(model.model(), test));
            // The exported cube for the scored light, read back as the evaluator would (NaN when not asked).
            double[] cubeDe = cubes == null ? null : Evaluation.deltaE(test, applyCube(
                    CubeFile.read(cubes.resolve(unseen + "-acescct.cube")).lut(), enc, test));
            for (int i = 0; i < test.size(); i++) {
                String[] f = lines[i].trim().split("\\s+");
                double[] lab = Cielab.fromXyz(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2])}, RgbSpace.REC709.whiteXyz());
                double da = DeltaE.CIEDE2000.between(lab, 0, truth, 3 * i);
                double dO = DeltaE.CIEDE2000.between(ourPred, 3 * i, truth, 3 * i);
                double dC = cubeDe == null ? Double.NaN : cubeDe[i];
                var p = test.get(i);
                String g = pool ? "light " + p.illuminant() : p.frame().startsWith("clip") ? "clipped"
                        : trainEvs.contains(p.ev()) ? "patches" : "ev " + p.ev();
                double[] row = {da, dO, dC};
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(row);
                sources.computeIfAbsent(g + " " + source(p.patch()), k -> new ArrayList<>()).add(row);
                lights.computeIfAbsent(light, k -> new ArrayList<>()).add(row);
                lights.computeIfAbsent(light + " " + g, k -> new ArrayList<>()).add(row);
                lights.computeIfAbsent(light + " " + g + " " + source(p.patch()), k -> new ArrayList<>()).add(row);
                if (!pool) {
                    argyll.add(da);
                    ours.add(dO);
                    cubed.add(dC);
                }
            }
            System.out.printf(Locale.ROOT, "%s: %d scored%n", light, test.size());
        }
        Stats a = Stats.of(argyll.stream().mapToDouble(Double::doubleValue).toArray());
        Stats o = Stats.of(ours.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "held-out pairs under training illuminants: %d%n", a.n());
        System.out.printf(Locale.ROOT, "argyll colprof %s: mean %.3f median %.3f p95 %.3f max %.3f; fit %.1f s total%n",
                String.join(" ", quality), a.mean(), a.median(), a.p95(), a.max(), fitSeconds);
        System.out.printf(Locale.ROOT, "emu-station %s: mean %.3f median %.3f p95 %.3f max %.3f%n",
                model.metadata().spec(), o.mean(), o.median(), o.p95(), o.max());
        if (cubes != null) {
            Stats c = Stats.of(cubed.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(Locale.ROOT, "emu-station acescct cubes %s: mean %.3f median %.3f p95 %.3f max %.3f%n",
                    cubes, c.mean(), c.median(), c.p95(), c.max());
        }
        print("by protocol (mean CIEDE2000):", groups, cubes != null);
        print("by source (mean CIEDE2000):", sources, cubes != null);
        print("by light (mean CIEDE2000):", lights, cubes != null);
    }

    private static void print(String label, Map<String, List<double[]>> groups, boolean cube) {
        System.out.printf(Locale.ROOT, "%s %-16s %6s %9s %9s%s%n", label, "group", "n", "colprof", "ours",
                cube ? String.format(Locale.ROOT, " %9s", "cube") : "");
        groups.forEach((g, v) -> System.out.printf(Locale.ROOT, "%s %-16s %6d %9.3f %9.3f%s%n", label, g, v.size(),
                v.stream().mapToDouble(d -> d[0]).average().orElse(Double.NaN),
                v.stream().mapToDouble(d -> d[1]).average().orElse(Double.NaN),
                cube ? String.format(Locale.ROOT, " %9.3f", v.stream().mapToDouble(d -> d[2]).average()
                        .orElse(Double.NaN)) : ""));
    }

    /** The patch's source: its name up to the first digit or dash (p190-012 -> p, ces042 -> ces); p is p190. */
    static String source(String patch) {
        String s = patch.replaceAll("[-0-9].*$", "");
        return s.equals("p") ? "p190" : s.isEmpty() ? patch : s;
    }

    /** The cube's answer for each pair's digital reading, encoded as the cube's input (as bench/fidelity does). */
    static double[] applyCube(ShapedLut lut, InputEncoding enc, PairSet ps) {
        double[] codes = enc.fromRec709Linear(ps.digital());
        float[] rgb = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            rgb[i] = (float) codes[i];
        }
        lut.apply(rgb, 0, ps.size(), LutInterpolations.TETRAHEDRAL);
        double[] pred = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            pred[i] = rgb[i];
        }
        return pred;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** CGATS .ti3 for colprof: RGB device values 0..100 and L*a*b* (DEVICE_CLASS INPUT). */
    static String ti3(PairSet pairs, InputEncoding enc) {
        StringBuilder b = new StringBuilder("CTI3\n\nDESCRIPTOR \"emu-station bench training pairs\"\n"
                + "ORIGINATOR \"emu-station bench/ArgyllBench\"\nDEVICE_CLASS \"INPUT\"\nCOLOR_REP \"XYZ_RGB\"\n\n"
                + "NUMBER_OF_FIELDS 7\nBEGIN_DATA_FORMAT\nSAMPLE_ID RGB_R RGB_G RGB_B XYZ_X XYZ_Y XYZ_Z\nEND_DATA_FORMAT\n\n");
        b.append("NUMBER_OF_SETS ").append(pairs.size()).append("\nBEGIN_DATA\n");
        double[] dev = enc.fromRec709Linear(pairs.digital());
        double[] lab = Cielab.fromSrgb(pairs.film());
        double[] white = RgbSpace.REC709.whiteXyz();
        for (int i = 0; i < pairs.size(); i++) {
            double[] xyz = Cielab.toXyz(new double[] {lab[3 * i], lab[3 * i + 1], lab[3 * i + 2]}, white);
            b.append(String.format(Locale.ROOT, "%d %.5f %.5f %.5f %.5f %.5f %.5f%n", i + 1, clamp(dev[3 * i]) * 100,
                    clamp(dev[3 * i + 1]) * 100, clamp(dev[3 * i + 2]) * 100, xyz[0] * 100, xyz[1] * 100, xyz[2] * 100));
        }
        return b.append("END_DATA\n").toString();
    }

    static String run(List<String> cmd, Path dir, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(stdin == null);
        Process p = pb.start();
        if (stdin != null) {
            try (var w = p.getOutputStream()) {
                w.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } else {
            p.getOutputStream().close();
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
