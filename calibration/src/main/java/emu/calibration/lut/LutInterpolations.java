package emu.calibration.lut;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of {@link LutInterpolation}s by name: {@code tetrahedral} (default) and {@code trilinear}. */
public final class LutInterpolations {
    private static final Map<String, LutInterpolation> BY_NAME = new LinkedHashMap<>();

    static {
        for (LutInterpolation i : List.of(new Tetrahedral(), new Trilinear())) {
            BY_NAME.put(i.name(), i);
        }
    }

    /** The default: what Resolve and ffmpeg's {@code interp=tetrahedral} use. */
    public static final LutInterpolation TETRAHEDRAL = BY_NAME.get("tetrahedral");
    public static final LutInterpolation TRILINEAR = BY_NAME.get("trilinear");

    private LutInterpolations() {}

    /** @throws IllegalArgumentException naming the known interpolations when {@code name} is not one */
    public static LutInterpolation get(String name) {
        LutInterpolation i = BY_NAME.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown LUT interpolation '" + name + "'; known: " + names());
        }
        return i;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
