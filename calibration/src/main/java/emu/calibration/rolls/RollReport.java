package emu.calibration.rolls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The roll section of a roll-aware fit, saved with the model as {@value #FILE}: each roll's
 * deviation from the nominal response (the per-roll corrections), its spread (CIEDE2000 from the
 * nominal per light and EV), its control limit and flag, which rolls the nominal was fitted on,
 * which flagged rolls it left out ({@code leftOut}) and which rolls the operator excluded from the
 * whole fit ({@code excluded}: not measured at all).
 */
public record RollReport(List<RollDeviation> deviations, List<RollSpread> spread, List<String> nominalRolls,
                         List<String> leftOut, List<String> excluded) {
    /** The file in a model directory. */
    public static final String FILE = "rolls.json";
    /** The same, readable. */
    public static final String TEXT_FILE = "rolls.txt";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RollReport {
        deviations = List.copyOf(deviations);
        spread = List.copyOf(spread);
        nominalRolls = List.copyOf(nominalRolls);
        leftOut = List.copyOf(leftOut);
        excluded = List.copyOf(excluded);
    }

    /** This report with {@code rolls} recorded as excluded by the operator. */
    public RollReport withExcluded(List<String> rolls) {
        return new RollReport(deviations, spread, nominalRolls, leftOut, rolls);
    }

    /** The flagged rolls' names. */
    public List<String> flagged() {
        return spread.stream().filter(RollSpread::flagged).map(RollSpread::roll).toList();
    }

    /** Mean over rolls of each roll's mean CIEDE2000 from the nominal: the set's roll-to-roll spread in one number. */
    public double meanSpread() {
        return spread.stream().mapToDouble(RollSpread::meanDeltaE).average().orElse(Double.NaN);
    }

    /** The deviation of {@code roll}. */
    public RollDeviation deviation(String roll) {
        return deviations.stream().filter(d -> d.roll().equals(roll)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no roll '" + roll + "' in this model; rolls: "
                        + String.join(", ", deviations.stream().map(RollDeviation::roll).toList())));
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", "emu-station-rolls/1");
        o.put("method", "per-roll log-exposure shift, contrast and density offset estimated jointly with the nominal"
                + " response; flag: a roll's mean CIEDE2000 from the other rolls' mean deviation above their Shewhart"
                + " 3-sigma upper limit (s/c4, distances scaled by sqrt((n+1)/(n-1)), at least " + RollSpread.MIN_WIDTH
                + " above their centre)");
        o.put("mean_spread", RollSpread.round(meanSpread()));
        strings(o.putArray("nominal_rolls"), nominalRolls);
        strings(o.putArray("left_out"), leftOut);
        strings(o.putArray("excluded"), excluded);
        strings(o.putArray("flagged"), flagged());
        ArrayNode rolls = o.putArray("rolls");
        for (RollSpread s : spread) {
            ObjectNode r = s.toJson();
            r.set("deviation", deviation(s.roll()).toJson());
            rolls.add(r);
        }
        return o;
    }

    public static RollReport fromJson(JsonNode o) {
        if (!"emu-station-rolls/1".equals(o.path("format").asText())) {
            throw new IllegalArgumentException(FILE + ": format '" + o.path("format").asText() + "', expected emu-station-rolls/1");
        }
        List<RollDeviation> devs = new ArrayList<>();
        List<RollSpread> spread = new ArrayList<>();
        for (JsonNode r : o.path("rolls")) {
            spread.add(RollSpread.fromJson(r));
            devs.add(RollDeviation.fromJson(r.path("deviation")));
        }
        return new RollReport(devs, spread, texts(o.path("nominal_rolls")), texts(o.path("left_out")), texts(o.path("excluded")));
    }

    /** The roll report of a model directory, or null when the model was not fitted roll-aware. */
    public static RollReport read(Path modelDir) throws IOException {
        Path f = modelDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return fromJson(MAPPER.readTree(f.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    public String toJsonText() {
        try {
            return MAPPER.writeValueAsString(toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toText() {
        StringBuilder b = new StringBuilder("Rolls (roll-aware fit: the model is the stock's nominal response)\n");
        b.append(String.format(Locale.ROOT, "%-10s %6s %9s %9s %9s  %-20s %-20s %-20s%n", "roll", "pairs", "dE00 mean",
                "p95", "limit", "shift log H (r g b)", "contrast (r g b)", "offset D (r g b)"));
        for (RollSpread s : spread) {
            RollDeviation d = deviation(s.roll());
            b.append(String.format(Locale.ROOT, "%-10s %6d %9.3f %9.3f %9s  %-20s %-20s %-20s%s%n", s.roll(), s.pairs(),
                    s.meanDeltaE(), s.p95DeltaE(), s.limit() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.limit().upper()),
                    triple(d.shift()), triple(d.contrast()), triple(d.offset()), s.flagged() ? "  FLAGGED" : ""));
        }
        b.append(String.format(Locale.ROOT, "mean roll-to-roll spread: %.3f CIEDE2000%n", meanSpread()));
        b.append("mean CIEDE2000 from the nominal per light and EV:\n");
        for (RollSpread s : spread) {
            StringBuilder line = new StringBuilder("  " + s.roll() + ":");
            for (RollSpread.Cell c : s.cells()) {
                line.append(String.format(Locale.ROOT, " %s %+.1f %.2f;", c.illuminant(), c.ev(), c.meanDeltaE()));
            }
            b.append(line, 0, line.length() - 1).append('\n');
        }
        b.append("nominal fitted on: ").append(String.join(", ", nominalRolls)).append('\n');
        if (!leftOut.isEmpty()) {
            b.append("left out of the nominal (flagged): ").append(String.join(", ", leftOut)).append('\n');
        }
        if (!excluded.isEmpty()) {
            b.append("excluded by the operator (not fitted at all): ").append(String.join(", ", excluded)).append('\n');
        }
        for (RollSpread s : spread) {
            if (s.flagged()) {
                b.append("flag: ").append(s.flagReason()).append('\n');
            }
        }
        return b.toString();
    }

    private static String triple(double[] v) {
        return String.format(Locale.ROOT, "%+.3f %+.3f %+.3f", v[0], v[1], v[2]);
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
