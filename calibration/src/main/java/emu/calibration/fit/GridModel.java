package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * A regular lattice from log exposure to film values, fitted by {@link GridFitter}: the input is the shaped digital
 * RGB as for {@link TpsModel} (about log2 stops), the film value the trilinear interpolation of the node values of
 * the cell it falls in. Inputs outside the lattice extend the edge cell's trilinear form (linear along each axis
 * past the edge). Film values are clamped to [0, 1] as a scan delivers them (as {@link TpsModel}). With a trend
 * ({@code grid:trend=...}, {@link TpsTrend}) the film value is the trend's plus the lattice's, which then models the
 * trend's residuals.
 */
final class GridModel implements FittedModel {

    /** A regular lattice of {@code size} nodes per axis from {@code lo} in steps {@code step} (shaped units). */
    record Lattice(int size, double[] lo, double[] step) {

        /** The lattice over the inputs' range (row-major n x 3 shaped), padded by 5% of the range, at least 0.25. */
        static Lattice over(double[] s, int size) {
            return over(s, size, 0);
        }

        /**
         * As {@link #over(double[], int)}, but with {@code q} > 0 each axis starts (unpadded) at the inputs' q-quantile
         * instead of their minimum, so a few far out-of-gamut (negative) inputs don't stretch it (option range=q).
         */
        static Lattice over(double[] s, int size, double q) {
            double[] lo = new double[3];
            double[] step = new double[3];
            for (int a = 0; a < 3; a++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = a; i < s.length; i += 3) {
                    min = Math.min(min, s[i]);
                    max = Math.max(max, s[i]);
                }
                double low = q > 0 ? quantile(s, a, q) : min;
                double pad = Math.max(0.05 * (max - low), 0.25);
                lo[a] = q > 0 ? low : min - pad;
                step[a] = (q > 0 ? max + pad - low : max - min + 2 * pad) / (size - 1);
            }
            return new Lattice(size, lo, step);
        }

        private static double quantile(double[] s, int a, double q) {
            double[] v = new double[s.length / 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = s[3 * i + a];
            }
            java.util.Arrays.sort(v);
            return v[(int) Math.floor(q * (v.length - 1))];
        }

        /** The same range with {@code other} nodes per axis. */
        Lattice resized(int other) {
            double[] st = new double[3];
            for (int a = 0; a < 3; a++) {
                st[a] = step[a] * (size - 1) / (other - 1);
            }
            return new Lattice(other, lo, st);
        }

        int nodes() {
            return size * size * size;
        }

        /** Index offset of corner k (bit 0: +x, bit 1: +y, bit 2: +z) from a cell's lowest node. */
        int offset(int k) {
            return (k & 1) + ((k >> 1) & 1) * size + ((k >> 2) & 1) * size * size;
        }

        /**
         * The cell of (a, b, c), nearest edge cell outside the lattice: returns its lowest node and writes the
         * eight corners' trilinear weights at {@code w[off..off+7]} (extrapolating past the edge).
         */
        int cell(double a, double b, double c, double[] w, int off) {
            double[] x = {a, b, c};
            double[] t = new double[3];
            int base = 0;
            int mul = 1;
            for (int ax = 0; ax < 3; ax++) {
                double u = (x[ax] - lo[ax]) / step[ax];
                int i = (int) Math.max(0, Math.min(size - 2, Math.floor(u)));
                t[ax] = u - i;
                base += i * mul;
                mul *= size;
            }
            for (int k = 0; k < 8; k++) {
                w[off + k] = ((k & 1) == 0 ? 1 - t[0] : t[0]) * ((k & 2) == 0 ? 1 - t[1] : t[1])
                        * ((k & 4) == 0 ? 1 - t[2] : t[2]);
            }
            return base;
        }

        /** {@code values} (one per node of this lattice) interpolated at every node of {@code fine}. */
        double[] prolong(double[] values, Lattice fine) {
            int g = fine.size();
            double[] out = new double[fine.nodes()];
            double[] w = new double[8];
            for (int p = 0; p < out.length; p++) {
                int base = cell(fine.lo()[0] + p % g * fine.step()[0], fine.lo()[1] + p / g % g * fine.step()[1],
                        fine.lo()[2] + p / (g * g) * fine.step()[2], w, 0);
                for (int k = 0; k < 8; k++) {
                    out[p] += w[k] * values[base + offset(k)];
                }
            }
            return out;
        }
    }

    private final String spec;
    private final Lattice lattice;
    private final double[][] values;
    private final double[] lambdas;
    private final List<String> trained;
    private final boolean clampLow;
    private final FittedModel trend;
    private final GridDark dark;

    /**
     * @param values per output channel, one value per node (x fastest, then y, then z)
     * @param lambdas log10 of the smoothing chosen per channel (reported, not used to predict)
     * @param clampLow shaped inputs below the lattice's lower bound are raised to it (range=q) instead of extrapolated
     * @param trend the parametric trend the lattice is added to, or null; with {@code dark}, the dark part of the
     *     blend (a trend, or with dark-smooth a smoother lattice, itself a GridModel)
     * @param dark where the trend applies ({@link GridDark}), or null: everywhere
     */
    GridModel(String spec, Lattice lattice, double[][] values, double[] lambdas, List<String> trained,
              boolean clampLow, FittedModel trend, GridDark dark) {
        this.spec = spec;
        this.dark = dark;
        this.trend = trend;
        this.clampLow = clampLow;
        this.lattice = lattice;
        this.values = values;
        this.lambdas = lambdas;
        this.trained = List.copyOf(trained);
        if (values.length != 3 || lattice.size() < 2) {
            throw new IllegalArgumentException("model file: grid needs 3 channels and at least 2 nodes per axis");
        }
        for (double[] v : values) {
            if (v.length != lattice.nodes()) {
                throw new IllegalArgumentException("model file: grid has " + v.length + " values for "
                        + lattice.nodes() + " nodes");
            }
        }
    }

    @Override
    public double[] predict(double[] digitalRgb, String illuminant) {
        if (digitalRgb.length % 3 != 0) {
            throw new IllegalArgumentException("digital RGB length " + digitalRgb.length + " is not a multiple of 3");
        }
        double[] out = new double[digitalRgb.length];
        double[] w = new double[8];
        double[] trendOut = trend == null ? null : trend.predict(digitalRgb, illuminant);
        for (int i = 0; i < digitalRgb.length / 3; i++) {
            double[] x = new double[3];
            for (int a = 0; a < 3; a++) {
                x[a] = TpsModel.shape(digitalRgb[3 * i + a]);
            }
            double wd = dark == null ? 0 : dark.weight(x, 0); // on the shaped input before range=q's clamp
            for (int a = 0; clampLow && a < 3; a++) {
                x[a] = Math.max(lattice.lo()[a], x[a]);
            }
            int base = lattice.cell(x[0], x[1], x[2], w, 0);
            for (int ch = 0; ch < 3; ch++) {
                double s = 0;
                for (int k = 0; k < 8; k++) {
                    s += w[k] * values[ch][base + lattice.offset(k)];
                }
                s = trendOut == null ? s : dark == null ? s + trendOut[3 * i + ch]
                        : wd * trendOut[3 * i + ch] + (1 - wd) * s;
                out[3 * i + ch] = Math.max(0, Math.min(1, s));
            }
        }
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
    public ObjectNode toJson(Path dir) throws java.io.IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "grid");
        o.put("spec", spec);
        o.putPOJO("trained", trained);
        o.put("size", lattice.size());
        if (clampLow) {
            o.put("clampLow", true); // written only when set: a default grid's model.json is as before
        }
        if (trend != null) {
            try {
                o.set("trend", trend.toJson(dir == null ? null : dir.resolve("trend")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (dark != null) {
                dark.write(o); // written only with dark=Q: a trend everywhere's model.json is as before
            }
        }
        Json.putArray(o, "lo", lattice.lo());
        Json.putArray(o, "step", lattice.step());
        Json.putArray(o, "lambdas", lambdas);
        if (dir != null) { // node values in a side file written before the model.json that names it
            GridValues.write(dir.resolve(GridValues.FILE), lattice.size(), values);
            o.put("values", GridValues.FILE);
            return o;
        }
        for (int c = 0; c < 3; c++) { // no directory (a description only): inline, as model files before grid.bin
            Json.putArray(o, "values" + "rgb".charAt(c), values[c]);
        }
        return o;
    }

    static GridModel fromJson(JsonNode o, Path dir) throws java.io.IOException {
        JsonNode t = o.get("trend");
        FittedModel trend = t == null ? null : Models.fromJson(t, dir == null ? null : dir.resolve("trend"));
        List<String> trained = new java.util.ArrayList<>();
        Json.required(o, "trained").forEach(n -> trained.add(n.asText()));
        Lattice lat = new Lattice(Json.required(o, "size").asInt(), Json.doubles(Json.required(o, "lo")),
                Json.doubles(Json.required(o, "step")));
        double[][] v = new double[3][];
        if (o.has("values")) {
            v = GridValues.read(dir.resolve(o.get("values").asText()), lat.size());
        }
        for (int c = 0; c < 3 && !o.has("values"); c++) { // inline values: model files written before grid.bin
            v[c] = Json.doubles(Json.required(o, "values" + "rgb".charAt(c)));
        }
        return new GridModel(o.path("spec").asText(), lat, v, Json.doubles(o.get("lambdas")), trained,
                o.path("clampLow").asBoolean(false), trend, trend == null ? null : GridDark.read(o));
    }
}
