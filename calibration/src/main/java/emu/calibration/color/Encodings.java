package emu.calibration.color;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The name -> {@link Encoding} registry: {@code linear}, {@code srgb}, {@code rec709},
 * {@code acescct}, {@code logc3}, {@code slog3}, {@code pq}, {@code hlg}.
 */
public final class Encodings {

    /** The identity: scene-linear values stored as they are. */
    public static final Encoding LINEAR = new Encoding() {
        @Override public String name() { return "linear"; }
        @Override public double encode(double linear) { return linear; }
        @Override public double decode(double code) { return code; }
    };

    private static final Map<String, Encoding> BY_NAME = new LinkedHashMap<>();

    static {
        for (Encoding e : List.of(LINEAR, Srgb.INSTANCE, Rec709.INSTANCE, AcesCct.INSTANCE,
                LogC3.INSTANCE, SLog3.INSTANCE, Pq.INSTANCE, Hlg.INSTANCE)) {
            BY_NAME.put(e.name(), e);
        }
    }

    private Encodings() {}

    /**
     * The encoding registered as {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known encodings if there is none
     */
    public static Encoding get(String name) {
        Encoding e = name == null ? null : BY_NAME.get(name.toLowerCase(java.util.Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("unknown encoding '" + name + "'; known: " + String.join(", ", names()));
        }
        return e;
    }

    /** The registered names in registration order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.keySet()));
    }
}
