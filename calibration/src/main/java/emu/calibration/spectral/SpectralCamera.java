package emu.calibration.spectral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The camera's spectral model: digital_c = s_L 2^ev Σ_λ R(λ) L(λ) S_c(λ), S_c on the 81-sample grid (effective: white
 * balance and matrix included, so any sign), second-difference smoothness penalty (Whittaker smoother, Eilers 2003),
 * relative errors; s_L a per-light scale (the camera's metering). An unseen light gets its scale from the metering rule
 * of the pairs' input contract (18% grey reads luminance 0.18 at EV 0), {@link #meteredScale}.
 */
public final class SpectralCamera {
    static final double[] LUMA = {0.2126, 0.7152, 0.0722};
    private static final int N = SpectralModel.N;

    final double[][] cam = new double[3][];
    final Map<String, Double> scale = new LinkedHashMap<>();
    /** Readings the fit left out: off it by more than 5% (clipped: a training CSV may keep them). */
    private int dropped;

    private SpectralCamera() {}

    /** Fits the sensitivities and the per-light scales on {@code all}; {@code lam}: smoothness relative to the data term. */
    static SpectralCamera fit(List<SpectralSample> all, double lam) {
        SpectralCamera m = new SpectralCamera();
        // Start from the darker half (a clipped reading is a bright one), then keep what the fit explains within 5%,
        // three rounds: a CSV with clipped readings (the evaluator's) must not bend the sensitivities.
        double[] ys = all.stream().mapToDouble(SpectralCamera::luminance).sorted().toArray();
        double median = ys[ys.length / 2];
        List<SpectralSample> kept = all.stream().filter(s -> luminance(s) <= median).toList();
        for (int round = 0; round < 4; round++) {
            m.fit(kept, lam, 8);
            List<SpectralSample> next = new ArrayList<>();
            for (SpectralSample s : all) {
                double[] d = m.digital(s.rl(), s.ev(), m.scale.get(s.light()));
                boolean off = false;
                for (int c = 0; c < 3; c++) {
                    off |= Math.abs(d[c] - s.d()[c]) > 0.05 * (Math.max(luminance(s), 0) + 0.01);
                }
                if (!off) {
                    next.add(s);
                }
            }
            kept = next;
        }
        m.fit(kept, lam, 8);
        m.dropped = all.size() - kept.size();
        return m;
    }

    static double luminance(SpectralSample s) {
        return LUMA[0] * s.d()[0] + LUMA[1] * s.d()[1] + LUMA[2] * s.d()[2];
    }

    private void fit(List<SpectralSample> samples, double lam, int iterations) {
        Map<String, List<SpectralSample>> by = SpectralModel.byLight(samples);
        by.keySet().forEach(l -> scale.put(l, 1.0));
        double[][] pen = SpectralAlgebra.penalty();
        for (int it = 0; it < iterations; it++) {
            for (int c = 0; c < 3; c++) {
                double[][] h = new double[N][N];
                double[] b = new double[N];
                SpectralNormal ne = new SpectralNormal(h, b);
                for (SpectralSample s : samples) {
                    double k = scale.get(s.light()) * Math.pow(2, s.ev());
                    double w = weight(s);
                    ne.add(s.rl(), k, w, s.d()[c]);
                }
                ne.flush();
                cam[c] = SpectralAlgebra.solve(SpectralAlgebra.addPenalty(h, pen, lam), b, false);
            }
            for (String l : by.keySet()) { // s_L by least squares, then the geometric mean of s fixed at 1
                double num = 0;
                double den = 0;
                for (SpectralSample s : by.get(l)) {
                    for (int c = 0; c < 3; c++) {
                        double q = Math.pow(2, s.ev()) * SpectralAlgebra.dot(s.rl(), cam[c]);
                        num += weight(s) * q * s.d()[c];
                        den += weight(s) * q * q;
                    }
                }
                scale.put(l, num / den);
            }
            double gm = Math.exp(scale.values().stream().mapToDouble(Math::log).average().orElse(0));
            scale.replaceAll((l, v) -> v / gm);
            for (double[] sc : cam) {
                for (int i = 0; i < N; i++) {
                    sc[i] *= gm;
                }
            }
        }
    }

    /** Relative errors: each reading weighted by 1 / (its luminance + 0.01)². */
    static double weight(SpectralSample s) {
        double y = LUMA[0] * s.d()[0] + LUMA[1] * s.d()[1] + LUMA[2] * s.d()[2];
        return 1 / Math.pow(Math.max(y, 0) + 0.01, 2);
    }

    /** The metering rule: the scale at which a flat 18% grey under {@code spd} reads luminance 0.18 at EV 0. */
    public double meteredScale(double[] spd) {
        double y = 0;
        for (int c = 0; c < 3; c++) {
            y += LUMA[c] * SpectralAlgebra.dot(spd, cam[c]);
        }
        return 1 / y;
    }

    /** Digital RGB of R·L ({@code rl}) at {@code ev} with the light's scale {@code s}. */
    public double[] digital(double[] rl, double ev, double s) {
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = s * Math.pow(2, ev) * SpectralAlgebra.dot(rl, cam[c]);
        }
        return out;
    }

    /** The fitted scale of each trained light, in fit order. */
    public Map<String, Double> scales() {
        return Collections.unmodifiableMap(scale);
    }

    /** How many training readings the fit left out (off it by more than 5%). */
    public int dropped() {
        return dropped;
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int c = 0; c < 3; c++) {
            Json.putArray(o, "sensitivity" + "RGB".charAt(c), cam[c]);
        }
        ObjectNode s = o.putObject("scales");
        scale.forEach(s::put);
        o.put("dropped", dropped);
        return o;
    }

    static SpectralCamera fromJson(JsonNode o) {
        SpectralCamera m = new SpectralCamera();
        for (int c = 0; c < 3; c++) {
            m.cam[c] = SpectralModel.grid(Json.doubles(Json.required(o, "sensitivity" + "RGB".charAt(c))), "camera sensitivity");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = Json.required(o, "scales").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.scale.put(e.getKey(), e.getValue().asDouble());
        }
        m.dropped = Json.required(o, "dropped").asInt();
        return m;
    }
}
