package emu.calibration.export;

import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.LutFormats;
import emu.calibration.profile.CameraProfileFormats;
import emu.calibration.profile.ProfileFormats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of export formats by name: the LUT files of {@code emu.calibration.lut}
 * ({@code cube}, {@code haldclut}, {@code clf}, {@code ocio}), the photo-editor profiles and HDR
 * outputs of {@code emu.calibration.profile} ({@code xmp}, {@code icc}, {@code cube-pq},
 * {@code cube-hlg}), the camera profiles made from the model ({@code dcp}, {@code icc-input}:
 * {@code emu.calibration.profile.CameraProfileFormat}, no input encoding), and {@value #BUNDLE}: the archival zip of a whole model ({@link ModelBundle}),
 * one per model rather than one per illuminant and encoding.
 */
public final class ExportFormats {
    /** The archival bundle's format name. */
    public static final String BUNDLE = "bundle";

    private static final Map<String, LutExportFormat> BY_NAME = new LinkedHashMap<>();

    static {
        for (LutExportFormat f : LutFormats.all()) {
            BY_NAME.put(f.name(), f);
        }
        for (LutExportFormat f : ProfileFormats.all()) {
            BY_NAME.put(f.name(), f);
        }
        // dcp, icc-input: camera profiles made from the model itself (issue 19)
        for (LutExportFormat f : CameraProfileFormats.all()) {
            BY_NAME.put(f.name(), f);
        }
    }

    private ExportFormats() {}

    /**
     * The LUT format called {@code name}.
     *
     * @throws IllegalArgumentException naming the known formats when {@code name} is not a LUT format
     */
    public static LutExportFormat get(String name) {
        LutExportFormat f = BY_NAME.get(name);
        if (f == null) {
            throw new IllegalArgumentException(BUNDLE.equals(name)
                    ? "the bundle is one archive per model, not a LUT format"
                    : "unknown export format '" + name + "'; known: " + String.join(", ", names()));
        }
        return f;
    }

    /** Whether {@code name} is a per-illuminant LUT format (everything but the bundle). */
    public static boolean isLut(String name) {
        return BY_NAME.containsKey(name);
    }

    /** Every format name, the bundle last. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(BY_NAME.keySet());
        out.add(BUNDLE);
        return List.copyOf(out);
    }
}
