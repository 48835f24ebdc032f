import emu.calibration.color.Illuminants;
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.IlluminantFeatures;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.SpectralServedModel;
import emu.calibration.lut.LutBaker;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.spectral.SpectralModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The held-out half of {@link SpectralServing}: spectral models fitted on all the training pairs, every
 * unseen light of {@code heldout.csv} (trained EVs, unclipped readings: the bench's "lights" protocol) served
 * by the spectral model (with 0 / 0.5 / 1 of the blend's residual) and scored through a 33³ (FID_SIZE) acescct cube
 * baked from it as bench/fidelity/Fidelity.java does; beside it the stock's selected model ({@code model/},
 * the product's serving) through its own cube, and the blend of the per-light SPEC models.
 */
final class SpectralHeldOut {
    private SpectralHeldOut() {}

    static void run(String spec, double lamCam, double lamFilm, Path dir) throws Exception {
        long t0 = System.nanoTime();
        PairSet train = PairsCsv.read(dir.resolve("train.csv"));
        PairSet held = PairsCsv.read(dir.resolve("heldout.csv"));
        ColourModel product = ModelDirectory.load(dir.resolve("model")).model();
        IlluminantFeatures lights = IlluminantFeatures.from(train);
        Map<String, double[]> refl = SpectralServing.reflectances();
        SpectralModel sf = SpectralServing.fit(train, refl, lamCam, lamFilm);
        double fitS = (System.nanoTime() - t0) / 1e9;
        SpectralServedModel s = SpectralServing.served(spec, sf, train, lights, refl);
        List<Double> evs = train.asList().stream().map(Pair::ev).distinct().toList();
        InputEncoding enc = InputEncoding.get("acescct");
        System.out.printf(Locale.ROOT, "%s, %s, lam %.0e/%.0e: held-out unseen lights, mean CIEDE2000 of %d^3 acescct cubes"
                + " (trained EVs, unclipped)%n", dir, spec, lamCam, lamFilm, Fidelity.SIZE);
        System.out.printf(Locale.ROOT, "  %-8s %5s %8s %8s %8s %8s %8s %9s %8s%n", "light", "n", "product", "blend", "spectral",
                "spec+.5r", "spec+1r", "digRMS%", "film dE");
        double[] sum = new double[5];
        int total = 0;
        for (String light : held.illuminants()) {
            if (train.illuminants().contains(light) || Illuminants.find(light).isEmpty()) {
                continue;
            }
            PairSet ps = held.filter(p -> p.illuminant().equals(light) && evs.contains(p.ev()) && !p.frame().startsWith("clip"));
            List<ColourModel> models = new ArrayList<>(List.of(product, s.blend()));
            for (double r : SpectralServing.RES) {
                models.add(s.served(light, r));
            }
            System.out.printf(Locale.ROOT, "  %-8s %5d", light, ps.size());
            for (int m = 0; m < models.size(); m++) {
                double[] pred = Fidelity.applyCube(LutBaker.bake(models.get(m), light, enc, Fidelity.SIZE).lut(), enc, ps);
                double de = SpectralServing.mean(ps, pred);
                sum[m] += de * ps.size();
                System.out.printf(Locale.ROOT, " %8.3f", de);
            }
            total += ps.size();
            diagnose(sf, ps, refl);
        }
        System.out.printf(Locale.ROOT, "  %-8s %5d", "lights", total);
        for (double v : sum) {
            System.out.printf(Locale.ROOT, " %8.3f", v / total);
        }
        System.out.printf(Locale.ROOT, "%n  (digRMS%%, film dE: diagnostic only, the camera and film models' own predictions for the"
                + " held-out pairs with a known reflectance, AMPAS patches; the film model without roll offset)");
        System.out.printf(Locale.ROOT, "%n  (spectral fit %.1f s, film fitted %s, camera fit left out %d of %d readings, all %.0f s)%n",
                fitS, sf.film().staged() ? "staged" : "jointly", sf.camera().dropped(), SpectralModel.samples(train, refl).size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The camera model's relative RMS error and the film model's mean dE on {@code ps}'s pairs with a known reflectance. */
    static void diagnose(SpectralModel sf, PairSet ps, Map<String, double[]> refl) {
        PairSet known = ps.filter(p -> refl.containsKey(p.patch()));
        double se = 0;
        for (Pair p : known) {
            double[] spd = SpectralServing.spd(p.illuminant());
            double[] d = sf.camera().digital(SpectralModel.rl(refl.get(p.patch()), spd), p.ev(), sf.camera().meteredScale(spd));
            double y = SpectralServing.LUMA[0] * p.digitalR() + SpectralServing.LUMA[1] * p.digitalG() + SpectralServing.LUMA[2] * p.digitalB();
            for (int c = 0; c < 3; c++) {
                se += Math.pow((d[c] - p.digital()[c]) / (y + 0.01), 2);
            }
        }
        System.out.printf(Locale.ROOT, " %9.2f %8.3f%n", 100 * Math.sqrt(se / (3 * known.size())),
                SpectralServing.mean(known, SpectralServing.physics(sf, known, refl, null)));
    }
}
