import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Matrices;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.DigitalClip;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.pairs.ExposureSeries;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Why clipped readings go wrong on a second camera (issue 24 session 9, helper clip): a TRAINING-side diagnosis of
 * the clip-plane estimate ({@code DigitalClip.estimate}), the highlights rebuild and the all-channels-clipped point.
 * Nothing held out is read. Usage (bench/fidelity/clip.sh): {@code ClipProbe STOCK RUN_DIR [STOCK RUN_DIR ...]};
 * RUN_DIR of {@code run.sh ... full|dense}; FID_CAMERA as that run had it.
 *
 * <ol>
 *   <li>A: the camera's true clip planes in Rec.709 (white level through the fixed white balance and the matrix)
 *       against the ones {@code DigitalClip.estimate} places from the fitted pairs (train.csv less stuck film, as
 *       {@code station fit} reads it), and the readings it places them by: the "past" readings (a series' top reading
 *       scaled to the next EV of its light, when that reading is missing) and why each is missing (not in the CSV =
 *       the bench dropped it as clipped, or in the CSV but dropped as stuck film), and per raw channel how close the
 *       kept readings come to its true plane and how many past readings lie past it first.</li>
 *   <li>B (full runs): clipped training readings (rendered, never in train.csv) by raw channels clipped: the shipped
 *       model (rebuild inside), the same model without the rebuild, the rebuild with the TRUE planes, and the model
 *       on the unclipped reading; how many readings each rebuild touches.</li>
 *   <li>C (full runs): the all-channels-clipped point (one Rec.709 reading for every light): per light what the model
 *       predicts there against the spread of the films' truths, and what a constant serving could reach.</li>
 *   <li>D ({@link ClipCandidates}, full and dense runs): candidate estimates scored by the rebuild they give.</li>
 * </ol>
 * Nothing held out is read, except that {@code CLIP_WRITE=KEY CLIP_WRITE_TO=WORK} writes candidate KEY's model.json
 * into a copy of the run for run.sh to score held out (bench/RESULTS.md says which held-out figures were looked at).
 */
public class ClipProbe {

    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            run(args[i], Path.of(args[i + 1]));
        }
    }

    /** A scratch directory removed when the probe exits (session 10: they were left behind). */
    static Path tempDir() throws java.io.IOException {
        Path tmp = Files.createTempDirectory("clipprobe");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
                // best effort: a scratch directory under /tmp
            }
        }));
        return tmp;
    }

    static void run(String stockName, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "== %s (%s), camera %s%n", stockName, dir, Fidelity.CAMERA_NAME);
        DigitalCameraModel cam = Fidelity.CAMERA;
        double w = cam.whiteLevel();
        // B: raw in clip units -> Rec.709 (columns: each raw channel at its white level); true planes A = B^-1
        double[] b = new double[9];
        for (int j = 0; j < 3; j++) {
            double[] raw = new double[3];
            raw[j] = w;
            double[] x = cam.toRec709(raw);
            for (int r = 0; r < 3; r++) {
                b[3 * r + j] = x[r];
            }
        }
        double[] aTrue = Matrices.invert(b);
        double[] sat = Matrices.apply(b, new double[] {1, 1, 1});
        System.out.printf(Locale.ROOT, "  all raw channels clipped = Rec.709 %.3f/%.3f/%.3f (every light)%n", sat[0], sat[1], sat[2]);

        PairSet csv = PairsCsv.read(dir.resolve("train.csv"));
        PairSet fitted = csv.withoutStuckFilm(0.002); // station fit's default --stuck-margin
        java.util.Set<Pair> left = new java.util.HashSet<>(fitted.asList());
        var estimate = DigitalClip.estimate(fitted, csv.filter(p -> !left.contains(p)));
        DigitalClip est = estimate.clip();
        System.out.printf(Locale.ROOT, "  estimate: %s, %d past readings, past R/G/B first %d/%d/%d, unplaced %s%n",
                estimate.reason(), estimate.past(), estimate.first()[0], estimate.first()[1], estimate.first()[2],
                estimate.unplaced());
        double[] aEst = null;
        if (est != null) {
            aEst = new double[9];
            for (int j = 0; j < 3; j++) {
                double[] e = new double[3];
                e[j] = 1;
                double[] col = est.clipUnits(e);
                for (int r = 0; r < 3; r++) {
                    aEst[3 * r + j] = col[r];
                }
            }
        }
        System.out.println("  A. clip planes (row c: raw channel c in clip units = a_c . Rec.709), true vs estimated:");
        for (int c = 0; c < 3; c++) {
            System.out.printf(Locale.ROOT, "     %s true % .4f % .4f % .4f", "RGB".charAt(c), aTrue[3 * c], aTrue[3 * c + 1], aTrue[3 * c + 2]);
            if (aEst != null) {
                System.out.printf(Locale.ROOT, " | est % .4f % .4f % .4f | cos to true R/G/B %.3f %.3f %.3f",
                        aEst[3 * c], aEst[3 * c + 1], aEst[3 * c + 2], cos(aEst, c, aTrue, 0), cos(aEst, c, aTrue, 1), cos(aEst, c, aTrue, 2));
            }
            System.out.println();
        }
        if (aEst != null) {
            double[] s = Matrices.apply(aEst, sat);
            System.out.printf(Locale.ROOT, "     the all-clipped point in estimated clip units %.3f/%.3f/%.3f (true 1/1/1)%n", s[0], s[1], s[2]);
        } else {
            System.out.println("     estimate: none (fewer than 12 past readings)");
        }

        // the estimate's own evidence, rebuilt here as DigitalClip.estimate builds it
        Map<String, TreeSet<Double>> evs = new HashMap<>();
        Map<String, Map<Double, Pair>> series = new HashMap<>();
        for (Pair p : fitted) {
            String lr = p.illuminant() + "\u0000" + p.roll();
            evs.computeIfAbsent(lr, k -> new TreeSet<>()).add(p.ev());
            series.computeIfAbsent(lr + "\u0000" + p.patch(), k -> new HashMap<>()).put(p.ev(), p);
        }
        java.util.Set<String> inCsv = new java.util.HashSet<>();
        for (Pair p : csv) {
            inCsv.add(p.illuminant() + "\u0000" + p.roll() + "\u0000" + p.patch() + "\u0000" + p.ev());
        }
        List<double[]> past = new ArrayList<>();
        int missingCsv = 0;
        int missingStuck = 0;
        for (Map.Entry<String, Map<Double, Pair>> e : series.entrySet()) {
            String lr = e.getKey().substring(0, e.getKey().lastIndexOf('\u0000'));
            double top = e.getValue().keySet().stream().max(Double::compare).orElseThrow();
            Double next = evs.get(lr).higher(top);
            if (next != null) {
                double[] x = e.getValue().get(top).digital();
                double k = Math.pow(2, next - top);
                past.add(new double[] {x[0] * k, x[1] * k, x[2] * k});
                if (inCsv.contains(e.getKey() + "\u0000" + next)) {
                    missingStuck++;
                } else {
                    missingCsv++;
                }
            }
        }
        boolean[] flagged = ExposureSeries.clipped(fitted, ExposureSeries.TOLERANCE);
        int nFlag = 0;
        for (boolean f : flagged) {
            nFlag += f ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "     evidence: %d fitted pairs (%d in the CSV), %d series; past readings %d (next EV missing from"
                        + " the CSV %d, in the CSV but dropped as stuck film %d); the estimate needs 12.%n"
                        + "     readings the series filter (ExposureSeries, tolerance %.2f) flags clipped among the fitted pairs: %d%n",
                fitted.size(), csv.size(), series.size(), past.size(), missingCsv, missingStuck, ExposureSeries.TOLERANCE, nFlag);
        double[] keptMax = new double[3];
        int[] firstPast = new int[4];
        double[][] pastRange = {{9, 0}, {9, 0}, {9, 0}};
        for (Pair p : fitted) {
            double[] t = Matrices.apply(aTrue, p.digital());
            for (int c = 0; c < 3; c++) {
                keptMax[c] = Math.max(keptMax[c], t[c]);
            }
        }
        for (double[] x : past) {
            double[] t = Matrices.apply(aTrue, x);
            int arg = 0;
            for (int c = 1; c < 3; c++) {
                arg = t[c] > t[arg] ? c : arg;
            }
            firstPast[t[arg] >= 1 ? arg : 3]++;
            for (int c = 0; c < 3; c++) {
                pastRange[c][0] = Math.min(pastRange[c][0], t[c]);
                pastRange[c][1] = Math.max(pastRange[c][1], t[c]);
            }
        }
        System.out.printf(Locale.ROOT, "     true clip units, per raw channel R/G/B: kept readings' max %.3f/%.3f/%.3f;"
                        + " past readings' range %.2f-%.2f / %.2f-%.2f / %.2f-%.2f%n",
                keptMax[0], keptMax[1], keptMax[2], pastRange[0][0], pastRange[0][1], pastRange[1][0], pastRange[1][1],
                pastRange[2][0], pastRange[2][1]);
        System.out.printf(Locale.ROOT, "     past readings by the raw channel furthest past its true clip: R %d, G %d, B %d,"
                + " none past any clip %d%n", firstPast[0], firstPast[1], firstPast[2], firstPast[3]);
        if (aEst != null) {
            // ratio est/true per channel, binned by true clip units (kept readings)
            double[][] bins = {{0.5, 0.8}, {0.8, 0.95}, {0.95, 1.01}};
            for (int c = 0; c < 3; c++) {
                StringBuilder sb = new StringBuilder();
                for (double[] bin : bins) {
                    double s = 0;
                    int n = 0;
                    for (Pair p : fitted) {
                        double t = Matrices.apply(aTrue, p.digital())[c];
                        if (t > bin[0] && t <= bin[1]) {
                            s += Matrices.apply(aEst, p.digital())[c];
                            n++;
                        }
                    }
                    sb.append(String.format(Locale.ROOT, "  true %.2f-%.2f: n=%d est mean %.3f", bin[0], bin[1], n, n > 0 ? s / n : Double.NaN));
                }
                System.out.printf(Locale.ROOT, "     raw %s, kept readings by true clip units:%s%n", "RGB".charAt(c), sb);
            }
        }
        if (Files.exists(dir.resolve("heldout.csv")) && dir.getFileName().toString().startsWith("full-")) {
            rebuild(stockName, dir, cam, aTrue, sat);
        }
        ClipCandidates.proposals(stockName, dir, cam, csv, fitted, aTrue, sat, aEst);
    }

    /** B and C: the rebuild on rendered clipped training readings, and the all-clipped point. */
    static void rebuild(String stockName, Path dir, DigitalCameraModel cam, double[] aTrue, double[] sat) throws Exception {
        Path model = dir.resolve("model");
        JsonNode root = JSON.readTree(model.resolve("model.json").toFile());
        ColourModel shipped = ModelDirectory.load(model).model();
        if (!"highlights".equals(root.path("model").path("type").asText())) {
            System.out.println("  B. the model has no highlights rebuild (no clip placed); skipped");
            return;
        }
        Path tmp = tempDir();
        ObjectNode inner = root.deepCopy();
        inner.set("model", root.path("model").path("model"));
        ColourModel noRebuild = load(model, tmp.resolve("inner"), inner);
        ObjectNode truth = root.deepCopy();
        ((ObjectNode) truth.path("model").path("clip")).remove("placed"); // the true planes are all placed
        ArrayNode planes = ((ObjectNode) truth.path("model").path("clip")).putArray("planes");
        for (double v : aTrue) {
            planes.add(v);
        }
        ColourModel truePlanes = load(model, tmp.resolve("true"), truth);
        ObjectNode one = truth.deepCopy();
        ((ObjectNode) one.path("model").path("clip")).put("channels", 1);
        ColourModel trueOne = load(model, tmp.resolve("true1"), one);

        List<Fidelity.Patch> patches = Fidelity.patches(11);
        Map<String, Spectrum> training = new HashMap<>();
        patches.stream().filter(p -> !p.heldOut()).forEach(p -> training.put(p.id(), p.reflectance()));
        List<Pair> all = Fidelity.render(Fidelity.stock(stockName), patches, Fidelity.TRAIN_LIGHTS, 1).stream()
                .filter(p -> training.containsKey(p.patch()) && Fidelity.TRAIN_LIGHTS.contains(p.illuminant())).toList();
        Map<Integer, List<Pair>> byN = new java.util.TreeMap<>();
        Map<Integer, List<Pair>> oracleByN = new java.util.TreeMap<>();
        for (Pair p : all) {
            if (!Fidelity.clipped(p)) {
                continue;
            }
            double[] raw = cam.raw(training.get(p.patch()), Illuminants.get(p.illuminant().equals("studio-lamp")
                    ? "LED-B4" : p.illuminant()), p.ev());
            int n = 0;
            for (double v : raw) {
                n += v >= cam.whiteLevel() ? 1 : 0;
            }
            double[] d = cam.toRec709(raw);
            byN.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
            oracleByN.computeIfAbsent(n, k -> new ArrayList<>()).add(new Pair(p.frame(), p.roll(), p.illuminant(), p.ev(),
                    p.patch(), d[0], d[1], d[2], p.filmR(), p.filmG(), p.filmB()));
        }
        System.out.println("  B. clipped training readings (rendered, never in train.csv), mean dE00: shipped (rebuild with the"
                + " estimated planes) | no rebuild | rebuild with the true planes (2 channels / 1 channel) | model on the"
                + " unclipped reading; readings the rebuild changes est/true");
        for (var e : byN.entrySet()) {
            List<Pair> ps = e.getValue();
            System.out.printf(Locale.ROOT, "     %d raw channel(s) clipped n=%4d: %6.2f | %6.2f | %6.2f / %6.2f | %6.2f; changed %d / %d%n",
                    e.getKey(), ps.size(), mean(shipped, ps), mean(noRebuild, ps), mean(truePlanes, ps), mean(trueOne, ps),
                    mean(noRebuild, oracleByN.get(e.getKey())), changed(shipped, noRebuild, ps), changed(truePlanes, noRebuild, ps));
        }
        List<Pair> anyClipped = byN.values().stream().flatMap(List::stream).toList();
        System.out.printf(Locale.ROOT, "     all clipped readings     n=%4d: %6.2f | %6.2f | %6.2f / %6.2f%n", anyClipped.size(),
                mean(shipped, anyClipped), mean(noRebuild, anyClipped), mean(truePlanes, anyClipped), mean(trueOne, anyClipped));
        List<Pair> unclippedTop = all.stream().filter(p -> !Fidelity.clipped(p) && p.ev() >= 1.0).toList();
        System.out.printf(Locale.ROOT, "     unclipped readings at EV >= +1 n=%d: %6.2f | %6.2f | %6.2f / %6.2f; changed %d / %d%n",
                unclippedTop.size(), mean(shipped, unclippedTop), mean(noRebuild, unclippedTop), mean(truePlanes, unclippedTop),
                mean(trueOne, unclippedTop), changed(shipped, noRebuild, unclippedTop), changed(truePlanes, noRebuild, unclippedTop));

        // C. the all-clipped point per light
        List<Pair> three = byN.getOrDefault(3, List.of());
        System.out.println("  C. the all-channels-clipped point, per light: n, truths' film mean (R/G/B) and spread (mean dE00 to"
                + " their mean = the best one constant can do), shipped / no-rebuild prediction and their mean dE00");
        for (String l : Fidelity.TRAIN_LIGHTS) {
            List<Pair> ps = three.stream().filter(p -> p.illuminant().equals(l)).toList();
            if (ps.isEmpty()) {
                continue;
            }
            double[] m = new double[3];
            for (Pair p : ps) {
                m[0] += p.filmR() / ps.size();
                m[1] += p.filmG() / ps.size();
                m[2] += p.filmB() / ps.size();
            }
            double[] constant = new double[3 * ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                System.arraycopy(m, 0, constant, 3 * i, 3);
            }
            double[] ps0 = shipped.predict(sat.clone(), l);
            double[] pn = noRebuild.predict(sat.clone(), l);
            double[] filmMin = {9, 9, 9};
            double[] filmMax = {-9, -9, -9};
            for (Pair p : ps) {
                double[] f = {p.filmR(), p.filmG(), p.filmB()};
                for (int c = 0; c < 3; c++) {
                    filmMin[c] = Math.min(filmMin[c], f[c]);
                    filmMax[c] = Math.max(filmMax[c], f[c]);
                }
            }
            System.out.printf(Locale.ROOT, "     %-11s n=%3d truths mean %.3f/%.3f/%.3f range G %.3f-%.3f, spread %5.2f |"
                            + " shipped %.3f/%.3f/%.3f %5.2f | no rebuild %.3f/%.3f/%.3f %5.2f%n",
                    l, ps.size(), m[0], m[1], m[2], filmMin[1], filmMax[1], avg(Evaluation.deltaE(new PairSet(ps), constant)),
                    ps0[0], ps0[1], ps0[2], mean(shipped, ps), pn[0], pn[1], pn[2], mean(noRebuild, ps));
        }
    }

    static ColourModel load(Path model, Path to, JsonNode json) throws Exception {
        Files.createDirectories(to);
        try (var s = Files.list(model)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                if (!f.getFileName().toString().equals("model.json")) {
                    Files.createSymbolicLink(to.resolve(f.getFileName()), f.toAbsolutePath());
                }
            }
        }
        JSON.writeValue(to.resolve("model.json").toFile(), json);
        return ModelDirectory.load(to).model();
    }

    static int changed(ColourModel a, ColourModel b, List<Pair> ps) {
        PairSet s = new PairSet(ps);
        double[] pa = Evaluation.predict(a, s);
        double[] pb = Evaluation.predict(b, s);
        int n = 0;
        for (int i = 0; i < ps.size(); i++) {
            if (Math.abs(pa[3 * i] - pb[3 * i]) + Math.abs(pa[3 * i + 1] - pb[3 * i + 1]) + Math.abs(pa[3 * i + 2] - pb[3 * i + 2]) > 1e-9) {
                n++;
            }
        }
        return n;
    }

    static double mean(ColourModel m, List<Pair> ps) {
        PairSet s = new PairSet(ps);
        return avg(Evaluation.deltaE(s, Evaluation.predict(m, s)));
    }

    static double avg(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double cos(double[] a, int ra, double[] b, int rb) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < 3; j++) {
            d += a[3 * ra + j] * b[3 * rb + j];
            na += a[3 * ra + j] * a[3 * ra + j];
            nb += b[3 * rb + j] * b[3 * rb + j];
        }
        return d / Math.sqrt(na * nb);
    }
}
