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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peer a lab would otherwise use: ArgyllCMS colprof fitting an input profile per training
 * illuminant on the same training pairs (device values = digital RGB encoded with ACEScct,
 * 0..100; PCS = film XYZ x 100, from the film L*a*b* we score, D65 white), scored through xicclu (absolute colorimetric) on
 * the held-out pairs whose illuminant it was trained on, beside our model on the same pairs.
 *
 * <p>Run: java -cp CLASSPATH bench/ArgyllBench.java TRAIN.csv HELDOUT.csv MODEL_DIR WORKDIR [colprof args]
 * [pool:UNSEEN=LIGHT+LIGHT...]
 *
 * <p>{@code pool:D55=D50+D65} adds one profile fitted on the named training lights' pairs together,
 * scored on UNSEEN's held-out pairs at training EVs (the outside evaluation's colprof row for an
 * unseen light; our model serves UNSEEN its own way). Besides the overall figures, both are broken
 * down by protocol as bench/fidelity names them: {@code patches} (training lights and EVs),
 * {@code ev X} (an EV not trained), {@code clipped} (frames named {@code clip...}), {@code light X}
 * (a pooled profile's unseen light). Our figures here are the model's, not a baked LUT's.
 */
public class ArgyllBench {

    public static void main(String[] args) throws Exception {
        PairSet train = PairsCsv.read(Path.of(args[0])).withoutStuckFilm(0.002);
        PairSet held = PairsCsv.read(Path.of(args[1])).withoutStuckFilm(0.002);
        ModelDirectory model = ModelDirectory.load(Path.of(args[2]));
        Path work = Files.createDirectories(Path.of(args[3]));
        List<String> extra = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
        List<String> quality = extra.stream().filter(a -> !a.startsWith("pool:")).toList();
        if (quality.isEmpty()) {
            quality = List.of("-qm", "-ax");
        }
        InputEncoding enc = InputEncoding.get("acescct");
        List<Double> argyll = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        Map<String, List<double[]>> groups = new java.util.TreeMap<>();
        java.util.Set<Double> trainEvs = new java.util.TreeSet<>(train.asList().stream().map(p -> p.ev()).toList());
        // Profiles: one per training light, scored on its held-out pairs; one per pool: spec, scored on the unseen light's.
        Map<String, PairSet> fits = new java.util.LinkedHashMap<>(train.byIlluminant());
        Map<String, PairSet> tests = new java.util.LinkedHashMap<>();
        fits.keySet().forEach(l -> tests.put(l, held.filter(p -> p.illuminant().equals(l))));
        for (String a : extra) {
            if (a.startsWith("pool:")) {
                String unseen = a.substring(5, a.indexOf('='));
                List<String> from = List.of(a.substring(a.indexOf('=') + 1).split("\\+"));
                fits.put("pool " + unseen, train.filter(p -> from.contains(p.illuminant())));
                tests.put("pool " + unseen, held.filter(p -> p.illuminant().equals(unseen) && trainEvs.contains(p.ev())
                        && !p.frame().startsWith("clip")));
            }
        }
        double fitSeconds = 0;
        for (Map.Entry<String, PairSet> e : fits.entrySet()) {
            String light = e.getKey();
            PairSet test = tests.get(light);
            if (test.isEmpty()) {
                continue;
            }
            String base = "profile-" + light.replaceAll("[^A-Za-z0-9-]", "_");
            Files.writeString(work.resolve(base + ".ti3"), ti3(e.getValue(), enc));
            List<String> cmd = new ArrayList<>(List.of("colprof", "-v"));
            cmd.addAll(quality);
            cmd.add(base);
            long t0 = System.nanoTime();
            run(cmd, work, null);
            fitSeconds += (System.nanoTime() - t0) / 1e9;
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
            for (int i = 0; i < test.size(); i++) {
                String[] f = lines[i].trim().split("\\s+");
                double[] lab = Cielab.fromXyz(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2])}, RgbSpace.REC709.whiteXyz());
                double da = DeltaE.CIEDE2000.between(lab, 0, truth, 3 * i);
                double dO = DeltaE.CIEDE2000.between(ourPred, 3 * i, truth, 3 * i);
                var p = test.get(i);
                String g = light.startsWith("pool ") ? "light " + p.illuminant() : p.frame().startsWith("clip") ? "clipped"
                        : trainEvs.contains(p.ev()) ? "patches" : "ev " + p.ev();
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(new double[] {da, dO});
                if (!light.startsWith("pool ")) {
                    argyll.add(da);
                    ours.add(dO);
                }
            }
            System.out.printf(Locale.ROOT, "%s: colprof %.1f s, %d training pairs, %d scored%n", light,
                    (System.nanoTime() - t0) / 1e9, e.getValue().size(), test.size());
        }
        Stats a = Stats.of(argyll.stream().mapToDouble(Double::doubleValue).toArray());
        Stats o = Stats.of(ours.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "held-out pairs under training illuminants: %d%n", a.n());
        System.out.printf(Locale.ROOT, "argyll colprof %s: mean %.3f median %.3f p95 %.3f max %.3f; fit %.1f s total%n",
                String.join(" ", quality), a.mean(), a.median(), a.p95(), a.max(), fitSeconds);
        System.out.printf(Locale.ROOT, "emu-station %s: mean %.3f median %.3f p95 %.3f max %.3f%n",
                model.metadata().spec(), o.mean(), o.median(), o.p95(), o.max());
        System.out.printf(Locale.ROOT, "by protocol (mean CIEDE2000): %-12s %6s %9s %9s%n", "group", "n", "colprof", "ours");
        groups.forEach((g, v) -> System.out.printf(Locale.ROOT, "by protocol (mean CIEDE2000): %-12s %6d %9.3f %9.3f%n",
                g, v.size(), v.stream().mapToDouble(d -> d[0]).average().orElse(Double.NaN),
                v.stream().mapToDouble(d -> d[1]).average().orElse(Double.NaN)));
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
