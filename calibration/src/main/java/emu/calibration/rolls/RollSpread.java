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
 * <p>Flag: {@link RollControl}, the roll against the other rolls' Shewhart limit.
 */
public record RollSpread(String roll, int pairs, double meanDeltaE, double p95DeltaE, List<Cell> cells,
                         Limit limit, boolean flagged) {

    /** Mean CIEDE2000 from the nominal of the roll's pairs under one light at one EV. */
    public record Cell(String illuminant, double ev, double meanDeltaE) {}

    /**
     * The roll against the others' control limit ({@link RollControl}): {@code statistic} = its mean
     * CIEDE2000 from the others' centre; the others' (scaled) distances give {@code centre},
     * {@code sigma} and the {@code upper} limit; {@code n} rolls behind it.
     */
    public record Limit(int n, double statistic, double centre, double sigma, double upper) {}

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

    /** This roll with its control limit and flag. */
    RollSpread withLimit(Limit l) {
        return new RollSpread(roll, pairs, meanDeltaE, p95DeltaE, cells, l, l != null && l.statistic() > l.upper());
    }

    /** Why this roll is flagged, with the numbers; empty when it is not. */
    public String flagReason() {
        if (!flagged) {
            return "";
        }
        return String.format(Locale.ROOT, "roll %s is %.2f CIEDE2000 from the other %d rolls' mean on average, above their"
                + " upper control limit %.2f (centre %.2f, sigma %.2f; %.2f from the nominal)", roll, limit.statistic(), limit.n(),
                limit.upper(), limit.centre(), limit.sigma(), meanDeltaE);
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("roll", roll).put("pairs", pairs)
                .put("mean_delta_e", round(meanDeltaE)).put("p95_delta_e", round(p95DeltaE)).put("flagged", flagged);
        if (limit != null) {
            o.putObject("control_limit").put("rolls", limit.n()).put("statistic", round(limit.statistic()))
                    .put("centre", round(limit.centre()))
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
        Limit limit = l.isObject() ? new Limit(l.path("rolls").asInt(), l.path("statistic").asDouble(), l.path("centre").asDouble(),
                l.path("sigma").asDouble(), l.path("upper").asDouble()) : null;
        return new RollSpread(o.path("roll").asText(), o.path("pairs").asInt(), o.path("mean_delta_e").asDouble(),
                o.path("p95_delta_e").asDouble(), cells, limit, o.path("flagged").asBoolean());
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
