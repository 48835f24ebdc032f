package emu.calibration.fit;

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
 * can be asked for lights it never saw.
 */
final class ToneColourModel implements FittedModel {

    private static final LogShaper SHAPER = LogShaper.DEFAULT;

    private final String fitter;
    private final String spec;
    private final Basis basis;
    private final IlluminantFeatures illuminants;
    private final List<String> trained;
    private final double[] beta;
    private final ToneCurve[] tone;

    ToneColourModel(String fitter, String spec, Basis basis, IlluminantFeatures illuminants, List<String> trained,
                    double[] beta, ToneCurve[] tone) {
        this.fitter = fitter;
        this.spec = spec;
        this.basis = basis;
        this.illuminants = illuminants;
        this.trained = List.copyOf(trained);
        this.beta = beta;
        this.tone = tone;
    }

    /** Columns of the design matrix for {@code basis} in the given mode. */
    static int width(Basis basis, boolean conditional) {
        return basis.size() * (conditional ? 3 : 1);
    }

    /** Penalty flags for the design matrix: the illuminant interactions are always shrunk. */
    static boolean[] penalised(Basis basis, boolean conditional) {
        boolean[] base = basis.penalised();
        if (!conditional) {
            return base;
        }
        boolean[] p = new boolean[3 * base.length];
        System.arraycopy(base, 0, p, 0, base.length);
        java.util.Arrays.fill(p, base.length, p.length, true);
        return p;
    }

    /** One design row for digital RGB at {@code in[o..o+2]}. */
    static void row(Basis basis, double[] in, int o, double[] illum, double[] out, int off) {
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
        if (illum != null) {
            for (int t = 0; t < p; t++) {
                double f = out[off + t];
                out[off + p + t] = f * illum[0];
                out[off + 2 * p + t] = f * illum[1];
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
        double[] illum = illuminants == null ? null : illuminants.feature(illuminant);
        int n = digitalRgb.length / 3;
        int w = width(basis, illum != null);
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
        double[] beta = Json.doubles(o.get("beta"));
        if (beta.length != 3 * width(basis, il != null)) {
            throw new IllegalArgumentException("model file: beta has " + beta.length + " values, expected "
                    + 3 * width(basis, il != null));
        }
        return new ToneColourModel(Json.required(o, "type").asText(), o.path("spec").asText(), basis,
                il == null ? null : IlluminantFeatures.fromJson(il), trained, beta, tone);
    }
}
