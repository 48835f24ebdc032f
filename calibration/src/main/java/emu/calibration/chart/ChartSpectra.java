package emu.calibration.chart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measured reflectances of the charts' patches (the one copy of them: the simulator in
 * {@code devices} reads them here), on the 380-780 nm grid in 5 nm steps (81 samples): the
 * ColorChecker Classic 24 (BabelColor average) and the AMPAS rawtoaces 190 patches, from
 * {@code colorchecker24_babelcolor_avg.csv} and {@code ampas_190_patches.csv} (sources and licence:
 * README.md and NOTICE beside them). Patches are named by their {@link ChartSpec#patchId} ids, the
 * {@code patch} column of the pairs CSV ({@code cc24-01}, {@code p190-001}).
 */
public final class ChartSpectra {
    /** First wavelength, nm. */
    public static final int START_NM = 380;
    /** Grid step, nm. */
    public static final int STEP_NM = 5;
    /** Samples per reflectance: 380-780 nm by 5 nm. */
    public static final int SIZE = 81;

    /** One patch: its id, the table's column name for it, its reflectance (read-only use; copies are handed out). */
    public record Patch(String id, String label, double[] reflectance) {
        public Patch {
            reflectance = reflectance.clone();
        }

        @Override
        public double[] reflectance() {
            return reflectance.clone();
        }
    }

    private static final Map<String, List<Patch>> CHARTS = load();
    private static final Map<String, double[]> BY_ID = index();

    private ChartSpectra() {}

    /** The ColorChecker 24's patches in chart order (dark skin first, black last). */
    public static List<Patch> colorChecker24() {
        return CHARTS.get(ChartSpecs.COLORCHECKER24);
    }

    /** The 190 AMPAS patches in their table's order. */
    public static List<Patch> ampas190() {
        return CHARTS.get(ChartSpecs.AMPAS190);
    }

    /** The reflectance of the patch with this id (a copy); empty for an id no table names. */
    public static Optional<double[]> reflectance(String patchId) {
        double[] r = BY_ID.get(patchId);
        return r == null ? Optional.empty() : Optional.of(r.clone());
    }

    /** Every known patch id with its reflectance (copies), ColorChecker 24 first, then AMPAS 190. */
    public static Map<String, double[]> byId() {
        Map<String, double[]> out = new LinkedHashMap<>();
        BY_ID.forEach((id, r) -> out.put(id, r.clone()));
        return out;
    }

    private static Map<String, List<Patch>> load() {
        Map<String, List<Patch>> m = new LinkedHashMap<>();
        m.put(ChartSpecs.COLORCHECKER24, read("colorchecker24_babelcolor_avg.csv", ChartSpecs.colorChecker24()));
        m.put(ChartSpecs.AMPAS190, read("ampas_190_patches.csv", ChartSpecs.byName(ChartSpecs.AMPAS190)));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, double[]> index() {
        Map<String, double[]> m = new LinkedHashMap<>();
        CHARTS.values().forEach(list -> list.forEach(p -> m.put(p.id(), p.reflectance)));
        return Collections.unmodifiableMap(m);
    }

    /** Columns in chart order, one row per wavelength; ids from the chart's registry entry. */
    private static List<Patch> read(String file, ChartSpec chart) {
        String path = "/emu/calibration/chart/" + file;
        try (InputStream in = ChartSpectra.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("reflectance table " + path + " is missing from the classpath: rebuild calibration");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] names = r.readLine().split(",", -1);
            if (!names[0].equals("nm") || names.length != chart.patchCount() + 1) {
                throw new IllegalStateException(path + ":1: expected nm and " + chart.patchCount() + " patch columns");
            }
            double[][] cols = new double[chart.patchCount()][SIZE];
            int row = 0;
            int lineNo = 1;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (row >= SIZE || cells.length != names.length || Double.parseDouble(cells[0]) != START_NM + STEP_NM * row) {
                    throw new IllegalStateException(path + ":" + lineNo + ": expected " + names.length + " cells at "
                            + (START_NM + STEP_NM * row) + " nm");
                }
                for (int c = 1; c < names.length; c++) {
                    // measured reflectances dip a hair below 0 from noise; physics needs them non-negative
                    cols[c - 1][row] = Math.max(0, Double.parseDouble(cells[c]));
                }
                row++;
            }
            if (row != SIZE) {
                throw new IllegalStateException(path + ": " + row + " wavelengths, expected " + SIZE + " (380-780 nm by 5 nm)");
            }
            List<Patch> out = new ArrayList<>();
            for (int c = 0; c < cols.length; c++) {
                out.add(new Patch(chart.patchId(c), names[c + 1], cols[c]));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reflectance table " + path, e);
        }
    }
}
