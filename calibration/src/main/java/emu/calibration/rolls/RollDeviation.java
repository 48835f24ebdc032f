package emu.calibration.rolls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Srgb;
import java.util.List;

/**
 * How one roll departs from the stock's nominal response, in the film's own terms, per channel
 * (red, green, blue):
 * <ul>
 *   <li>{@code shift}: log10 exposure shift, a speed difference: the roll renders a digital value
 *       x as the nominal stock renders x·10^shift (camera channels stand in for the film's layers:
 *       the speed of the red-sensitive layer scales the red exposure);</li>
 *   <li>{@code contrast}: a slope factor in log space on the scan side, about the 18% grey the lab
 *       pins: u' = log10(0.18) + contrast·(u − log10(0.18)), u = log10 of the scan's display-linear
 *       value (sRGB decoded, IEC 61966-2-1);</li>
 *   <li>{@code offset}: a density offset on the scan side added to u (a base + fog or grey-balance
 *       difference the lab's inversion did not take out).</li>
 * </ul>
 * Without a toe or shoulder a shift and an offset would be the same thing; the nominal response's
 * curvature tells them apart, and the fit's prior ({@link RollEstimator}) settles what it cannot.
 */
public record RollDeviation(String roll, double[] shift, double[] contrast, double[] offset) {
    /** log10 of the 18% grey the lab's inversion pins: the pivot of the contrast scale. */
    static final double GREY = Math.log10(0.18);
    /** Display-linear values at or below this are left alone: the log of a black says nothing. */
    private static final double FLOOR = 1e-5;

    public RollDeviation {
        shift = shift.clone();
        contrast = contrast.clone();
        offset = offset.clone();
        if (shift.length != 3 || contrast.length != 3 || offset.length != 3) {
            throw new IllegalArgumentException("roll " + roll + ": three channels expected");
        }
        for (double k : contrast) {
            if (!(k > 0)) {
                throw new IllegalArgumentException("roll " + roll + ": contrast factors must be positive");
            }
        }
    }

    /** No deviation: the roll is the nominal stock. */
    public static RollDeviation none(String roll) {
        return new RollDeviation(roll, new double[3], new double[] {1, 1, 1}, new double[3]);
    }

    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public double[] contrast() {
        return contrast.clone();
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    /** The nine parameters as the estimator varies them: shifts, ln contrasts, offsets. */
    double[] params() {
        double[] p = new double[9];
        for (int c = 0; c < 3; c++) {
            p[c] = shift[c];
            p[3 + c] = Math.log(contrast[c]);
            p[6 + c] = offset[c];
        }
        return p;
    }

    static RollDeviation ofParams(String roll, double[] p) {
        return new RollDeviation(roll, new double[] {p[0], p[1], p[2]},
                new double[] {Math.exp(p[3]), Math.exp(p[4]), Math.exp(p[5])}, new double[] {p[6], p[7], p[8]});
    }

    /** This roll's deviation from {@code centre} (both measured from the same reference). */
    public RollDeviation relativeTo(RollDeviation centre) {
        double[] a = params();
        double[] b = centre.params();
        for (int i = 0; i < 9; i++) {
            a[i] -= b[i];
        }
        return ofParams(roll, a);
    }

    /** The parameter-wise mean (median when {@code median}) of {@code rolls}, named {@code name}. */
    static RollDeviation centre(String name, List<RollDeviation> rolls, boolean median) {
        double[] out = new double[9];
        for (int i = 0; i < 9; i++) {
            int j = i;
            double[] v = rolls.stream().mapToDouble(r -> r.params()[j]).sorted().toArray();
            out[i] = median ? (v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2)
                    : java.util.Arrays.stream(v).average().orElse(0);
        }
        return ofParams(name, out);
    }

    /** Row-major n x 3 digital values with each channel's exposure scaled by 10^shift (a new array). */
    public double[] shiftInput(double[] digital) {
        double[] out = digital.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= Math.pow(10, shift[i % 3]);
        }
        return out;
    }

    /** The nominal film values {@code film} (row-major n x 3, sRGB-encoded) as this roll's scan shows them (a new array). */
    public double[] scanSide(double[] film) {
        return scanSide(film, contrast, offset);
    }

    static double[] scanSide(double[] film, double[] k, double[] o) {
        double[] out = film.clone();
        for (int i = 0; i < out.length; i++) {
            int c = i % 3;
            double lin = Srgb.INSTANCE.decode(out[i]);
            if (lin > FLOOR) {
                double u = GREY + k[c] * (Math.log10(lin) - GREY) + o[c];
                out[i] = Srgb.INSTANCE.encode(Math.pow(10, u));
            }
        }
        return out;
    }

    /** This roll's scan values {@code film} as the nominal stock would have given them: {@link #scanSide} undone. */
    public double[] undoScanSide(double[] film) {
        double[] k = new double[3];
        double[] o = new double[3];
        for (int c = 0; c < 3; c++) {
            k[c] = 1 / contrast[c];
            o[c] = -offset[c] / contrast[c];
        }
        return scanSide(film, k, o);
    }

    /** As JSON: {@code {"roll", "log_exposure_shift": [r,g,b], "contrast": [...], "density_offset": [...]}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("roll", roll);
        put(o.putArray("log_exposure_shift"), shift);
        put(o.putArray("contrast"), contrast);
        put(o.putArray("density_offset"), offset);
        return o;
    }

    /** Reads {@link #toJson}'s form. */
    public static RollDeviation fromJson(JsonNode o) {
        return new RollDeviation(o.path("roll").asText(), three(o, "log_exposure_shift"), three(o, "contrast"),
                three(o, "density_offset"));
    }

    private static void put(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(Math.round(x * 1e5) / 1e5);
        }
    }

    private static double[] three(JsonNode o, String field) {
        JsonNode a = o.path(field);
        if (!a.isArray() || a.size() != 3) {
            throw new IllegalArgumentException("roll deviation: '" + field + "' must be an array of three numbers");
        }
        return new double[] {a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble()};
    }
}
