package emu.calibration.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CIEDE2000 of predicted against scanned film values, with breakdowns by illuminant and EV, a
 * histogram, and the worst patches. Film values are sRGB-encoded display RGB (DESIGN.md): decoded,
 * Rec.709/D65 -> XYZ -> CIELAB ({@link Cielab#fromSrgb}), then CIEDE2000.
 *
 * <p>The histogram and the worst pairs' colours were added after the first reports were written:
 * an evaluation made from errors alone (or read from such a report) has them {@code null}.
 */
public record Evaluation(Stats overall, Map<String, Stats> perIlluminant, Map<Double, Stats> perEv,
                         List<PatchError> worstPatches, Histogram histogram) {

    /**
     * A patch's mean error over all its pairs, with the illuminant and EV of its worst one and that
     * pair's predicted and scanned film colours (sRGB-encoded, 0..1; {@code null} when not recorded).
     */
    public record PatchError(String patch, double meanDeltaE, double maxDeltaE, String worstIlluminant, double worstEv,
                             double[] predicted, double[] film) {}

    /**
     * Counts of per-pair CIEDE2000 in bins of {@code binWidth} from 0; the last bin is open and
     * holds everything from {@code (counts.length - 1) * binWidth} up.
     */
    public record Histogram(double binWidth, int[] counts) {
        /** 0.5 dE bins up to 10 and one open bin: below 0.5 is invisible, above 10 is a failure either way. */
        static final double BIN_WIDTH = 0.5;
        static final int BINS = 21;

        static Histogram of(double[] de) {
            int[] counts = new int[BINS];
            for (double d : de) {
                int bin = Double.isFinite(d) ? (int) Math.min(BINS - 1, Math.floor(Math.max(0, d) / BIN_WIDTH)) : BINS - 1;
                counts[bin]++;
            }
            return new Histogram(BIN_WIDTH, counts);
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("binWidth", binWidth);
            ArrayNode c = o.putArray("counts");
            for (int n : counts) {
                c.add(n);
            }
            return o;
        }
    }

    private static final int WORST = 8;

    /** Predicts every pair with {@code model} (grouped by illuminant) and scores it. */
    public static Evaluation of(ColourModel model, PairSet pairs) {
        return ofPredictions(pairs, predict(model, pairs));
    }

    /** Scores row-major n x 3 predicted film values (aligned with {@code pairs}), keeping the worst pairs' colours. */
    public static Evaluation ofPredictions(PairSet pairs, double[] predictedFilm) {
        if (predictedFilm.length != 3 * pairs.size()) {
            throw new IllegalArgumentException("need " + 3 * pairs.size() + " predicted values for " + pairs.size()
                    + " pairs, got " + predictedFilm.length);
        }
        return of(pairs, deltaE(pairs, predictedFilm), predictedFilm);
    }

    /** Row-major n x 3 predictions for {@code pairs}, one call per illuminant. */
    public static double[] predict(ColourModel model, PairSet pairs) {
        double[] out = new double[3 * pairs.size()];
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            rows.computeIfAbsent(pairs.get(i).illuminant(), k -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            List<Integer> idx = e.getValue();
            double[] in = new double[3 * idx.size()];
            for (int j = 0; j < idx.size(); j++) {
                Pair p = pairs.get(idx.get(j));
                in[3 * j] = p.digitalR();
                in[3 * j + 1] = p.digitalG();
                in[3 * j + 2] = p.digitalB();
            }
            double[] pred = model.predict(in, e.getKey());
            for (int j = 0; j < idx.size(); j++) {
                System.arraycopy(pred, 3 * j, out, 3 * idx.get(j), 3);
            }
        }
        return out;
    }

    /** CIEDE2000 per pair between predicted and scanned film values. */
    public static double[] deltaE(PairSet pairs, double[] predictedFilm) {
        return DeltaE.CIEDE2000.rows(Cielab.fromSrgb(predictedFilm), Cielab.fromSrgb(pairs.film()));
    }

    /** The breakdowns of per-pair errors {@code de} (aligned with {@code pairs}); no colours for the worst patches. */
    public static Evaluation of(PairSet pairs, double[] de) {
        return of(pairs, de, null);
    }

    private static Evaluation of(PairSet pairs, double[] de, double[] predictedFilm) {
        Map<String, List<Double>> byLight = new LinkedHashMap<>();
        Map<Double, List<Double>> byEv = new TreeMap<>();
        Map<String, List<Integer>> byPatch = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            byLight.computeIfAbsent(p.illuminant(), k -> new ArrayList<>()).add(de[i]);
            byEv.computeIfAbsent(p.ev(), k -> new ArrayList<>()).add(de[i]);
            byPatch.computeIfAbsent(p.patch(), k -> new ArrayList<>()).add(i);
        }
        Map<String, Stats> light = new LinkedHashMap<>();
        byLight.forEach((k, v) -> light.put(k, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        Map<Double, Stats> ev = new LinkedHashMap<>();
        byEv.forEach((k, v) -> ev.put(k, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        List<PatchError> patches = new ArrayList<>();
        byPatch.forEach((k, idx) -> {
            double sum = 0;
            int worst = idx.get(0);
            for (int i : idx) {
                sum += de[i];
                if (de[i] > de[worst]) {
                    worst = i;
                }
            }
            Pair w = pairs.get(worst);
            double[] predicted = predictedFilm == null ? null
                    : java.util.Arrays.copyOfRange(predictedFilm, 3 * worst, 3 * worst + 3);
            patches.add(new PatchError(k, sum / idx.size(), de[worst], w.illuminant(), w.ev(), predicted,
                    predicted == null ? null : w.film()));
        });
        patches.sort(Comparator.comparingDouble(PatchError::meanDeltaE).reversed());
        return new Evaluation(Stats.of(de), light, ev, List.copyOf(patches.subList(0, Math.min(WORST, patches.size()))),
                Histogram.of(de));
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("overall", overall.toJson());
        ObjectNode l = o.putObject("perIlluminant");
        perIlluminant.forEach((k, v) -> l.set(k, v.toJson()));
        ObjectNode e = o.putObject("perEv");
        perEv.forEach((k, v) -> e.set(evLabel(k), v.toJson()));
        ArrayNode w = o.putArray("worstPatches");
        for (PatchError p : worstPatches) {
            ObjectNode n = w.addObject().put("patch", p.patch()).put("meanDeltaE", Stats.round(p.meanDeltaE()))
                    .put("maxDeltaE", Stats.round(p.maxDeltaE())).put("worstIlluminant", p.worstIlluminant())
                    .put("worstEv", p.worstEv());
            if (p.predicted() != null) {
                rgb(n.putArray("worstPredicted"), p.predicted());
                rgb(n.putArray("worstFilm"), p.film());
            }
        }
        if (histogram != null) {
            o.set("histogram", histogram.toJson());
        }
        return o;
    }

    private static void rgb(ArrayNode a, double[] rgb) {
        for (double v : rgb) {
            a.add(Stats.round(v));
        }
    }

    /** Readable breakdown, each line indented by {@code indent}. */
    public String toText(String indent) {
        StringBuilder b = new StringBuilder();
        // one label column wide enough for the longest light name (a rig preset such as "studio-lamp")
        int width = Math.max(12, 6 + perIlluminant.keySet().stream().mapToInt(String::length).max().orElse(0));
        String label = "%-" + width + "s ";
        b.append(indent).append(String.format(java.util.Locale.ROOT, label, "all")).append(overall.line()).append('\n');
        perIlluminant.forEach((k, v) -> b.append(indent).append(String.format(java.util.Locale.ROOT, label, "light " + k))
                .append(v.line()).append('\n'));
        perEv.forEach((k, v) -> b.append(indent).append(String.format(java.util.Locale.ROOT, label, "EV " + evLabel(k)))
                .append(v.line()).append('\n'));
        b.append(indent).append("worst patches:");
        for (PatchError p : worstPatches) {
            b.append(String.format(java.util.Locale.ROOT, " %s %.2f (max %.2f @ %s EV %s);", p.patch(), p.meanDeltaE(),
                    p.maxDeltaE(), p.worstIlluminant(), evLabel(p.worstEv())));
        }
        return b.append('\n').toString();
    }

    static String evLabel(double ev) {
        return ev == Math.rint(ev) ? String.format(java.util.Locale.ROOT, "%+d", (long) ev)
                : String.format(java.util.Locale.ROOT, "%+.2f", ev);
    }
}
