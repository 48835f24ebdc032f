package emu.devices.sim.spectral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named set of reflectance patches: the ColorChecker Classic 24 (BabelColor average, chart
 * order) or the 190-patch AMPAS training set. Patch ids are stable and CSV-safe
 * ({@code cc24-01} ... {@code cc24-24}, {@code p190-001} ... {@code p190-190}).
 */
public record PatchSet(String name, List<Patch> patches) {
    /** One patch: its id, a human name and its spectral reflectance. */
    public record Patch(String id, String label, Spectrum reflectance) {
        public Patch {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reflectance, "reflectance");
        }
    }

    public PatchSet {
        patches = List.copyOf(patches);
    }

    /** The ColorChecker Classic 24, in chart order (dark skin first, black last). */
    public static PatchSet colorChecker24() {
        return fromTable("cc24", SpectralTable.load("colorchecker24_babelcolor_avg.csv"), "cc24-%02d");
    }

    /** The 190 AMPAS rawtoaces training reflectances. */
    public static PatchSet ampas190() {
        return fromTable("p190", SpectralTable.load("ampas_190_patches.csv"), "p190-%03d");
    }

    private static PatchSet fromTable(String name, SpectralTable table, String idFormat) {
        List<Patch> list = new ArrayList<>();
        int i = 1;
        for (String col : table.names()) {
            // measured reflectances dip a hair below 0 from noise; physics needs them non-negative
            list.add(new Patch(String.format(Locale.ROOT, idFormat, i++), col, table.get(col).map(v -> Math.max(0, v))));
        }
        return new PatchSet(name, list);
    }

    /** Number of patches. */
    public int size() {
        return patches.size();
    }

    /** Patch {@code i} (0-based). */
    public Patch get(int i) {
        return patches.get(i);
    }
}
