package emu.devices.sim.spectral;

import emu.calibration.chart.ChartSpectra;
import java.util.List;
import java.util.Objects;

/**
 * A named set of reflectance patches: the ColorChecker Classic 24 (BabelColor average, chart
 * order) or the 190-patch AMPAS training set, read from calibration's one copy of the tables
 * ({@link ChartSpectra}). Patch ids are stable and CSV-safe ({@code cc24-01} ... {@code cc24-24},
 * {@code p190-001} ... {@code p190-190}).
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
        return of("cc24", ChartSpectra.colorChecker24());
    }

    /** The 190 AMPAS rawtoaces training reflectances. */
    public static PatchSet ampas190() {
        return of("p190", ChartSpectra.ampas190());
    }

    /** Reflectances as calibration reads them (already clipped at 0: physics needs them non-negative). */
    private static PatchSet of(String name, List<ChartSpectra.Patch> chart) {
        return new PatchSet(name, chart.stream().map(p -> new Patch(p.id(), p.label(), Spectrum.of(p.reflectance()))).toList());
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
