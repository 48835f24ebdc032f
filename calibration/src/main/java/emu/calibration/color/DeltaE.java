package emu.calibration.color;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A colour difference between two CIELAB colours, and the name -> formula registry
 * ({@code cie76}, {@code ciede2000}).
 */
public interface DeltaE {

    /** CIE 1976: Euclidean distance in L*a*b* (CIE 15:2004 eq. 8.9). */
    DeltaE CIE76 = new DeltaE() {
        @Override public String name() { return "cie76"; }
        @Override public double between(double[] lab1, int o1, double[] lab2, int o2) {
            double dl = lab1[o1] - lab2[o2];
            double da = lab1[o1 + 1] - lab2[o2 + 1];
            double db = lab1[o1 + 2] - lab2[o2 + 2];
            return Math.sqrt(dl * dl + da * da + db * db);
        }
    };

    /** CIEDE2000 with kL = kC = kH = 1 ({@link Ciede2000}). */
    DeltaE CIEDE2000 = new Ciede2000(1, 1, 1);

    String name();

    /** The difference between the triples at {@code lab1[o1..]} and {@code lab2[o2..]}. */
    double between(double[] lab1, int o1, double[] lab2, int o2);

    /** The difference between two L*a*b* triples. */
    default double between(double[] lab1, double[] lab2) {
        return between(lab1, 0, lab2, 0);
    }

    /** Per-row differences of two row-major n x 3 L*a*b* arrays. */
    default double[] rows(double[] lab1, double[] lab2) {
        if (lab1.length != lab2.length) {
            throw new IllegalArgumentException("row counts differ: " + lab1.length / 3 + " vs " + lab2.length / 3);
        }
        double[] out = new double[lab1.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = between(lab1, 3 * i, lab2, 3 * i);
        }
        return out;
    }

    /**
     * The formula registered as {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known formulas if there is none
     */
    static DeltaE get(String name) {
        DeltaE d = name == null ? null : Registry.BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("unknown colour difference '" + name + "'; known: " + String.join(", ", names()));
        }
        return d;
    }

    /** The registered names. */
    static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(Registry.BY_NAME.keySet()));
    }

    /** Holder so the registry is built after the constants. */
    final class Registry {
        private static final Map<String, DeltaE> BY_NAME = new LinkedHashMap<>();

        static {
            BY_NAME.put(CIE76.name(), CIE76);
            BY_NAME.put(CIEDE2000.name(), CIEDE2000);
        }

        private Registry() {}
    }
}
