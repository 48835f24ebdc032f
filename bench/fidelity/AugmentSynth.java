import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.spectral.SpectralModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The synthetic off-chart pairs of bench/fidelity/Augment.java: the mixtures and three ways to synthesise a TRAINED
 * light's pairs for them (AUG_ROLL): {@code met} (default) as {@link SpectralModel#synthesise} (the metering rule's
 * scale, no roll shift: how unseen lights are served); {@code own} the light's fitted camera scale and its roll's fitted
 * film shift; {@code res} as {@code own} plus the mixture of the components' own residuals (each component's real
 * training pair at that light and EV minus the model's pair for it, digital and film, with the mixture's weights), so a
 * mixture that is one chart patch gives back its real pair: the spectral model supplies only the DIFFERENCE between a
 * mixture and its components (the idea of SpectralServedModel's residual, here within a trained light).
 */
final class AugmentSynth {
    /** A mixture: its reflectance, its components and their weights (summing to 1). */
    record Mix(double[] r, List<String> ids, double[] w) {}

    private AugmentSynth() {}

    /**
     * M convex mixtures of two or three distinct training-fold reflectances, weights uniform on the simplex (normalised
     * exponentials), in a fixed order so a smaller w takes a prefix of a larger one's.
     */
    static Map<String, Mix> mixtures(PairSet train, Map<String, double[]> chart, int m, long seed) {
        List<String> ids = train.patches().stream().filter(chart::containsKey).sorted().toList();
        Random rnd = new Random(seed);
        Map<String, Mix> out = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            int n = 2 + rnd.nextInt(2);
            List<String> pick = new ArrayList<>(ids);
            Collections.shuffle(pick, rnd);
            double[] w = new double[n];
            double sum = 0;
            for (int j = 0; j < n; j++) {
                w[j] = -Math.log(1 - rnd.nextDouble());
                sum += w[j];
            }
            double[] r = new double[SpectralModel.N];
            for (int j = 0; j < n; j++) {
                w[j] /= sum;
                double[] src = chart.get(pick.get(j));
                for (int b = 0; b < r.length; b++) {
                    r[b] += w[j] * src[b];
                }
            }
            out.put("mix-" + i, new Mix(r, List.copyOf(pick.subList(0, n)), w));
        }
        return out;
    }

    /** The first {@code n} mixtures. */
    static Map<String, Mix> first(Map<String, Mix> mix, int n) {
        Map<String, Mix> out = new LinkedHashMap<>();
        for (Map.Entry<String, Mix> e : mix.entrySet()) {
            if (out.size() == n) {
                break;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** {@code light}'s synthetic pairs for {@code mix} at {@code evs}, readings brighter than {@code clip} left out. */
    static List<Pair> synthesise(String mode, SpectralModel sf, PairSet train, String light, Map<String, Mix> mix,
                                 Map<String, double[]> chart, List<Double> evs, double clip) {
        double[] spd = SpectralModel.spd(light);
        if (mode.equals("met")) {
            Map<String, double[]> refl = new LinkedHashMap<>();
            mix.forEach((id, x) -> refl.put(id, x.r()));
            return sf.synthesise(light, spd, refl, evs, clip);
        }
        boolean res = mode.equals("res");
        if (!res && !mode.equals("own")) {
            throw new IllegalArgumentException("AUG_ROLL: met, own or res, got '" + mode + "'");
        }
        Map<String, Pair> real = new HashMap<>();
        for (Pair p : train) {
            if (p.illuminant().equals(light)) {
                real.put(p.patch() + "@" + p.ev(), p);
            }
        }
        double s = sf.camera().scales().get(light);
        List<Pair> out = new ArrayList<>();
        for (double ev : evs) {
            next:
            for (Map.Entry<String, Mix> e : mix.entrySet()) {
                double[] rl = SpectralModel.rl(e.getValue().r(), spd);
                double[] d = sf.camera().digital(rl, ev, s);
                double[] f = sf.film().film(rl, ev, light);
                for (int j = 0; res && j < e.getValue().ids().size(); j++) {
                    String id = e.getValue().ids().get(j);
                    Pair p = real.get(id + "@" + ev);
                    if (p == null) { // a component without a real pair here (clipped, stuck): no residual known
                        continue next;
                    }
                    double[] rlj = SpectralModel.rl(chart.get(id), spd);
                    double[] dj = sf.camera().digital(rlj, ev, s);
                    double[] fj = sf.film().film(rlj, ev, light);
                    double w = e.getValue().w()[j];
                    for (int c = 0; c < 3; c++) {
                        d[c] += w * (p.digital()[c] - dj[c]);
                        f[c] += w * (p.film()[c] - fj[c]);
                    }
                }
                if (Math.max(d[0], Math.max(d[1], d[2])) > clip) {
                    continue;
                }
                out.add(new Pair("syn", "syn", light, ev, e.getKey(), d[0], d[1], d[2], f[0], f[1], f[2]));
            }
        }
        return out;
    }
}
