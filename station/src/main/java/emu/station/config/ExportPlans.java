package emu.station.config;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The station's export plan, however it is written: {@code [exports]} in {@code config.toml}
 * ({@link ExportsSection}) or {@code "exports"} in the body of {@code POST /api/sets/{id}/train}.
 * Both have {@code formats}, {@code encodings} and {@code sizes} for every format and a
 * per-format table ({@code [exports.haldclut]} / {@code "haldclut": {...}}) with its own
 * {@code encodings} and/or {@code sizes}; a key left out takes the shared one, except for the
 * photo-editor formats, which have their own defaults ({@link #OWN_DEFAULTS}). The built plan
 * knows, for each problem, the dotted key its value came from ({@code exports.haldclut.sizes}),
 * which is the config key and the API field alike.
 */
public final class ExportPlans {
    static final List<String> FORMATS = List.of("cube", "haldclut", "xmp", "icc", ExportFormats.BUNDLE);
    static final List<String> ENCODINGS = List.of("acescct", "logc3", "srgb");
    static final List<Integer> SIZES = List.of(33, 65);
    /**
     * Formats whose table defaults to its own values: photo editors hand the look sRGB images; a
     * HaldCLUT takes L^2 points (64 = level 8), Camera Raw's table at most 32, an ICC CLUT 33; the
     * camera profiles (dcp, icc-input) take no encoding and 33 (value divisions, CLUT points).
     */
    static final Map<String, ExportPlan.Entry> OWN_DEFAULTS = Map.of(
            "haldclut", new ExportPlan.Entry("haldclut", List.of("srgb"), List.of(64)),
            "xmp", new ExportPlan.Entry("xmp", List.of("srgb"), List.of(32)),
            "icc", new ExportPlan.Entry("icc", List.of("srgb"), List.of(33)),
            // camera profiles take no encoding; their size is their own table's resolution
            "dcp", new ExportPlan.Entry("dcp", List.of(), List.of(33)),
            "icc-input", new ExportPlan.Entry("icc-input", List.of(), List.of(33)));

    private ExportPlans() {}

    /** One format's own keys as given; null = not given. */
    record Own(List<String> encodings, List<Integer> sizes) {}

    /** A plan and, for each format and field, the dotted key its values came from. */
    public record Built(ExportPlan plan, Map<String, String> keyOf) {
        /** The key a problem's value came from: {@code exports.FORMAT.FIELD}, {@code exports.FIELD}. */
        public String key(ExportPlan.Problem p) {
            String k = keyOf.getOrDefault(p.format() + p.field(), "");
            return k.isEmpty() ? "exports.formats" : k;
        }

        /** The problem in the words of its source: {@code key: message}, with how to fix a shared key. */
        public String describe(ExportPlan.Problem p) {
            return key(p) + ": " + message(p);
        }

        /** The problem's message, plus a hint when the value came from a key all formats share. */
        String message(ExportPlan.Problem p) {
            String key = key(p);
            if (p.field() == ExportPlan.Field.FORMATS || key.startsWith("exports." + p.format() + ".")) {
                return p.message();
            }
            return p.message() + "; give it its own: [exports." + p.format() + "] "
                    + (p.field() == ExportPlan.Field.SIZES
                            ? "sizes = [" + ExportFormats.get(p.format()).defaultSize() + "]" : "encodings = [\"srgb\"]");
        }
    }

    static Built build(List<String> formats, List<String> encodings, List<Integer> sizes, Map<String, Own> own) {
        Map<String, String> keyOf = new HashMap<>();
        List<ExportPlan.Entry> entries = new ArrayList<>();
        for (String name : formats) {
            if (ExportFormats.BUNDLE.equals(name)) {
                entries.add(new ExportPlan.Entry(name, List.of(), List.of()));
                continue;
            }
            Own mine = own.getOrDefault(name, new Own(null, null));
            ExportPlan.Entry def = OWN_DEFAULTS.get(name);
            String base = "exports." + name;
            keyOf.put(name + ExportPlan.Field.ENCODINGS,
                    mine.encodings() != null ? base + ".encodings" : def != null ? "" : "exports.encodings");
            keyOf.put(name + ExportPlan.Field.SIZES,
                    mine.sizes() != null ? base + ".sizes" : def != null ? "" : "exports.sizes");
            entries.add(new ExportPlan.Entry(name,
                    mine.encodings() != null ? mine.encodings() : def != null ? def.encodings() : encodings,
                    mine.sizes() != null ? mine.sizes() : def != null ? def.sizes() : sizes));
        }
        return new Built(new ExportPlan(entries, List.of()), keyOf);
    }

    /**
     * The plan in a JSON object (the API's {@code "exports"}), checked as a whole.
     *
     * @throws IllegalArgumentException naming every bad field ({@code exports.haldclut.sizes: ...})
     */
    public static ExportPlan fromJson(JsonNode exports) {
        List<String> bad = new ArrayList<>();
        if (!exports.isObject()) {
            throw new IllegalArgumentException("exports must be a JSON object like {\"formats\": [\"cube\"], ...}");
        }
        List<String> formats = strings(exports, "formats", "exports.formats", FORMATS, bad);
        List<String> encodings = strings(exports, "encodings", "exports.encodings", ENCODINGS, bad);
        List<Integer> sizes = integers(exports, "sizes", "exports.sizes", SIZES, bad);
        Map<String, Own> own = new LinkedHashMap<>();
        for (var it = exports.fields(); it.hasNext(); ) {
            var f = it.next();
            if (List.of("formats", "encodings", "sizes").contains(f.getKey())) {
                continue;
            }
            String base = "exports." + f.getKey();
            if (!ExportFormats.isLut(f.getKey()) || !f.getValue().isObject()) {
                bad.add(base + ": unknown field; give formats, encodings, sizes, or a format's own"
                        + " {\"encodings\": [...], \"sizes\": [...]} under its name");
                continue;
            }
            own.put(f.getKey(), new Own(strings(f.getValue(), "encodings", base + ".encodings", null, bad),
                    integers(f.getValue(), "sizes", base + ".sizes", null, bad)));
        }
        if (bad.isEmpty()) {
            Built built = build(formats, encodings, sizes, own);
            built.plan().problems().forEach(p -> bad.add(built.describe(p)));
            if (bad.isEmpty()) {
                return built.plan();
            }
        }
        throw new IllegalArgumentException(String.join("; ", bad));
    }

    private static List<String> strings(JsonNode o, String field, String key, List<String> def, List<String> bad) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.isTextual() ? e.asText() : null));
        }
        if (!v.isArray() || out.contains(null)) {
            bad.add(key + ": must be an array of strings");
        }
        return out;
    }

    private static List<Integer> integers(JsonNode o, String field, String key, List<Integer> def, List<String> bad) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        List<Integer> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.isInt() ? e.asInt() : null));
        }
        if (!v.isArray() || out.contains(null)) {
            bad.add(key + ": must be an array of integers");
        }
        return out;
    }
}
