import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.color.Matrices;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.Lut3D;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.LutInterpolation;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 24 session 12 (helper bake): the exported acescct cube against its own model on a dense run's held-out
 * readings (heldout.csv and heldout-public.csv of a bench/fidelity/run.sh dense run, model reused, nothing refitted),
 * by Fidelity's protocols ({@link Fidelity#group}), under tetrahedral and trilinear interpolation, for the sampled
 * bake (LutBaker, today's export) and the fitted bake ({@link FittedBake}); plus, for the clipped readings, where the
 * cube's loss sits (the reading's largest clip unit, whether its lattice cell straddles a clip plane, light).
 *
 * <p>Usage: {@code bench/fidelity/bake-fit.sh OUT RUN_DIR...}. Env: BF_SIZES (33,65), BF_TAU (0.004), BF_SUB (4),
 * BF_LAMBDA (0.05), BF_ROWS (both|tet|tri), BF_POINTS (prototype: weight of extra rows at the light's training readings, 0 = none), BF_CAMERA (nikon-d5100; moved for FID_CAMERA=moved runs: the clip planes of the diagnosis). Writes OUT/&lt;run&gt;-summary.tsv (variant, group, n, mean) and
 * OUT/&lt;run&gt;-&lt;size&gt;-clipped.tsv (per clipped reading).
 */
public class BakeFit {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<Integer> sizes = new ArrayList<>();
        for (String s : env("BF_SIZES", "33,65").split(",")) {
            sizes.add(Integer.parseInt(s));
        }
        FittedBake fb = new FittedBake(Double.parseDouble(env("BF_TAU", "0.004")), Integer.parseInt(env("BF_SUB", "4")),
                Double.parseDouble(env("BF_LAMBDA", "0.05")),
                FittedBake.Rows.valueOf(env("BF_ROWS", "both").toUpperCase(Locale.ROOT)));
        System.out.printf(Locale.ROOT, "== fitted bake: tau %s sub %d lambda %s rows %s%n", fb.tau, fb.sub, fb.lambda,
                fb.rows);
        for (int a = 1; a < args.length; a++) {
            run(Path.of(args[a]), out, sizes, fb);
        }
    }


    /** Whether every output channel is non-decreasing along the lattice's grey diagonal. */
    static boolean greyMonotone(Lut3D cube) {
        for (int i = 1; i < cube.size(); i++) {
            for (int c = 0; c < 3; c++) {
                if (cube.get(i, i, i, c) < cube.get(i - 1, i - 1, i - 1, c)) {
                    return false;
                }
            }
        }
        return true;
    }

    static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    static void run(Path dir, Path out, List<Integer> sizes, FittedBake fb) throws Exception {
        String name = dir.getFileName().toString();
        System.out.printf(Locale.ROOT, "== %s%n", dir);
        ColourModel model = ModelDirectory.load(dir.resolve("model")).model();
        PairSet train = PairsCsv.read(dir.resolve("train.csv"));
        List<String> trainLights = new ArrayList<>(new LinkedHashSet<>(train.asList().stream().map(Pair::illuminant).toList()));
        List<Double> trainEvs = Dense.TRAIN_EVS;
        double[] clip = cameraPlanes(env("BF_CAMERA", "nikon-d5100"));
        Map<String, List<Pair>> sets = new LinkedHashMap<>();
        sets.put("", PairsCsv.read(dir.resolve("heldout.csv")).asList());
        if (Files.exists(dir.resolve("heldout-public.csv"))) { // runs before session 11 have none
            sets.put("pub ", PairsCsv.read(dir.resolve("heldout-public.csv")).asList());
        }
        InputEncoding enc = InputEncoding.get("acescct");
        Map<String, Map<String, List<Double>>> groups = new TreeMap<>();
        List<String> lights = new ArrayList<>(new LinkedHashSet<>(sets.get("").stream().map(Pair::illuminant).toList()));
        for (int size : sizes) {
            try (PrintWriter clipOut = new PrintWriter(Files.newBufferedWriter(out.resolve(name + "-" + size + "-clipped.tsv")))) {
                clipOut.println("set\tlight\tev\tpatch\tclip_max\tstraddle\tmodel\tsampled_tet\tsampled_tri\tfitted_tet\tfitted_tri");
                long tSampled = 0;
                long tFitted = 0;
                for (String light : lights) {
                    long t0 = System.nanoTime();
                    ShapedLut sampled;
                    try {
                        sampled = LutBaker.bake(model, light, enc, size).lut();
                    } catch (IllegalArgumentException e) {
                        System.out.printf(Locale.ROOT, "  %s refused: %s%n", light, e.getMessage());
                        continue;
                    }
                    long t1 = System.nanoTime();
                    Lut3D fitted;
                    String what;
                    double pw = Double.parseDouble(env("BF_POINTS", "0"));
                    double[] pts = pw > 0 ? enc.fromRec709Linear(new PairSet(train.asList().stream()
                            .filter(p -> p.illuminant().equals(light)).toList()).digital()) : new double[0];
                    fitted = fb.fit(model, light, enc, sampled.cube(), pts, pw);
                    FittedBake.Stats st = fb.last;
                    what = String.format(Locale.ROOT, "%d cells flagged, %d nodes, %d samples, %d it, "
                            + "sub-grid rms %.5f -> %.5f, %d predicts", st.flagged(), st.unknowns(), st.samples(),
                            st.iterations(), st.before(), st.after(), st.predicts());
                    long t2 = System.nanoTime();
                    tSampled += t1 - t0;
                    tFitted += t2 - t1;
                    System.out.printf(Locale.ROOT, "  %d^3 %-12s sampled %.2f s, fit +%.2f s: %s; grey monotone %s -> %s%n",
                            size, light, (t1 - t0) / 1e9, (t2 - t1) / 1e9, what, greyMonotone(sampled.cube()),
                            greyMonotone(fitted));
                    Map<String, ShapedLut> variants = new LinkedHashMap<>();
                    variants.put("sampled", roundTrip(sampled, out, light));
                    variants.put("fitted", roundTrip(new ShapedLut(fitted), out, light));
                    for (Map.Entry<String, List<Pair>> set : sets.entrySet()) {
                        PairSet ps = new PairSet(set.getValue().stream().filter(p -> p.illuminant().equals(light)).toList());
                        if (ps.size() == 0) {
                            continue;
                        }
                        boolean seen = trainLights.contains(light);
                        double[] direct = Evaluation.deltaE(ps, Evaluation.predict(model, ps));
                        Map<String, double[]> de = new LinkedHashMap<>();
                        for (Map.Entry<String, ShapedLut> v : variants.entrySet()) {
                            for (LutInterpolation in : List.of(LutInterpolations.TETRAHEDRAL, LutInterpolations.TRILINEAR)) {
                                de.put(v.getKey() + " " + in.name().substring(0, 3),
                                        Evaluation.deltaE(ps, apply(v.getValue(), enc, ps, in)));
                            }
                        }
                        String key0 = size + " model";
                        for (int i = 0; i < ps.size(); i++) {
                            Pair p = ps.get(i);
                            Fidelity.group(groups.computeIfAbsent(key0, k -> new TreeMap<>()), set.getKey(), p, direct[i],
                                    seen, trainEvs);
                            for (Map.Entry<String, double[]> e : de.entrySet()) {
                                Fidelity.group(groups.computeIfAbsent(size + " " + e.getKey(), k -> new TreeMap<>()),
                                        set.getKey(), p, e.getValue()[i], seen, trainEvs);
                            }
                            if (seen && !Fidelity.clipped(p) && !trainEvs.contains(p.ev())) { // per trained light
                                String g = set.getKey() + "trained " + light + " ev " + p.ev();
                                Fidelity.add(groups.computeIfAbsent(key0, k -> new TreeMap<>()), g, direct[i]);
                                for (Map.Entry<String, double[]> e : de.entrySet()) {
                                    Fidelity.add(groups.computeIfAbsent(size + " " + e.getKey(), k -> new TreeMap<>()), g,
                                            e.getValue()[i]);
                                }
                            }
                            if (Fidelity.clipped(p) && seen) {
                                double[] u = Matrices.apply(clip, p.digital());
                                double umax = Math.max(u[0], Math.max(u[1], u[2]));
                                clipOut.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%.4f\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f%n",
                                        set.getKey().isEmpty() ? "held" : "pub", light, p.ev(), p.patch(), umax,
                                        straddles(clip, enc, p, size), direct[i], de.get("sampled tet")[i],
                                        de.get("sampled tri")[i], de.get("fitted tet")[i], de.get("fitted tri")[i]);
                            }
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "  %d^3 bake time over %d lights: sampled %.2f s, fit %.2f s%n", size,
                        lights.size(), tSampled / 1e9, tFitted / 1e9);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(name + "-summary.tsv")))) {
            for (Map.Entry<String, Map<String, List<Double>>> v : groups.entrySet()) {
                for (Map.Entry<String, List<Double>> g : v.getValue().entrySet()) {
                    double mean = g.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                    w.printf(Locale.ROOT, "%s\t%s\t%d\t%.6f%n", v.getKey(), g.getKey(), g.getValue().size(), mean);
                }
            }
        }
        // the headline groups side by side
        String[] heads = {"patches", "lights", "clipped", "bright in range", "ev 2.25", "ev 2.75", "ev 3.5", "all",
                "pub patches", "pub lights", "pub clipped", "pub ev 2.25", "pub ev 2.75", "pub ev 3.5", "pub all"};
        System.out.printf(Locale.ROOT, "  %-18s", "variant");
        for (String h : heads) {
            System.out.printf(Locale.ROOT, " %12s", h.length() > 12 ? h.substring(h.length() - 12) : h);
        }
        System.out.println();
        for (Map.Entry<String, Map<String, List<Double>>> v : groups.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-18s", v.getKey());
            for (String h : heads) {
                List<Double> g = v.getValue().get(h);
                System.out.printf(Locale.ROOT, " %12.4f",
                        g == null ? Double.NaN : g.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            }
            System.out.println();
        }
    }

    /**
     * The camera's true clip planes (the simulator's, not estimated: the dense runs keep clipped readings as read, so
     * no clip is placed from the pairs): row c of (matrix * white balance)^-1 / white level, so a_c . x = raw_c / white.
     */
    static double[] cameraPlanes(String camera) {
        DigitalCameraModel cam = DigitalCameraModel.named(camera);
        double[] m = new double[9];
        for (int c = 0; c < 3; c++) {
            double[] e = new double[3];
            e[c] = 1;
            double[] col = cam.toRec709(e);
            for (int r = 0; r < 3; r++) {
                m[3 * r + c] = col[r];
            }
        }
        double[] inv = Matrices.invert(m);
        for (int i = 0; i < 9; i++) {
            inv[i] /= cam.whiteLevel();
        }
        return inv;
    }

    /** The lut written as a .cube and read back (what a consumer reads: the file's decimals). */
    static ShapedLut roundTrip(ShapedLut lut, Path out, String light) throws Exception {
        Path f = out.resolve("tmp-" + light + ".cube");
        CubeFile.write(lut, new LutProvenance("bench", "bake-fit", "bench", light, "acescct", "srgb", Double.NaN), f);
        ShapedLut back = CubeFile.read(f).lut();
        Files.delete(f);
        return back;
    }

    static double[] apply(ShapedLut lut, InputEncoding enc, PairSet ps, LutInterpolation in) {
        double[] codes = enc.fromRec709Linear(ps.digital());
        float[] rgb = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
            rgb[i] = (float) codes[i];
        }
        lut.apply(rgb, 0, ps.size(), in);
        double[] pred = new double[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            pred[i] = rgb[i];
        }
        return pred;
    }

    /** Whether the reading's lattice cell has corners on both sides of a clip plane (clip units below and above 1). */
    static boolean straddles(double[] clip, InputEncoding enc, Pair p, int size) {
        double[] code = enc.fromRec709Linear(p.digital());
        int m = size - 1;
        int[] cell = new int[3];
        for (int c = 0; c < 3; c++) {
            double x = Math.max(0, Math.min(m, code[c] * m));
            cell[c] = Math.min((int) x, m - 1);
        }
        double[] corners = new double[24];
        for (int q = 0; q < 8; q++) {
            corners[3 * q] = (cell[0] + (q & 1)) / (double) m;
            corners[3 * q + 1] = (cell[1] + (q >> 1 & 1)) / (double) m;
            corners[3 * q + 2] = (cell[2] + (q >> 2)) / (double) m;
        }
        double[] lin = enc.toRec709Linear(corners);
        for (int c = 0; c < 3; c++) {
            boolean below = false;
            boolean above = false;
            for (int q = 0; q < 8; q++) {
                double u = Matrices.apply(clip, new double[] {lin[3 * q], lin[3 * q + 1], lin[3 * q + 2]})[c];
                below |= u < 1;
                above |= u >= 1;
            }
            if (below && above) {
                return true;
            }
        }
        return false;
    }
}
