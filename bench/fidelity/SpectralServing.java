import emu.calibration.color.Illuminants;
import emu.calibration.fit.Evaluation;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.fit.SpectralServedModel;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.spectral.SpectralModel;
import emu.calibration.spectral.SpectralOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 24, session 7 (bench study): an untrained light served from a spectral model of the camera and
 * the film (calibration's {@link SpectralModel}, where the study's fit now lives) estimated from the training pairs, the patches' reflectances (ColorChecker 24
 * and AMPAS 190, named by the pairs' {@code patch} column) and the trained lights' SPDs. For the light U, pairs
 * are synthesised for the training reflectances at the trained EVs and a per-light model ({@code SPEC}, the
 * station's own fitter) fitted on them ("spectral"); "spec+res" adds the blend of the trained lights' residuals
 * (their real per-light models minus models fitted on their synthetic pairs, the shipped blend's weights).
 * Compared with the shipped blend of the nearest trained lights' models ({@code SPEC}'s per-light candidate). The
 * serving itself is the product's {@link SpectralServedModel} ({@code station fit --unseen spectral}); {@code SPEC} must
 * be its {@link SpectralServedModel#SPEC}.
 *
 * <p>Training side only ({@code loo}): each trained light with a known SPD is left out; the spectral
 * models and the per-light models are fitted on the other lights' pairs and the left-out light's own
 * training pairs predicted. Also printed: the spectral models' own fit quality per light.
 *
 * <p>Held out ({@code heldout}): fitted on all the training pairs, each unseen light of the stock's
 * {@code heldout.csv} (trained EVs, unclipped readings) scored through a 33³ (FID_SIZE) acescct cube baked from the
 * served model, as bench/fidelity/Fidelity.java scores the "lights" protocol.
 *
 * <p>Usage: {@code bench/fidelity/spectral.sh loo|heldout SPEC LAMCAM LAMFILM STOCK_DIR...} (a
 * bench/fidelity/run.sh stock directory: train.csv, heldout.csv).
 */
public class SpectralServing {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String spec = args[1];
        double lamCam = Double.parseDouble(args[2]);
        double lamFilm = Double.parseDouble(args[3]);
        for (int i = 4; i < args.length; i++) {
            Path dir = Path.of(args[i]);
            if (mode.equals("loo")) {
                loo(spec, lamCam, lamFilm, dir);
            } else if (mode.equals("heldrules")) {
                SpectralSelected.heldRules(dir);
            } else if (mode.equals("cost")) {
                SpectralSelected.cost(dir);
            } else if (mode.equals("loorules")) {
                SpectralSelected.rules(spec, lamCam, lamFilm, dir);
            } else if (mode.equals("loosel")) {
                SpectralSelected.run(spec, lamCam, lamFilm, dir);
            } else {
                SpectralHeldOut.run(spec, lamCam, lamFilm, dir);
            }
        }
    }

    static final double[] LUMA = {0.2126, 0.7152, 0.0722};

    /** Reflectances by patch id: ColorChecker 24 and AMPAS 190 (calibration's tables). */
    static Map<String, double[]> reflectances() {
        return SpectralModel.chartReflectances();
    }

    static double[] spd(String light) {
        return SpectralModel.spd(light);
    }

    /**
     * The product's spectral fit ({@link SpectralOptions#defaults()} with these smoothness weights); SPECTRAL_FIT=s7 the
     * session-7 joint film fit ({@link SpectralOptions#session7()}), SPECTRAL_FIT=staged the staged one alone; SPECTRAL_GAMMA=0 (no per-roll contrast),
     * SPECTRAL_DIR=0 (no crosstalk through the readings) and SPECTRAL_ROLL_RIDGE=r (default 100) redo the study's ablations.
     */
    static SpectralModel fit(PairSet train, Map<String, double[]> refl, double lamCam, double lamFilm) {
        String which = System.getenv().getOrDefault("SPECTRAL_FIT", "");
        SpectralOptions d = which.equals("s7") ? SpectralOptions.session7()
                : which.equals("staged") ? SpectralOptions.defaults().withStaged(SpectralOptions.defaults().staged())
                : SpectralOptions.defaults();
        SpectralOptions opt = new SpectralOptions(lamCam, lamFilm, d.iterations(), !"0".equals(System.getenv("SPECTRAL_GAMMA")),
                !"0".equals(System.getenv("SPECTRAL_DIR")),
                Double.parseDouble(System.getenv().getOrDefault("SPECTRAL_ROLL_RIDGE", "100")), d.staged(), d.choose());
        return SpectralModel.fit(train, refl, opt);
    }

    /** The product's spectral serving (calibration's {@link SpectralServedModel}: the study's spec+res, moved there). */
    static SpectralServedModel served(String spec, SpectralModel sf, PairSet train, IlluminantFeatures lights,
                                      Map<String, double[]> refl) {
        if (!spec.equals(SpectralServedModel.SPEC)) {
            throw new IllegalArgumentException("the spectral serving fits " + SpectralServedModel.SPEC + ", got " + spec);
        }
        return SpectralServedModel.fit(null, sf, train, lights, refl);
    }

    static final double[] RES = {0, 0.5, 1};

    static void loo(String spec, double lamCam, double lamFilm, Path dir) throws Exception {
        PairSet train = PairsCsv.read(dir.resolve("train.csv"));
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        Map<String, double[]> refl = reflectances();
        long t0 = System.nanoTime();
        fitQuality(fit(train, refl, lamCam, lamFilm), train, refl);
        System.out.printf(Locale.ROOT, "%s, %s, lam %.0e/%.0e: leave-one-light-out mean CIEDE2000 on training pairs%n", dir, spec,
                lamCam, lamFilm);
        System.out.printf(Locale.ROOT, "  %-8s %8s %8s %8s %8s %9s%n", "light", "blend", "spectral", "spec+.5r", "spec+1r",
                "physics");
        double[] mean = new double[RES.length + 2];
        int n = 0;
        for (String light : train.illuminants()) {
            if (Illuminants.find(light).isEmpty()) {
                continue;
            }
            Fold f = fold(spec, lamCam, lamFilm, train, light, lights, refl);
            PairSet own = f.own();
            SpectralModel sf = f.sf();
            SpectralServedModel s = f.served();
            double[] row = new double[RES.length + 2];
            row[0] = mean(own, s.blend().predict(own.digital(), light));
            for (int r = 0; r < RES.length; r++) {
                row[1 + r] = mean(own, s.served(light, RES[r]).predict(own.digital(), light));
            }
            row[RES.length + 1] = mean(own, physics(sf, own, refl, null));
            System.out.printf(Locale.ROOT, "  %-8s", light);
            for (int q = 0; q < row.length; q++) {
                System.out.printf(Locale.ROOT, " %8.3f", row[q]);
                mean[q] += row[q];
            }
            System.out.println();
            n++;
        }
        System.out.printf(Locale.ROOT, "  %-8s", "mean");
        for (double m : mean) {
            System.out.printf(Locale.ROOT, " %8.3f", m / n);
        }
        System.out.printf(Locale.ROOT, "%n  (physics: the film model's own prediction from reflectance and SPD, no digital reading;"
                + " %.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** One leave-one-light-out fold: {@code light}'s own pairs, the spectral model and serving fitted without them. */
    record Fold(PairSet own, SpectralModel sf, SpectralServedModel served) {}

    static Fold fold(String spec, double lamCam, double lamFilm, PairSet train, String light, IlluminantFeatures lights,
                     Map<String, double[]> refl) {
        PairSet rest = train.filter(p -> !p.illuminant().equals(light));
        SpectralModel sf = fit(rest, refl, lamCam, lamFilm);
        return new Fold(train.filter(p -> p.illuminant().equals(light)), sf, served(spec, sf, rest, lights, refl));
    }

    /** The film model's prediction for each pair's reflectance under its light ({@code light}: roll offset, or null). */
    static double[] physics(SpectralModel sf, PairSet ps, Map<String, double[]> refl, String light) {
        double[] out = new double[ps.size() * 3];
        for (int i = 0; i < ps.size(); i++) {
            Pair p = ps.get(i);
            double[] f = sf.film().film(SpectralModel.rl(refl.get(p.patch()), spd(p.illuminant())), p.ev(), light);
            System.arraycopy(f, 0, out, 3 * i, 3);
        }
        return out;
    }

    /** Per trained light: the camera model's relative RMS error, its scale against the metering rule, the film model's dE. */
    static void fitQuality(SpectralModel sf, PairSet train, Map<String, double[]> refl) {
        System.out.println("  spectral fit on all the trained lights with an SPD: per light");
        System.out.printf(Locale.ROOT, "  %-8s %9s %8s %8s %10s %10s%n", "light", "digRMS%", "s_L", "s_rule", "film dE", "no offset");
        System.out.println("  (digRMS%: over the readings within 5%, the ones the camera fit kept)");
        for (Map.Entry<String, PairSet> e : train.byIlluminant().entrySet()) {
            String l = e.getKey();
            if (Illuminants.find(l).isEmpty()) {
                continue;
            }
            PairSet ps = e.getValue().filter(p -> refl.containsKey(p.patch()));
            double se = 0;
            int kept = 0;
            for (Pair p : ps) { // the readings the camera fit kept (within 5%): clipped ones say nothing of it
                double[] d = sf.camera().digital(SpectralModel.rl(refl.get(p.patch()), spd(l)), p.ev(), sf.camera().scales().get(l));
                double y = LUMA[0] * p.digitalR() + LUMA[1] * p.digitalG() + LUMA[2] * p.digitalB();
                double e2 = 0;
                boolean off = false;
                for (int c = 0; c < 3; c++) {
                    double r = (d[c] - p.digital()[c]) / (Math.max(y, 0) + 0.01);
                    e2 += r * r;
                    off |= Math.abs(r) > 0.05;
                }
                if (!off) {
                    se += e2;
                    kept++;
                }
            }
            System.out.printf(Locale.ROOT, "  %-8s %9.2f %8.4f %8.4f %10.3f %10.3f%n", l, 100 * Math.sqrt(se / (3 * kept)),
                    sf.camera().scales().get(l), sf.camera().meteredScale(spd(l)), mean(ps, physics(sf, ps, refl, l)),
                    mean(ps, physics(sf, ps, refl, null)));
        }
        System.out.printf(Locale.ROOT, "  crosstalk A: %s, K: %s; camera fit left out %d readings (off by > 5%%)%n",
                Arrays.deepToString(round(sf.film().crosstalk())), Arrays.deepToString(round(sf.film().throughReadings())),
                sf.camera().dropped());
    }

    static double[][] round(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.stream(a[i]).map(v -> Math.round(v * 1000) / 1000.0).toArray();
        }
        return out;
    }

    static double mean(PairSet ps, double[] pred) {
        return Arrays.stream(Evaluation.deltaE(ps, pred)).average().orElse(Double.NaN);
    }
}
