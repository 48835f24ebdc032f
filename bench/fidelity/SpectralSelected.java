import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Illuminants;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.SpectralServedModel;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.spectral.SpectralModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 24, session 8 (training side): leave-one-light-out of the spectral serving against the stock's SELECTED model
 * ({@code model/} beside train.csv), for the serving rules that use it. The selected model without light L is the
 * model file with L's per-light models taken out of every per-illuminant part (each light's model never sees another
 * light's pairs, as the fit's own leave-one-light-out; a stack keeps its weights, chosen with L in: a small leak in
 * the selected model's favour). Per left-out light with a known SPD, mean CIEDE2000 on its own training pairs of:
 * blend (the SPEC blend of the other lights), sel (the selected model serving L as untrained), spec+.5r (session 7),
 * +adv (spec+.5r plus the selected model's difference from the SPEC blend at L), sel+d (the selected model plus the
 * spectral model's change from its synthetic blend, spec - synth); then the camera model's relative RMS error and the
 * film model's dE on the left-out light's pairs below 90% of the clip level (models fitted without it, as {@link SpectralHeldOut} gives them for
 * the held-out lights).
 *
 * <p>Usage: {@code bench/fidelity/spectral.sh loosel SPEC LAMCAM LAMFILM STOCK_DIR...}
 */
final class SpectralSelected {
    private SpectralSelected() {}

    /** A stock directory's inputs: its training pairs, their lights and the reflectances by patch id. */
    record Stock(Path dir, PairSet train, IlluminantFeatures lights, Map<String, double[]> refl) {
        static Stock of(Path dir) throws Exception {
            PairSet train = PairsCsv.read(dir.resolve("train.csv"));
            return new Stock(dir, train, IlluminantFeatures.from(train), SpectralServing.reflectances());
        }

        /** The spec of the model the stock's fit selected (its model/ directory). */
        String selected() throws Exception {
            return ModelDirectory.load(dir.resolve("model")).metadata().spec();
        }
    }

    static void run(String spec, double lamCam, double lamFilm, Path dir) throws Exception {
        long t0 = System.nanoTime();
        Stock st = Stock.of(dir);
        String selSpec = st.selected();
        System.out.printf(Locale.ROOT, "%s, selected %s: leave-one-light-out mean CIEDE2000 on training pairs%n", dir, selSpec);
        String[] cols = {"blend", "sel", "spec+.5r", "+adv", "+.5adv", "sel+d", "sel+.5d"};
        System.out.printf(Locale.ROOT, "  %-8s", "light");
        for (String c : cols) {
            System.out.printf(Locale.ROOT, " %8s", c);
        }
        System.out.printf(Locale.ROOT, " %9s %8s%n", "digRMS%", "film dE");
        double[] mean = new double[cols.length];
        int n = 0;
        for (String light : st.train().illuminants()) {
            if (Illuminants.find(light).isEmpty()) {
                continue;
            }
            SpectralServing.Fold f = SpectralServing.fold(spec, lamCam, lamFilm, st.train(), light, st.lights(), st.refl());
            PairSet own = f.own();
            SpectralModel sf = f.sf();
            SpectralServedModel s = f.served();
            ColourModel sel = without(dir.resolve("model"), light);
            double[] x = own.digital();
            double[] b = s.blend().predict(x, light);
            double[] se = sel.predict(x, light);
            double[] sp = s.served(light, 0).predict(x, light);
            double[] r5 = s.served(light, 0.5).predict(x, light);
            double[] r1 = s.served(light, 1).predict(x, light);
            double[][] preds = new double[cols.length][];
            preds[0] = b;
            preds[1] = se;
            preds[2] = r5;
            preds[3] = new double[x.length];
            preds[4] = new double[x.length];
            preds[5] = new double[x.length];
            preds[6] = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double adv = se[i] - b[i];
                double d = r1[i] - b[i]; // spec - synth
                preds[3][i] = r5[i] + adv;
                preds[4][i] = r5[i] + 0.5 * adv;
                preds[5][i] = se[i] + d;
                preds[6][i] = se[i] + 0.5 * d;
            }
            System.out.printf(Locale.ROOT, "  %-8s", light);
            for (int q = 0; q < cols.length; q++) {
                double v = SpectralServing.mean(own, preds[q]);
                mean[q] += v;
                System.out.printf(Locale.ROOT, " %8.3f", v);
            }
            double clip = java.util.Arrays.stream(st.train().digital()).max().orElse(1);
            // the camera and film models' errors on the left-out light, its readings below 90% of the clip level
            SpectralHeldOut.diagnose(sf, own.filter(p -> java.util.Arrays.stream(p.digital()).max().orElse(0) < 0.9 * clip), st.refl());
            n++;
        }
        System.out.printf(Locale.ROOT, "  %-8s", "mean");
        for (double m : mean) {
            System.out.printf(Locale.ROOT, " %8.3f", m / n);
        }
        System.out.printf(Locale.ROOT, "%n  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The per-light fitter tried for the serving with grid selected (session 15, helper gserve). */
    static final String GRID = "grid:illuminant=per";
    static final double[] RS = {0.5, 0.75, 1};
    static final double[] AS = {0, 0.5, 0.75, 1};

    /**
     * Session 15 (helper gserve): the serving's rules against a grid-selected model, leave-one-light-out as {@link #run}.
     * Columns: blend and sel as there; rp r/a = SPEC's spec + r x (blend - synth) + a x (sel - blend) for r in
     * {@link #RS}, a in {@link #AS} (rp .5/.5 is the default through session 14); g r = the same with {@link #GRID} for
     * the synthetic fit and both blends (a = 0); gs r = grid's spec + r x (sel - grid's synth) (grid's own blend
     * replaced by the selected model without the light, which it nearly is when grid is selected). Then the seconds of
     * the grid serving's fits per fold (the two blends, then the served light's).
     */
    static void rules(String spec, double lamCam, double lamFilm, Path dir) throws Exception {
        long t0 = System.nanoTime();
        Stock st = Stock.of(dir);
        String selSpec = st.selected();
        System.out.printf(Locale.ROOT, "%s, selected %s: leave-one-light-out mean CIEDE2000 on training pairs (rules)%n", dir, selSpec);
        java.util.List<String> cols = new java.util.ArrayList<>(java.util.List.of("blend", "sel", "gblend"));
        for (double r : RS) {
            for (double a : AS) {
                cols.add(String.format(Locale.ROOT, "rp%.2f/%.2f", r, a));
            }
        }
        for (double r : new double[] {0, 0.5, 0.75, 1}) {
            cols.add(String.format(Locale.ROOT, "g%.2f", r));
        }
        for (double r : RS) {
            cols.add(String.format(Locale.ROOT, "gs%.2f", r));
        }
        double[] mean = new double[cols.size()];
        java.util.Map<String, double[]> rows = new java.util.LinkedHashMap<>();
        int n = 0;
        for (String light : st.train().illuminants()) {
            if (Illuminants.find(light).isEmpty()) {
                continue;
            }
            SpectralServing.Fold f = SpectralServing.fold(spec, lamCam, lamFilm, st.train(), light, st.lights(), st.refl());
            PairSet own = f.own();
            PairSet rest = st.train().filter(p -> !p.illuminant().equals(light));
            SpectralServedModel s = f.served();
            long g0 = System.nanoTime();
            SpectralServedModel g = SpectralServedModel.fit(null, f.sf(), rest, st.lights(), st.refl(), GRID, 0, 0);
            long g1 = System.nanoTime();
            double[] x = own.digital();
            double[] gsp = g.served(x, light, 0, 0);
            long g2 = System.nanoTime();
            double[] gr1 = g.served(x, light, 1, 0);
            double[] gb = g.blend().predict(x, light);
            ColourModel sel = without(dir.resolve("model"), light);
            double[] b = s.blend().predict(x, light);
            double[] se = sel.predict(x, light);
            double[] sp = s.served(x, light, 0, 0);
            double[] r1 = s.served(x, light, 1, 0);
            java.util.List<double[]> preds = new java.util.ArrayList<>(java.util.List.of(b, se, gb));
            for (double r : RS) {
                for (double a : AS) {
                    double[] p = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        p[i] = sp[i] + r * (r1[i] - sp[i]) + a * (se[i] - b[i]);
                    }
                    preds.add(p);
                }
            }
            for (double r : new double[] {0, 0.5, 0.75, 1}) {
                double[] p = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    p[i] = gsp[i] + r * (gr1[i] - gsp[i]);
                }
                preds.add(p);
            }
            for (double r : RS) {
                double[] p = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double synth = gsp[i] - (gr1[i] - gb[i]); // gr1 - gsp = gblend - gsynth
                    p[i] = gsp[i] + r * (se[i] - synth);
                }
                preds.add(p);
            }
            double[] row = new double[cols.size()];
            for (int q = 0; q < row.length; q++) {
                row[q] = SpectralServing.mean(own, preds.get(q));
                mean[q] += row[q];
            }
            rows.put(light, row);
            System.out.printf(Locale.ROOT, "  %s done: grid blends %.1f s, grid served light %.1f s%n", light, (g1 - g0) / 1e9,
                    (g2 - g1) / 1e9);
            n++;
        }
        System.out.printf(Locale.ROOT, "  %-12s", "rule");
        for (String l : rows.keySet()) {
            System.out.printf(Locale.ROOT, " %8s", l);
        }
        System.out.printf(Locale.ROOT, " %8s%n", "mean");
        for (int q = 0; q < cols.size(); q++) {
            System.out.printf(Locale.ROOT, "  %-12s", cols.get(q));
            for (double[] row : rows.values()) {
                System.out.printf(Locale.ROOT, " %8.3f", row[q]);
            }
            System.out.printf(Locale.ROOT, " %8.3f%n", mean[q] / n);
        }
        System.out.printf(Locale.ROOT, "  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Session 15 (helper gserve): the serving's cost, the old rule (root-polynomial fits, 0.5 / 0.5) against grid's
     * (grid fits, the selected model as the blend in c1069ca's classes, residual 0.75), back to back in one JVM
     * on the stock's train.csv and its model file's selected model and spectral model: the serving's fit (the finishing
     * step beside the spectral fit), then the first D55 and LED-V1 predictions of a 65^3 lattice (an export's bake:
     * the served light's fit on first use, then 274,625 colours). Thread CPU seconds (wall in brackets).
     */
    static void cost(Path dir) throws Exception {
        Stock st = Stock.of(dir);
        var model = ModelDirectory.load(dir.resolve("model")).model();
        if (!(model instanceof SpectralServedModel m)) {
            throw new IllegalStateException("not a spectral-served model: " + model.getClass());
        }
        var sel = m.inner();
        int n = 65;
        double[] x = new double[n * n * n * 3];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < n; l++) {
                    x[k++] = i / (n - 1.0);
                    x[k++] = j / (n - 1.0);
                    x[k++] = l / (n - 1.0);
                }
            }
        }
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            for (String rule : new String[] {"rp3 0.5/0.5", "grid 0.75"}) {
                long c0 = bean.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                SpectralServedModel s = rule.startsWith("rp3")
                        ? SpectralServedModel.fit(sel, m.spectral(), st.train(), st.lights(), st.refl(), SpectralServedModel.SPEC,
                        SpectralServedModel.RESIDUAL, SpectralServedModel.ADVANTAGE)
                        : SpectralServedModel.fit(sel, m.spectral(), st.train(), st.lights(), st.refl(), GRID, 0.75, 0);
                long c1 = bean.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                System.out.printf(Locale.ROOT, "  %s round %d: serving fit %.2f s (%.2f)", rule, round, (c1 - c0) / 1e9, (w1 - w0) / 1e9);
                for (String light : new String[] {"D55", "LED-V1"}) {
                    long c2 = bean.getCurrentThreadCpuTime();
                    long w2 = System.nanoTime();
                    s.predict(x, light);
                    System.out.printf(Locale.ROOT, ", first %s 65^3 %.2f s (%.2f)", light, (bean.getCurrentThreadCpuTime() - c2) / 1e9,
                            (System.nanoTime() - w2) / 1e9);
                }
                System.out.println();
            }
        }
    }

    /**
     * Session 15 (helper gserve): the rules on the stock's held-out unseen lights (heldout.csv, the model itself, no
     * cube; the "light L" lines' pairs: trained EVs, unclipped readings): {@code dir}'s model (written with grid's rule,
     * code at c1069ca) and OLD_MODEL (the same selection written with the old rule), per light: sel (the selected model's blend), old (as written), g r (grid's spec + r x (sel - grid's
     * synth)), and rp r/a from the old model (spec + r x (blend - synth) + a x (sel - blend)).
     */
    static void heldRules(Path dir) throws Exception {
        java.util.Set<Double> evs = new java.util.TreeSet<>(PairsCsv.read(dir.resolve("train.csv")).asList().stream()
                .map(emu.calibration.pairs.Pair::ev).toList());
        PairSet held = PairsCsv.read(dir.resolve("heldout.csv")).filter(p -> evs.contains(p.ev()) && !Fidelity.clipped(p));
        SpectralServedModel g = (SpectralServedModel) ModelDirectory.load(dir.resolve("model")).model();
        SpectralServedModel o = (SpectralServedModel) ModelDirectory.load(Path.of(System.getenv("OLD_MODEL"))).model();
        System.out.printf(Locale.ROOT, "%s: held-out unseen lights, the model itself (mean CIEDE2000)%n", dir);
        double[] gr = {0, 0.25, 0.5, 0.75, 1};
        double[][] ra = {{0.5, 0.5}, {0.5, 0.75}, {0.5, 1}, {0.25, 0.75}, {0, 1}};
        System.out.printf(Locale.ROOT, "  %-9s %6s %7s %6s", "light", "n", "sel", "old");
        for (double r : gr) {
            System.out.printf(Locale.ROOT, " %7s", String.format(Locale.ROOT, "g%.2f", r));
        }
        for (double[] q : ra) {
            System.out.printf(Locale.ROOT, " %9s", String.format(Locale.ROOT, "rp%.2f/%.2f", q[0], q[1]));
        }
        System.out.println();
        for (String light : held.illuminants()) {
            if (!g.spectrallyServed(light)) {
                continue;
            }
            PairSet own = held.filter(p -> p.illuminant().equals(light));
            double[] x = own.digital();
            double[] sel = g.inner().predict(x, light);
            System.out.printf(Locale.ROOT, "  %-9s %6d %7.3f %6.3f", light, own.size(), SpectralServing.mean(own, sel),
                    SpectralServing.mean(own, o.predict(x, light)));
            for (double r : gr) {
                System.out.printf(Locale.ROOT, " %7.3f", SpectralServing.mean(own, g.served(x, light, r, 0)));
            }
            for (double[] q : ra) {
                System.out.printf(Locale.ROOT, " %9.3f", SpectralServing.mean(own, o.served(x, light, q[0], q[1])));
            }
            System.out.println();
        }
    }

    /** The selected model of {@code modelDir} with {@code light}'s per-light models taken out (a copy in a temp dir). */
    static ColourModel without(Path modelDir, String light) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(modelDir.resolve(ModelDirectory.MODEL_FILE).toFile());
        // a model written with the spectral serving (the default since session 8) carries a spectral model fitted with
        // the light in: served from it the left-out light would leak; the selected model inside is what is compared
        if ("spectral-served".equals(root.path("model").path("type").asText())) {
            root.set("model", root.get("model").get("model"));
        }
        drop(root.get("model"), light);
        if (m.writeValueAsString(root.get("model")).contains("\"spectral-served\"")) {
            throw new IllegalStateException("a spectral serving below the top of " + modelDir + ": the left-out light would leak");
        }
        Path tmp = Files.createTempDirectory("loosel");
        // side files (a grid model's grid.bin per light, session 13) beside the edited model.json: linked, not copied
        try (var entries = Files.list(modelDir)) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                if (!e.getFileName().toString().equals(ModelDirectory.MODEL_FILE)) {
                    Files.createSymbolicLink(tmp.resolve(e.getFileName().toString()), e.toAbsolutePath());
                }
            }
        }
        m.writeValue(tmp.resolve(ModelDirectory.MODEL_FILE).toFile(), root);
        return ModelDirectory.load(tmp).model();
    }

    static void drop(JsonNode node, String light) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            if ("per-illuminant".equals(node.path("type").asText()) && node.get("models") instanceof ObjectNode models) {
                if (models.remove(light) == null) {
                    throw new IllegalStateException("no per-light model of " + light);
                }
            }
            node.forEach(c -> drop(c, light));
        } else if (node.isArray()) {
            node.forEach(c -> drop(c, light));
        }
    }
}
