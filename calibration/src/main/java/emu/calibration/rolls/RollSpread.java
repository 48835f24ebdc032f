package emu.calibration.rolls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.fit.ColourModel;
import emu.calibration.fit.Evaluation;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far one roll sits from the nominal response, and whether that is out of control.
 *
 * <p>Distance: CIEDE2000 between the nominal response and the same response rendered as this
 * roll ({@link RollModel}), over the roll's own digital values: the roll's deviation as a colour
 * difference, free of the scan noise and of the model's own error. Broken down by light and EV.
 *
 * <p>Control limit: a Shewhart chart on the other rolls (Shewhart 1931, Economic Control of
 * Quality of Manufactured Product; Montgomery, Introduction to Statistical Quality Control, 7th
 * ed., §6.3: the s chart's c4 correction): their mean distances give a centre x̄ and a standard
 * deviation s; σ̂ = s / c4(n); the upper control limit is x̄ + 3σ̂, one-sided because a roll
 * nearer the nominal than its peers is not a problem. With fewer than two other rolls there is no
 * limit. Floor: the limit is at least x̄ + {@value #MIN_WIDTH} CIEDE2000, so rolls that agree
 * almost perfectly (a tight lab, or a simulation without variation) do not flag differences far
 * below what anyone can see.
 */
public record RollSpread(String roll, int pairs, double meanDeltaE, double p95DeltaE, List<Cell> cells,
                         Limit limit, boolean flagged) {

    /** Mean CIEDE2000 from the nominal of the roll's pairs under one light at one EV. */
    public record Cell(String illuminant, double ev, double meanDeltaE) {}

    /** The control limit from the other rolls: their centre, σ̂ and the upper limit; {@code n} rolls behind it. */
    public record Limit(int n, double centre, double sigma, double upper) {}

    /** Smallest distance between the others' centre and the upper control limit, CIEDE2000. */
    public static final double MIN_WIDTH = 0.5;

    /** The roll's distance from {@code nominal} given its {@code deviation}; no limit yet. */
    static RollSpread measure(ColourModel nominal, RollDeviation deviation, PairSet pairs) {
        double[] a = Evaluation.predict(nominal, pairs);
        double[] b = Evaluation.predict(new RollModel(nominal, deviation), pairs);
        double[] de = DeltaE.CIEDE2000.rows(Cielab.fromSrgb(a), Cielab.fromSrgb(b));
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < de.length; i++) {
            Pair p = pairs.get(i);
            double[] s = sums.computeIfAbsent(p.illuminant() + "\u0000" + p.ev(), k -> new double[2]);
            s[0] += de[i];
            s[1]++;
        }
        List<Cell> cells = new ArrayList<>();
        sums.forEach((k, s) -> {
            String[] parts = k.split("\u0000");
            cells.add(new Cell(parts[0], Double.parseDouble(parts[1]), s[0] / s[1]));
        });
        double[] sorted = de.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(de).average().orElse(Double.NaN);
        double p95 = sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1)];
        return new RollSpread(deviation.roll(), pairs.size(), mean, p95, cells, null, false);
    }

    /** Each roll's limit from the others and its flag. */
    static List<RollSpread> withLimits(List<RollSpread> rolls) {
        List<RollSpread> out = new ArrayList<>();
        for (RollSpread r : rolls) {
            double[] others = rolls.stream().filter(o -> o != r).mapToDouble(RollSpread::meanDeltaE).toArray();
            Limit limit = limit(others);
            out.add(new RollSpread(r.roll, r.pairs, r.meanDeltaE, r.p95DeltaE, r.cells, limit,
                    limit != null && r.meanDeltaE > limit.upper()));
        }
        return out;
    }

    /** The Shewhart upper limit of {@code values}, or null for fewer than two. */
    static Limit limit(double[] values) {
        int n = values.length;
        if (n < 2) {
            return null;
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sigma = Math.sqrt(ss / (n - 1)) / c4(n);
        return new Limit(n, mean, sigma, mean + Math.max(3 * sigma, MIN_WIDTH));
    }

    /**
     * The bias of the sample standard deviation of n normal values, E[s] = c4·σ:
     * c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2) (Montgomery, appendix table VI), by the log-gamma
     * recurrence so it holds for any n.
     */
    static double c4(int n) {
        return Math.sqrt(2.0 / (n - 1)) * Math.exp(lnGamma(n / 2.0) - lnGamma((n - 1) / 2.0));
    }

    /** ln Γ(x) for x = k/2, k ≥ 1: exact from Γ(1) = 1 and Γ(1/2) = √π by Γ(x+1) = xΓ(x). */
    private static double lnGamma(double x) {
        double v = Math.rint(2 * x) % 2 == 0 ? 0 : 0.5 * Math.log(Math.PI);
        for (double y = Math.rint(2 * x) % 2 == 0 ? 1 : 0.5; y < x - 1e-9; y += 1) {
            v += Math.log(y);
        }
        return v;
    }

    /** Why this roll is flagged, with the numbers; empty when it is not. */
    public String flagReason() {
        if (!flagged) {
            return "";
        }
        return String.format(Locale.ROOT, "roll %s is %.2f CIEDE2000 from the nominal on average, above the upper control"
                + " limit %.2f of the other %d rolls (centre %.2f, sigma %.2f)", roll, meanDeltaE, limit.upper(), limit.n(),
                limit.centre(), limit.sigma());
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("roll", roll).put("pairs", pairs)
                .put("mean_delta_e", round(meanDeltaE)).put("p95_delta_e", round(p95DeltaE)).put("flagged", flagged);
        if (limit != null) {
            o.putObject("control_limit").put("rolls", limit.n()).put("centre", round(limit.centre()))
                    .put("sigma", round(limit.sigma())).put("upper", round(limit.upper()));
        } else {
            o.putNull("control_limit");
        }
        if (flagged) {
            o.put("flag_reason", flagReason());
        }
        ArrayNode a = o.putArray("per_light_ev");
        for (Cell c : cells) {
            a.addObject().put("illuminant", c.illuminant()).put("ev", c.ev()).put("mean_delta_e", round(c.meanDeltaE()));
        }
        return o;
    }

    static RollSpread fromJson(JsonNode o) {
        List<Cell> cells = new ArrayList<>();
        for (JsonNode c : o.path("per_light_ev")) {
            cells.add(new Cell(c.path("illuminant").asText(), c.path("ev").asDouble(), c.path("mean_delta_e").asDouble()));
        }
        JsonNode l = o.path("control_limit");
        Limit limit = l.isObject() ? new Limit(l.path("rolls").asInt(), l.path("centre").asDouble(), l.path("sigma").asDouble(),
                l.path("upper").asDouble()) : null;
        return new RollSpread(o.path("roll").asText(), o.path("pairs").asInt(), o.path("mean_delta_e").asDouble(),
                o.path("p95_delta_e").asDouble(), cells, limit, o.path("flagged").asBoolean());
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
