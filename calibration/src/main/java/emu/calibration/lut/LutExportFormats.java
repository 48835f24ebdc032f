package emu.calibration.lut;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of {@link LutExportFormat}s by name: {@code cube}, {@code haldclut}, {@code clf}, {@code ocio},
 * and from {@code emu.calibration.profile}: {@code xmp}, {@code icc}, {@code cube-pq}, {@code cube-hlg}. */
public final class LutExportFormats {
    private static final Map<String, LutExportFormat> BY_NAME = new LinkedHashMap<>();

    static {
        for (LutExportFormat f : List.of(new CubeFormat(), new HaldClutFormat(), new ClfFormat(), new OcioLookFormat())) {
            BY_NAME.put(f.name(), f);
        }
        // xmp, icc, cube-pq, cube-hlg: photo-editor profiles and HDR outputs (issue 10)
        for (LutExportFormat f : emu.calibration.profile.ProfileFormats.all()) {
            BY_NAME.put(f.name(), f);
        }
    }

    private LutExportFormats() {}

    /** @throws IllegalArgumentException naming the known formats when {@code name} is not one */
    public static LutExportFormat get(String name) {
        LutExportFormat f = BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown export format '" + name + "'; known: " + names());
        }
        return f;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
