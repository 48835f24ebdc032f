package emu.station.config;

import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code [exports]}: the export plan of every training. {@code formats}, {@code encodings} and
 * {@code sizes} apply to every format; a {@code [exports.FORMAT]} table gives one format its own
 * {@code encodings} and/or {@code sizes}. The photo-editor formats have their own defaults
 * ({@link #OWN_DEFAULTS}: sRGB input, the lattice they take), every other format defaults to the
 * {@code [exports]} keys; the code's defaults are the shipped {@code config.toml}'s values. The plan is checked as a whole here, so {@code config check} and the daemon's start
 * refuse what the training could not export, each bad combination at the line of the key (or
 * array element) that asks for it.
 */
final class ExportsSection {
    static final List<String> FORMATS = List.of("cube", "haldclut", "xmp", "icc", ExportFormats.BUNDLE);
    static final List<String> ENCODINGS = List.of("acescct", "logc3", "srgb");
    static final List<Integer> SIZES = List.of(33, 65);
    /**
     * Formats whose table defaults to its own values: photo editors hand the look sRGB images; a
     * HaldCLUT takes L^2 points (64 = level 8), Camera Raw's table at most 32, an ICC CLUT 33.
     */
    static final Map<String, ExportPlan.Entry> OWN_DEFAULTS = Map.of(
            "haldclut", new ExportPlan.Entry("haldclut", List.of("srgb"), List.of(64)),
            "xmp", new ExportPlan.Entry("xmp", List.of("srgb"), List.of(32)),
            "icc", new ExportPlan.Entry("icc", List.of("srgb"), List.of(33)));

    private ExportsSection() {}

    static StationConfig.Exports read(TomlReader r) {
        List<String> formats = r.names("exports.formats", FORMATS, KnownNames.FORMATS);
        if (formats.isEmpty()) {
            r.problem(TomlReader.key("exports.formats"), "list at least one format");
        }
        List<String> encodings = r.names("exports.encodings", ENCODINGS, KnownNames.ENCODINGS);
        // Adobe Cube LUT Specification 1.0: LUT_3D_SIZE must be in 2..256.
        List<Integer> sizes = r.integers("exports.sizes", SIZES, 2, 256);
        // Where each format's encodings and sizes came from, to put a problem on that line.
        Map<String, String> keyOf = new HashMap<>();
        List<ExportPlan.Entry> entries = new ArrayList<>();
        // Every LUT format's table is read (so one kept for a format dropped from the list is no error).
        for (String name : KnownNames.FORMATS) {
            if (!ExportFormats.isLut(name)) {
                continue;
            }
            String base = "exports." + name;
            ExportPlan.Entry own = OWN_DEFAULTS.get(name);
            String encKey = r.present(base + ".encodings") ? base + ".encodings" : own != null ? "" : "exports.encodings";
            List<String> enc = r.names(base + ".encodings", own != null ? own.encodings() : encodings,
                    KnownNames.ENCODINGS);
            String sizeKey = r.present(base + ".sizes") ? base + ".sizes" : own != null ? "" : "exports.sizes";
            List<Integer> fmtSizes = r.integers(base + ".sizes", own != null ? own.sizes() : sizes, 2, 256);
            keyOf.put(name + ExportPlan.Field.ENCODINGS, encKey);
            keyOf.put(name + ExportPlan.Field.SIZES, sizeKey);
            if (formats.contains(name)) {
                entries.add(new ExportPlan.Entry(name, enc, fmtSizes));
            }
        }
        if (formats.contains(ExportFormats.BUNDLE)) {
            entries.add(new ExportPlan.Entry(ExportFormats.BUNDLE, List.of(), List.of()));
        }
        ExportPlan plan = new ExportPlan(entries, List.of());
        if (!formats.isEmpty()) {
            for (ExportPlan.Problem p : plan.problems()) {
                String key = keyOf.getOrDefault(p.format() + p.field(), "exports.formats");
                String hint = key.startsWith("exports." + p.format() + ".") ? ""
                        : "; give it its own: [exports." + p.format() + "] " + (p.field() == ExportPlan.Field.SIZES
                                ? "sizes = [" + ExportFormats.get(p.format()).defaultSize() + "]"
                                : "encodings = [\"srgb\"]");
                r.problemAtElement(key.isEmpty() ? "exports.formats" : key, key.isEmpty() ? p.format() : p.value(),
                        p.message() + hint);
            }
        }
        return new StationConfig.Exports(plan);
    }
}
