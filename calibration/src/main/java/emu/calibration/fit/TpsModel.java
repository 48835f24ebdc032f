package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.LogShaper;
import emu.calibration.pairs.PairSet;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A thin-plate spline from log exposure to film values, fitted by {@link TpsFitter}:
 * film_c(s) = sum_t a_tc q_t(s, light) + sum_j w_jc |s - kappa_j|, s = the shaped digital RGB
 * ({@link LogShaper#DEFAULT}, about log2 stops), kappa_j the centres. |r| is the thin-plate
 * kernel in three dimensions (Duchon 1977; Wahba 1990, "Spline Models for Observational Data",
 * eq. 2.4.9: r^(2m-d) for odd d, m = 2). The affine part q = [1, s] is, for a conditional model,
 * multiplied out with the light's chromaticity feature [1, u, v] ({@link IlluminantFeatures}), so
 * the model takes the light as a continuous input; the warp (the kernel part) is shared.
 *
 * <p>With a trend ({@code tps:trend=...}, {@link TpsTrend}) the film value is the trend's plus the spline
 * above, which then models the trend's residuals.
 *
 * <p>Film values are clamped to [0, 1], the range a scan delivers: an affine extrapolation past
 * the brightest training exposure must not run past the film's shoulder.
 */
final class TpsModel implements FittedModel {

    private static final LogShaper SHAPER = LogShaper.DEFAULT;

    private final String spec;
    private final double[] centres;
    private final double[] affine;
    private final double[] weights;
    private final double[] lambdas;
    private final IlluminantFeatures illuminants;
    private final List<String> trained;
    private final FittedModel trend;

    /**
     * @param affine row-major (4 x (1 + features)) x 3
     * @param weights row-major k x 3 kernel weights
     * @param lambdas the smoothing chosen per output channel (reported, not used to predict)
     * @param trend the parametric trend the spline is added to ({@link TpsTrend}), or null
     */
    TpsModel(String spec, double[] centres, double[] affine, double[] weights, double[] lambdas,
             IlluminantFeatures illuminants, List<String> trained, FittedModel trend) {
        this.trend = trend;
        this.spec = spec;
        this.centres = centres;
        this.affine = affine;
        this.weights = weights;
        this.lambdas = lambdas;
        this.illuminants = illuminants;
        this.trained = List.copyOf(trained);
        if (weights.length != centres.length || affine.length != 12 * (illuminants == null ? 1 : 3)) {
            throw new IllegalArgumentException("model file: tps has " + weights.length / 3 + " weights for "
                    + centres.length / 3 + " centres and " + affine.length + " affine values");
        }
    }

    /** Number of affine columns for a light feature of {@code features} values. */
    static int affineWidth(int features) {
        return 4 * (1 + features);
    }

    /** The affine columns [1, s] (x) [1, f] for shaped {@code s} and light feature {@code f} (null: none). */
    static void affineRow(double a, double b, double c, double[] f, double[] out, int off) {
        out[off] = 1;
        out[off + 1] = a;
        out[off + 2] = b;
        out[off + 3] = c;
        if (f != null) {
            for (int j = 0; j < f.length; j++) {
                for (int t = 0; t < 4; t++) {
                    out[off + 4 * (j + 1) + t] = out[off + t] * f[j];
                }
            }
        }
    }

    /** The thin-plate kernel |s - kappa_j| for every centre. */
    static void kernelRow(double a, double b, double c, double[] centres, double[] out, int off) {
        for (int j = 0; j < centres.length / 3; j++) {
            double da = a - centres[3 * j];
            double db = b - centres[3 * j + 1];
            double dc = c - centres[3 * j + 2];
            out[off + j] = Math.sqrt(da * da + db * db + dc * dc);
        }
    }

    /**
     * The digital RGB of {@code pairs} (row-major n x 3) shaped by {@link #shape}, as the spline and the lattice
     * ({@link GridFitter}) take them; refuses fewer than 12 pairs naming {@code fitter}.
     */
    static double[] shapedInputs(PairSet pairs, String fitter) {
        if (pairs.size() < 12) {
            throw new IllegalArgumentException(fitter + ": need at least 12 pairs, got " + pairs.size());
        }
        double[] s = pairs.digital();
        for (int i = 0; i < s.length; i++) {
            s[i] = shape(s[i]);
        }
        return s;
    }

    static double shape(double x) {
        return SHAPER.forward(x);
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        if (digitalRgb.length % 3 != 0) {
            throw new IllegalArgumentException("digital RGB length " + digitalRgb.length + " is not a multiple of 3");
        }
        double[] f = illuminants == null ? null : illuminants.feature(illuminant);
        int n = digitalRgb.length / 3;
        int k = centres.length / 3;
        int pa = affineWidth(f == null ? 0 : f.length);
        double[] out = new double[digitalRgb.length];
        double[] base = trend == null ? null : trend.predict(digitalRgb, illuminant);
        IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
            double[] qa = new double[pa];
            double[] qk = new double[k];
            int end = Math.min(n, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++) {
                double a = shape(digitalRgb[3 * i]);
                double b = shape(digitalRgb[3 * i + 1]);
                double c = shape(digitalRgb[3 * i + 2]);
                affineRow(a, b, c, f, qa, 0);
                kernelRow(a, b, c, centres, qk, 0);
                for (int ch = 0; ch < 3; ch++) {
                    double s = base == null ? 0 : base[3 * i + ch];
                    for (int t = 0; t < pa; t++) {
                        s += qa[t] * affine[3 * t + ch];
                    }
                    for (int j = 0; j < k; j++) {
                        s += qk[j] * weights[3 * j + ch];
                    }
                    out[3 * i + ch] = Math.max(0, Math.min(1, s));
                }
            }
        });
        return out;
    }

    @Override
    public List<String> illuminants() {
        return trained;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public ObjectNode toJson(Path dir) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "tps");
        o.put("spec", spec);
        o.putPOJO("trained", trained);
        if (illuminants != null) {
            o.set("illuminants", illuminants.toJson());
        }
        Json.putArray(o, "lambdas", lambdas);
        Json.putArray(o, "centres", centres);
        Json.putArray(o, "affine", affine);
        Json.putArray(o, "weights", weights);
        if (trend != null) {
            try {
                o.set("trend", trend.toJson(dir == null ? null : dir.resolve("trend")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return o;
    }

    /** Reads {@link #toJson}; a model written before trends existed has no {@code trend} and loads as it was. */
    static TpsModel fromJson(JsonNode o, Path dir) throws java.io.IOException {
        JsonNode t = o.get("trend");
        FittedModel trend = t == null ? null : Models.fromJson(t, dir == null ? null : dir.resolve("trend"));
        List<String> trained = new java.util.ArrayList<>();
        Json.required(o, "trained").forEach(n -> trained.add(n.asText()));
        JsonNode il = o.get("illuminants");
        return new TpsModel(o.path("spec").asText(), Json.doubles(o.get("centres")), Json.doubles(o.get("affine")),
                Json.doubles(o.get("weights")), Json.doubles(o.get("lambdas")),
                il == null ? null : IlluminantFeatures.fromJson(il), trained, trend);
    }
}
