package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.LogShaper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * film_c = T_c(y_c), y = B(x) beta: a linear-in-parameters colour stage {@link Basis} in log
 * exposure followed by one {@link ToneCurve} per channel. Separating tone from colour is what
 * lets the model serve exposures outside the training range: the colour stage works on
 * exposure-like quantities and the tone curves saturate like film instead of extrapolating.
 *
 * <p>In conditional mode the features are B(x) (x) [1, u, v] with (u, v) the illuminant
 * feature ({@link IlluminantFeatures}), so the colour stage varies smoothly with the light and
 * can be asked for lights it never saw. In hybrid mode each training light also gets its own
 * strongly shrunk terms B(x) * [light == L]: known lights are fitted nearly as well as by a
 * model of their own, and a light never seen falls back to the smooth chromaticity dependence.
 */
final class ToneColourModel implements FittedModel {

    private static final LogShaper SHAPER = LogShaper.DEFAULT;

    private final String fitter;
    private final String spec;
    private final Basis basis;
    private final IlluminantFeatures illuminants;
    private final List<String> oneHot;
    private final List<String> trained;
    private final double[] beta;
    private final ToneCurve[] tone;

    ToneColourModel(String fitter, String spec, Basis basis, IlluminantFeatures illuminants, List<String> oneHot,
                    List<String> trained, double[] beta, ToneCurve[] tone) {
        this.fitter = fitter;
        this.spec = spec;
        this.basis = basis;
        this.illuminants = illuminants;
        this.oneHot = List.copyOf(oneHot);
        this.trained = List.copyOf(trained);
        this.beta = beta;
        this.tone = tone;
    }

    /** Columns of the design matrix for {@code basis} with a light feature of {@code feature} values. */
    static int width(Basis basis, int feature) {
        return basis.size() * (1 + feature);
    }

    /**
     * Penalty factors of the design columns: the base's own, 1 for the chromaticity interactions
     * and {@code lightRidge} for the per-light terms, which so only keep what the smooth
     * chromaticity dependence cannot explain.
     */
    static double[] penalty(Basis basis, int feature, double lightRidge) {
        boolean[] base = basis.penalised();
        int p = base.length;
        double[] out = new double[p * (1 + feature)];
        for (int t = 0; t < p; t++) {
            out[t] = base[t] ? 1 : 0;
        }
        for (int j = 0; j < feature; j++) {
            java.util.Arrays.fill(out, p * (1 + j), p * (2 + j), j < 2 ? 1 : lightRidge);
        }
        return out;
    }

    /** The light feature: chromaticity offset (u, v), then one indicator per light in {@code oneHot}. */
    static double[] feature(IlluminantFeatures lights, List<String> oneHot, String name) {
        double[] uv = lights.feature(name);
        double[] f = new double[2 + oneHot.size()];
        f[0] = uv[0];
        f[1] = uv[1];
        int k = oneHot.indexOf(name);
        if (k >= 0) {
            f[2 + k] = 1;
        }
        return f;
    }

    /** One design row for digital RGB at {@code in[o..o+2]}: B(x), then B(x) times each feature value. */
    static void row(Basis basis, double[] in, int o, double[] feature, double[] out, int off) {
        double a = in[o];
        double b = in[o + 1];
        double c = in[o + 2];
        if (!basis.linearDomain()) {
            a = SHAPER.forward(a);
            b = SHAPER.forward(b);
            c = SHAPER.forward(c);
        }
        int p = basis.size();
        basis.expand(a, b, c, out, off);
        if (feature != null) {
            for (int j = 0; j < feature.length; j++) {
                double m = feature[j];
                int base = off + (1 + j) * p;
                for (int t = 0; t < p; t++) {
                    out[base + t] = out[off + t] * m;
                }
            }
        }
    }

    /** Colour-stage output in shaped (stops) units from a linear combination value. */
    static double toStops(Basis basis, double v) {
        return basis.linearDomain() ? SHAPER.forward(v) : v;
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        if (digitalRgb.length % 3 != 0) {
            throw new IllegalArgumentException("digital RGB length " + digitalRgb.length + " is not a multiple of 3");
        }
        double[] illum = illuminants == null ? null : feature(illuminants, oneHot, illuminant);
        int n = digitalRgb.length / 3;
        int w = width(basis, illum == null ? 0 : illum.length);
        double[] out = new double[digitalRgb.length];
        IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
            double[] f = new double[w];
            int end = Math.min(n, (chunk + 1) * 4096);
            for (int i = chunk * 4096; i < end; i++) {
                row(basis, digitalRgb, 3 * i, illum, f, 0);
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int t = 0; t < w; t++) {
                        s += f[t] * beta[t * 3 + c];
                    }
                    out[3 * i + c] = tone[c].apply(toStops(basis, s));
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
        o.put("type", fitter);
        o.put("spec", spec);
        o.set("basis", basis.toJson());
        o.putPOJO("trained", trained);
        if (illuminants != null) {
            o.set("illuminants", illuminants.toJson());
            o.putPOJO("perLightTerms", oneHot);
        }
        Json.putArray(o, "beta", beta);
        var t = o.putArray("tone");
        for (ToneCurve c : tone) {
            t.add(c.toJson());
        }
        return o;
    }

    static ToneColourModel fromJson(JsonNode o) {
        List<String> trained = new java.util.ArrayList<>();
        Json.required(o, "trained").forEach(n -> trained.add(n.asText()));
        JsonNode il = o.get("illuminants");
        ToneCurve[] tone = new ToneCurve[3];
        for (int c = 0; c < 3; c++) {
            tone[c] = ToneCurve.fromJson(Json.required(o, "tone").get(c));
        }
        Basis basis = Basis.fromJson(Json.required(o, "basis"));
        List<String> oneHot = new java.util.ArrayList<>();
        o.path("perLightTerms").forEach(n -> oneHot.add(n.asText()));
        int feature = il == null ? 0 : 2 + oneHot.size();
        double[] beta = Json.doubles(o.get("beta"));
        if (beta.length != 3 * width(basis, feature)) {
            throw new IllegalArgumentException("model file: beta has " + beta.length + " values, expected "
                    + 3 * width(basis, feature));
        }
        return new ToneColourModel(Json.required(o, "type").asText(), o.path("spec").asText(), basis,
                il == null ? null : IlluminantFeatures.fromJson(il), oneHot, trained, beta, tone);
    }
}
