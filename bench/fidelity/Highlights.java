import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.DigitalClip;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.spectral.Illuminants;
import emu.devices.sim.spectral.Spectrum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Highlights and exposure ends on the TRAINING side of a bench/fidelity run (issue 24): nothing held
 * out by Fidelity is read. Needs a run directory ({@code model/} and the exported acescct cubes; with
 * {@code HL_SIZE=N} the cubes are baked from the model at N^3 instead).
 *
 * <ol>
 *   <li><b>Clipped readings of the training reflectances</b> (trained lights; the pairs a rig has as
 *       chart patches flagged clipped, never in train.csv): the model and the exported cube on them, by
 *       number of clipped raw channels, and the same model given the reading the sensor would have
 *       made without clipping (what a perfect highlight reconstruction could reach).</li>
 *   <li><b>Artificial clip of the brightest trained EV</b> (the brief's protocol): train.csv's EV +2
 *       pairs with each Rec.709 channel clipped at 0.18 x 2^h (a pipeline that clips after the
 *       matrix), scored against the same pairs unclipped.</li>
 *   <li><b>Unclipped readings one stop past the trained range</b> (training reflectances at EV -3 and
 *       +3, never in train.csv).</li>
 *   <li><b>The exported cube's neutral axis past the brightest reading</b> and its own-channel
 *       monotonicity (film channel c never falls as input channel c rises, lattice-wide).</li>
 *   <li><b>Exposure ends on the training folds</b>: each finalist's held-out lowest/highest EV and
 *       patch-CV at EV -2 / +2 from the selection's report.json.</li>
 * </ol>
 *
 * <p>Usage (bench/fidelity/highlights.sh): {@code Highlights STOCK RUN_DIR [STOCK RUN_DIR ...]}.
 */
public class Highlights {

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            run(args[i], Path.of(args[i + 1]));
        }
    }

    static void run(String stockName, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "== %s (%s)%n", stockName, dir);
        ColourModel m = ModelDirectory.load(dir.resolve("model")).model();
        List<Fidelity.Patch> patches = Fidelity.patches(11);
        Map<String, Spectrum> training = new HashMap<>();
        patches.stream().filter(p -> !p.heldOut()).forEach(p -> training.put(p.id(), p.reflectance()));
        List<Pair> all = Fidelity.render(Fidelity.stock(stockName), patches, Fidelity.TRAIN_LIGHTS, 1).stream()
                .filter(p -> training.containsKey(p.patch()) && Fidelity.TRAIN_LIGHTS.contains(p.illuminant())).toList();
        Map<String, ShapedLut> luts = new HashMap<>();
        // HL_SIZE=N: bake the cubes from the model at N^3 (as `station export --size N`) instead of reading the run's
        String size = System.getenv("HL_SIZE");
        for (String l : Fidelity.TRAIN_LIGHTS) {
            luts.put(l, size == null ? CubeFile.read(dir.resolve(l + "-acescct.cube")).lut()
                    : emu.calibration.lut.LutBaker.bake(m, l, InputEncoding.get("acescct"), Integer.parseInt(size)).lut());
        }
        DigitalCameraModel cam = Fidelity.CAMERA; // FID_CAMERA: the camera the run rendered with

        // 1. clipped readings of training reflectances
        List<Pair> clipped = all.stream().filter(Fidelity::clipped).toList();
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        List<Pair> unclipped = new ArrayList<>();
        double[] modelDe = Evaluation.deltaE(new PairSet(clipped), Evaluation.predict(m, new PairSet(clipped)));
        double[] lutDe = lutDeltaE(luts, clipped);
        for (int i = 0; i < clipped.size(); i++) {
            Pair p = clipped.get(i);
            double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                    ? "LED-B4" : p.illuminant()), p.ev());
            int n = 0;
            for (double v : raw) {
                n += v >= cam.whiteLevel() ? 1 : 0;
            }
            double[] d = cam.toRec709(raw);
            unclipped.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), d[0], d[1], d[2],
                    p.filmR(), p.filmG(), p.filmB()));
            groups.computeIfAbsent("all", k -> new ArrayList<>()).add(new double[] {modelDe[i], lutDe[i], i});
            groups.computeIfAbsent(n + " raw channel" + (n > 1 ? "s" : "") + " clipped", k -> new ArrayList<>())
                    .add(new double[] {modelDe[i], lutDe[i], i});
        }
        double[] oracle = Evaluation.deltaE(new PairSet(unclipped), Evaluation.predict(m, new PairSet(unclipped)));
        System.out.println("  1. clipped readings of the training reflectances (trained lights), mean dE00:");
        for (var g : groups.entrySet()) {
            List<double[]> v = g.getValue();
            System.out.printf(Locale.ROOT, "     %-24s n=%4d  model %5.2f  cube %5.2f  model on the unclipped reading %5.2f%n",
                    g.getKey(), v.size(), mean(v, 0), mean(v, 1),
                    v.stream().mapToDouble(r -> oracle[(int) r[2]]).average().orElse(Double.NaN));
        }

        // 2. artificial clip (after the matrix) of the brightest trained EV
        List<Pair> top = all.stream().filter(p -> !Fidelity.clipped(p) && p.ev() == 2.0).toList();
        for (double h : new double[] {3.0, 3.5}) {
            double level = 0.18 * Math.pow(2, h);
            List<Pair> cut = new ArrayList<>();
            List<Pair> same = new ArrayList<>();
            for (Pair p : top) {
                if (Math.max(p.digitalR(), Math.max(p.digitalG(), p.digitalB())) > level) {
                    same.add(p);
                    cut.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), Math.min(level, p.digitalR()),
                            Math.min(level, p.digitalG()), Math.min(level, p.digitalB()), p.filmR(), p.filmG(), p.filmB()));
                }
            }
            System.out.printf(Locale.ROOT, "  2. EV +2 pairs clipped per Rec.709 channel at %.2f (%.1f stops over grey): n=%d"
                    + "  model %5.2f  cube %5.2f  (unclipped: model %5.2f)%n", level, h, cut.size(), meanDe(m, cut),
                    avg(lutDeltaE(luts, cut)), meanDe(m, same));
        }

        // 3. unclipped readings one stop past each end
        for (double ev : new double[] {-3.0, 2.0, 3.0}) {
            List<Pair> at = all.stream().filter(p -> !Fidelity.clipped(p) && p.ev() == ev).toList();
            System.out.printf(Locale.ROOT, "  3. unclipped readings at EV %+.0f%s: n=%d  model %5.2f  cube %5.2f%n", ev,
                    ev == 2.0 ? " (trained pairs)" : " (never in train.csv)", at.size(), meanDe(m, at), avg(lutDeltaE(luts, at)));
        }

        // 6. highlight reconstruction from clip planes estimated on train.csv alone
        long t0 = System.nanoTime();
        DigitalClip clip = DigitalClip.estimate(PairsCsv.read(dir.resolve("train.csv"))).clip();
        System.out.printf(Locale.ROOT, "  6. clip planes from train.csv (%.1f s): %s%n", (System.nanoTime() - t0) / 1e9,
                clip == null ? "none (no clipping seen)" : "");
        if (clip != null) {
            double[] err = new double[2];
            int[] miss = new int[4];
            for (Pair p : all) {
                double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                        ? "LED-B4" : p.illuminant()), p.ev());
                double[] est = clip.clipUnits(p.digital());
                boolean truly = cam.clips(raw);
                boolean said = Math.max(est[0], Math.max(est[1], est[2])) >= 0.97;
                miss[(truly ? 2 : 0) + (said ? 1 : 0)]++;
            }
            double[][] dev = new double[3][2];
            for (Pair p : all) {
                if (Fidelity.clipped(p)) {
                    continue;
                }
                double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                        ? "LED-B4" : p.illuminant()), p.ev());
                double[] est = clip.clipUnits(p.digital());
                for (int c = 0; c < 3; c++) {
                    double t = raw[c] / cam.whiteLevel();
                    if (t > 0.5) {
                        dev[c][0] += est[c] / t;
                        dev[c][1]++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "     estimated / true clip units over unclipped readings past half the clip: %.3f %.3f %.3f%n",
                    dev[0][0] / dev[0][1], dev[1][0] / dev[1][1], dev[2][0] / dev[2][1]);
            System.out.printf(Locale.ROOT, "     clipped (true / estimated >= 0.97): both %d, only true %d, only estimated %d, neither %d%n",
                    miss[3], miss[2], miss[1], miss[0]);
            for (double[] x : new double[][] {{4.58, 1.65, 2.67}, {1, 1, 1}}) {
                double[] e = clip.clipUnits(x);
                System.out.printf(Locale.ROOT, "     reading %.2f/%.2f/%.2f in clip units %.3f/%.3f/%.3f%n", x[0], x[1], x[2], e[0], e[1], e[2]);
            }
            System.out.printf(Locale.ROOT, "     clipped training reflectances: model %5.2f -> reconstructed %5.2f%n",
                    meanDe(m, clipped), meanDe(m, rebuilt(clip, clipped)));
            for (String g : List.of("1", "2", "3")) {
                List<Pair> sub = new ArrayList<>();
                for (int i = 0; i < clipped.size(); i++) {
                    Pair p = clipped.get(i);
                    double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                            ? "LED-B4" : p.illuminant()), p.ev());
                    int n = 0;
                    for (double v : raw) {
                        n += v >= cam.whiteLevel() ? 1 : 0;
                    }
                    if (String.valueOf(n).equals(g)) {
                        sub.add(p);
                    }
                }
                System.out.printf(Locale.ROOT, "       %s raw channel(s) clipped: n=%d  %5.2f -> %5.2f%n", g, sub.size(),
                        meanDe(m, sub), meanDe(m, rebuilt(clip, sub)));
            }
            for (double ev : new double[] {1.0, 2.0, 3.0}) {
                List<Pair> at = all.stream().filter(p -> !Fidelity.clipped(p) && p.ev() == ev).toList();
                System.out.printf(Locale.ROOT, "     unclipped readings at EV %+.0f: n=%d  %5.2f -> %5.2f%n", ev, at.size(),
                        meanDe(m, at), meanDe(m, rebuilt(clip, at)));
            }
        }

        // 4. the cube's neutral axis and own-channel monotonicity
        InputEncoding enc = InputEncoding.get("acescct");
        for (String l : List.of("D65", "A")) {
            StringBuilder sb = new StringBuilder();
            for (int s = -6; s <= 8; s += 2) {
                double g = 0.18 * Math.pow(2, s);
                double[] code = enc.fromRec709Linear(new double[] {g, g, g});
                float[] out = luts.get(l).apply((float) code[0], (float) code[1], (float) code[2], LutInterpolations.TETRAHEDRAL);
                sb.append(String.format(Locale.ROOT, " %+d:%.3f/%.3f/%.3f", s, out[0], out[1], out[2]));
            }
            System.out.printf(Locale.ROOT, "  4. %s cube, grey at stops over 0.18:%s%n", l, sb);
        }
        // the lattice cells the training readings span (per channel, their ACEScct codes' range)
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Pair p : all) {
            if (!Fidelity.clipped(p) && Fidelity.TRAIN_EVS.contains(p.ev())) {
                double[] code = enc.fromRec709Linear(p.digital());
                for (int c = 0; c < 3; c++) {
                    lo[c] = Math.min(lo[c], code[c]);
                    hi[c] = Math.max(hi[c], code[c]);
                }
            }
        }
        for (String l : Fidelity.TRAIN_LIGHTS) {
            System.out.printf(Locale.ROOT, "  4. %s cube own-channel monotonicity: whole lattice %s; within the training readings' box %s%n",
                    l, monotonicity(luts.get(l), null, null), monotonicity(luts.get(l), lo, hi));
        }

        // 5. exposure ends on the training folds (the selection's report)
        Path report = dir.resolve("model").resolve("report.json");
        if (Files.exists(report)) {
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
            System.out.println("  5. training folds (report.json): held-out lowest/highest EV | patch CV at EV -2 / +2; winner "
                    + root.path("winner").asText());
            for (var c : root.path("candidates")) {
                if (c.has("heldOutEv")) {
                    var h = c.path("heldOutEv").path("perEv");
                    var cv = c.path("crossValidationByPatch").path("perEv");
                    System.out.printf(Locale.ROOT, "     %-60s %6.3f %6.3f | %6.3f %6.3f%n", c.path("spec").asText(),
                            h.path("-2").path("mean").asDouble(Double.NaN), h.path("+2").path("mean").asDouble(Double.NaN),
                            cv.path("-2").path("mean").asDouble(Double.NaN), cv.path("+2").path("mean").asDouble(Double.NaN));
                }
            }
        }
    }

    /** Lattice steps where output c falls as input c rises (count, largest fall), over the whole cube. */
    static String monotonicity(ShapedLut lut, double[] lo, double[] hi) {
        var cube = lut.cube();
        int n = cube.size();
        double[] dmin = cube.domainMin();
        double[] dmax = cube.domainMax();
        int[] from = new int[3];
        int[] to = new int[3];
        for (int c = 0; c < 3; c++) {
            double step = (dmax[c] - dmin[c]) / (n - 1);
            from[c] = lo == null ? 0 : Math.max(0, (int) Math.floor((lo[c] - dmin[c]) / step));
            to[c] = hi == null ? n - 1 : Math.min(n - 1, (int) Math.ceil((hi[c] - dmin[c]) / step));
        }
        int steps = 0;
        int bad = 0;
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            int u = c == 0 ? 1 : 0;
            int w = c == 2 ? 1 : 2;
            for (int i = from[u]; i <= to[u]; i++) {
                for (int j = from[w]; j <= to[w]; j++) {
                    double prev = Double.NaN;
                    for (int k = from[c]; k <= to[c]; k++) {
                        int[] idx = new int[3];
                        idx[c] = k;
                        idx[u] = i;
                        idx[w] = j;
                        double v = cube.get(idx[0], idx[1], idx[2], c);
                        steps += Double.isNaN(prev) ? 0 : 1;
                        if (v < prev - 1e-6) {
                            bad++;
                            worst = Math.max(worst, prev - v);
                        }
                        prev = v;
                    }
                }
            }
        }
        return String.format(Locale.ROOT, "%d of %d steps fall (largest %.3f)", bad, steps, worst);
    }

    static double[] lutDeltaE(Map<String, ShapedLut> luts, List<Pair> pairs) {
        InputEncoding enc = InputEncoding.get("acescct");
        double[] pred = new double[pairs.size() * 3];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            double[] code = enc.fromRec709Linear(new double[] {p.digitalR(), p.digitalG(), p.digitalB()});
            float[] out = luts.get(p.illuminant()).apply((float) code[0], (float) code[1], (float) code[2],
                    LutInterpolations.TETRAHEDRAL);
            for (int c = 0; c < 3; c++) {
                pred[3 * i + c] = out[c];
            }
        }
        return Evaluation.deltaE(new PairSet(pairs), pred);
    }

    static List<Pair> rebuilt(DigitalClip clip, List<Pair> pairs) {
        List<Pair> out = new ArrayList<>();
        for (Pair p : pairs) {
            double[] d = p.digital();
            clip.reconstruct(d, p.illuminant());
            out.add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(), p.patch(), d[0], d[1], d[2], p.filmR(),
                    p.filmG(), p.filmB()));
        }
        return out;
    }

    static double meanDe(ColourModel m, List<Pair> pairs) {
        PairSet ps = new PairSet(pairs);
        return avg(Evaluation.deltaE(ps, Evaluation.predict(m, ps)));
    }

    static double avg(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double mean(List<double[]> rows, int col) {
        return rows.stream().mapToDouble(r -> r[col]).average().orElse(Double.NaN);
    }
}
