package emu.station.config;

import emu.calibration.color.Illuminants;
import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code [exports]} and its {@code [exports.FORMAT]} tables read into the export plan
 * ({@link ExportPlans} says what the keys mean and default to). The plan is checked as a whole
 * here, so {@code config check} and the daemon's start refuse what the training could not export,
 * every bad combination at the line and column of the key (or array element) that asks for it.
 */
final class ExportsSection {
    private ExportsSection() {}

    static StationConfig.Exports read(TomlReader r) {
        List<String> formats = r.names("exports.formats", ExportPlans.FORMATS, KnownNames.FORMATS);
        if (formats.isEmpty()) {
            r.problem(TomlReader.key("exports.formats"), "list at least one format");
        }
        List<String> encodings = r.names("exports.encodings", ExportPlans.ENCODINGS, KnownNames.ENCODINGS);
        // Adobe Cube LUT Specification 1.0: LUT_3D_SIZE must be in 2..256.
        List<Integer> sizes = r.integers("exports.sizes", ExportPlans.SIZES, 2, 256);
        Map<String, ExportPlans.Own> own = new HashMap<>();
        // Every LUT format's table is read (so one kept for a format dropped from the list is no error).
        for (String name : KnownNames.FORMATS) {
            if (ExportFormats.isLut(name)) {
                String base = "exports." + name;
                own.put(name, new ExportPlans.Own(
                        r.present(base + ".encodings") ? r.names(base + ".encodings", encodings, KnownNames.ENCODINGS) : null,
                        r.present(base + ".sizes") ? r.integers(base + ".sizes", sizes, 2, 256) : null));
            }
        }
        ExportPlans.Built built = ExportPlans.build(formats, encodings, sizes, own);
        if (!formats.isEmpty()) {
            for (ExportPlan.Problem p : built.plan().problems()) {
                String key = built.key(p);
                r.problemAtElement(key, key.equals("exports.formats") ? p.format() : p.value(), built.message(p));
            }
        }
        return new StationConfig.Exports(built.plan(), alsoLights(r));
    }

    /**
     * {@code also_lights}: lights exported besides the trained ones, each known to calibration's
     * registry (CIE names, {@code nnnnK}, {@code Dnn}); kept by their registry names, so {@code "d55"}
     * and a trained {@code D55} are one light.
     */
    private static List<String> alsoLights(TomlReader r) {
        List<String> out = new ArrayList<>();
        for (String name : r.names("exports.also_lights", List.of(), null)) {
            try {
                String known = Illuminants.get(name).name();
                if (!out.contains(known)) {
                    out.add(known);
                }
            } catch (IllegalArgumentException e) {
                r.problemAtElement("exports.also_lights", name, e.getMessage());
            }
        }
        return List.copyOf(out);
    }
}
