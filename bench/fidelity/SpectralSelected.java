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

    static void run(String spec, double lamCam, double lamFilm, Path dir) throws Exception {
        long t0 = System.nanoTime();
        PairSet train = PairsCsv.read(dir.resolve("train.csv"));
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        Map<String, double[]> refl = SpectralServing.reflectances();
        String selSpec = ModelDirectory.load(dir.resolve("model")).metadata().spec();
        System.out.printf(Locale.ROOT, "%s, selected %s: leave-one-light-out mean CIEDE2000 on training pairs%n", dir, selSpec);
        String[] cols = {"blend", "sel", "spec+.5r", "+adv", "+.5adv", "sel+d", "sel+.5d"};
        System.out.printf(Locale.ROOT, "  %-8s", "light");
        for (String c : cols) {
            System.out.printf(Locale.ROOT, " %8s", c);
        }
        System.out.printf(Locale.ROOT, " %9s %8s%n", "digRMS%", "film dE");
        double[] mean = new double[cols.length];
        int n = 0;
        for (String light : train.illuminants()) {
            if (Illuminants.find(light).isEmpty()) {
                continue;
            }
            SpectralServing.Fold f = SpectralServing.fold(spec, lamCam, lamFilm, train, light, lights, refl);
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
            double clip = java.util.Arrays.stream(train.digital()).max().orElse(1);
            // the camera and film models' errors on the left-out light, its readings below 90% of the clip level
            SpectralHeldOut.diagnose(sf, own.filter(p -> java.util.Arrays.stream(p.digital()).max().orElse(0) < 0.9 * clip), refl);
            n++;
        }
        System.out.printf(Locale.ROOT, "  %-8s", "mean");
        for (double m : mean) {
            System.out.printf(Locale.ROOT, " %8.3f", m / n);
        }
        System.out.printf(Locale.ROOT, "%n  (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The selected model of {@code modelDir} with {@code light}'s per-light models taken out (a copy in a temp dir). */
    static ColourModel without(Path modelDir, String light) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(modelDir.resolve(ModelDirectory.MODEL_FILE).toFile());
        drop(root.get("model"), light);
        Path tmp = Files.createTempDirectory("loosel");
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
