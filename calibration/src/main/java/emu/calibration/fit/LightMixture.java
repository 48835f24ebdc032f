package emu.calibration.fit;

import emu.calibration.color.Illuminant;
import emu.calibration.color.Illuminants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves a light a per-light model was not trained on from its spectrum: the unseen light's
 * spectral power distribution (SPD) is written as a non-negative mixture of the trained lights'
 * SPDs, S* ~ sum_k w_k S_k (w_k >= 0, least squares over the 380-780 nm grid, every SPD at unit
 * luminance), and the film prediction is the same mixture of the trained lights' predictions.
 *
 * <p>Why a mixture of spectra: camera and film integrate light x reflectance x their
 * sensitivities, which is linear in the light, so under a light that IS such a mixture every
 * patch's camera and film exposures are the same mixture of the trained lights' exposures
 * (exactly, before the film's tone curve); metamerism follows the spectrum's shape, which the
 * mixture matches wavelength by wavelength, not the chromaticity alone (bench/RESULTS.md:
 * 4000 K and FL11 share a chromaticity, not a mapping). D55 comes out as about half D50 and half
 * D65; a blue-pumped LED as a daylight plus a line-spectrum lamp.
 *
 * <p>Chosen over the former inverse-distance blend of the two nearest same-family lights and over
 * a Gaussian kernel on band energies by leave-one-light-out on training pairs only
 * (bench/RESULTS.md, "unseen lights from spectra"); nothing here is tuned: no bandwidth, no
 * ridge, the grid is the CIE tables' own.
 */
final class LightMixture {

    /** Weights below this share are dropped (each kept light costs one model evaluation per pixel). */
    static final double MIN_SHARE = 0.01;

    private final List<String> lights;
    private final double[][] spectra;

    private LightMixture(List<String> lights, double[][] spectra) {
        this.lights = lights;
        this.spectra = spectra;
    }

    /**
     * The mixture basis of {@code trained}: those whose spectrum {@code spectrum} knows (others,
     * e.g. a studio lamp named by the user, cannot take part).
     */
    static LightMixture of(List<String> trained, Function<String, Optional<double[]>> spectrum) {
        List<String> names = new ArrayList<>();
        List<double[]> spds = new ArrayList<>();
        for (String t : trained) {
            Optional<double[]> s = spectrum.apply(t);
            if (s.isPresent()) {
                names.add(t);
                spds.add(s.get());
            }
        }
        return new LightMixture(List.copyOf(names), spds.toArray(new double[0][]));
    }

    /**
     * The unit-luminance spectrum of the light called {@code name} from the illuminant registry,
     * or empty when the registry knows no spectrum for it (a user's own lamp name).
     */
    static Optional<double[]> registry(String name) {
        return Illuminants.find(name).map(Illuminant::unitLuminanceSpd);
    }

    /** The trained lights that have a spectrum. */
    List<String> lights() {
        return lights;
    }

    /**
     * The mixture weights (summing to 1, each at least {@link #MIN_SHARE}) for a light of
     * spectrum {@code target}, or empty when no trained light has a spectrum.
     */
    Optional<Map<String, Double>> weights(double[] target) {
        if (lights.isEmpty()) {
            return Optional.empty();
        }
        double[] w = nnls(spectra, target);
        double total = 0;
        for (double v : w) {
            total += v;
        }
        if (!(total > 0)) {
            // Orthogonal to every trained spectrum (impossible for real lights): the nearest one.
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int k = 0; k < spectra.length; k++) {
                double d = 0;
                for (int i = 0; i < target.length; i++) {
                    d += (spectra[k][i] - target[i]) * (spectra[k][i] - target[i]);
                }
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            return Optional.of(Map.of(lights.get(best), 1.0));
        }
        Map<String, Double> kept = new LinkedHashMap<>();
        double keptTotal = 0;
        for (int k = 0; k < w.length; k++) {
            if (w[k] / total >= MIN_SHARE) {
                kept.put(lights.get(k), w[k]);
                keptTotal += w[k];
            }
        }
        double t = keptTotal;
        kept.replaceAll((k, v) -> v / t);
        return Optional.of(Collections.unmodifiableMap(kept));
    }

    /**
     * Non-negative least squares min |sum_k w_k a_k - y|^2, w >= 0, by cyclic coordinate descent
     * on the normal equations (each step minimises exactly in one weight and projects on w >= 0;
     * converges for a positive semi-definite Gram matrix: Luo and Tseng 1992, J. Optim. Theory
     * Appl. 72(1)). With a handful of lights this is microseconds; deterministic.
     */
    static double[] nnls(double[][] a, double[] y) {
        int k = a.length;
        double[][] g = new double[k][k];
        double[] h = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                g[i][j] = dot(a[i], a[j]);
            }
            h[i] = dot(a[i], y);
        }
        double[] w = new double[k];
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double change = 0;
            for (int i = 0; i < k; i++) {
                if (!(g[i][i] > 0)) {
                    continue;
                }
                double grad = -h[i];
                for (int j = 0; j < k; j++) {
                    grad += g[i][j] * w[j];
                }
                double next = Math.max(0, w[i] - grad / g[i][i]);
                change = Math.max(change, Math.abs(next - w[i]));
                w[i] = next;
            }
            if (change < 1e-13) {
                break;
            }
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
