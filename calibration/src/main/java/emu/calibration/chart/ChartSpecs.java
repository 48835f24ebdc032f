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
import java.util.Set;

/**
 * The chart registry, name -> {@link ChartSpec}. Patch names and reference luminance come from the
 * resources {@code colorchecker24.csv} and {@code ampas190.csv} (see README.md beside them).
 *
 * <ul>
 *   <li>{@code colorchecker24}: X-Rite ColorChecker Classic, 4 x 6, dark skin ... black, ids
 *       {@code cc24-01} ... {@code cc24-24}. Geometry
 *       from ArgyllCMS's reference chart {@code ref/ColorChecker.cht} (BOXES: 46 x 46 patches at a
 *       52.5 pitch, the patch area's outer corners at about (12, 11.5) and (320, 215) on a 330 x
 *       228 chart), rounded to a 6.5 gap and a 12 border: 332.5 x 227.5 units. The patch grid's
 *       ratios (patch : gap : grid) are what locating and sampling use; the border width only
 *       matters to renderers (the physical card's outer edge is not used). The neutral ramp is
 *       the bottom row, white 9.5
 *       -> black 2.</li>
 *   <li>{@code ampas190}: the 190-patch AMPAS rawtoaces training set on a grid chart of OUR OWN
 *       design (no physical chart of that layout exists): 10 rows x 19 columns, patch i (1-based
 *       name {@code patchN}, id {@code p190-NNN}) at row (i-1) / 19, column (i-1) % 19; square patches of 10 units, 2
 *       unit dark gaps, 6 unit dark border (238 x 130 units). No neutral ramp: its orientation is
 *       told by the luminance order of all 190 patches.</li>
 * </ul>
 */
public final class ChartSpecs {
    public static final String COLORCHECKER24 = "colorchecker24";
    public static final String AMPAS190 = "ampas190";

    private static final Map<String, ChartSpec> REGISTRY = build();

    private ChartSpecs() {}

    /** The chart called {@code name}; the message lists the known names otherwise. */
    public static ChartSpec byName(String name) {
        ChartSpec spec = REGISTRY.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown chart '" + name + "'; known charts: " + names());
        }
        return spec;
    }

    public static Set<String> names() {
        return REGISTRY.keySet();
    }

    public static ChartSpec colorChecker24() {
        return REGISTRY.get(COLORCHECKER24);
    }

    private static Map<String, ChartSpec> build() {
        Map<String, ChartSpec> m = new LinkedHashMap<>();
        List<String[]> cc = patches("colorchecker24.csv", 24);
        m.put(COLORCHECKER24, new ChartSpec(COLORCHECKER24, "X-Rite ColorChecker Classic (24 patches)", 4, 6,
                46.0, 6.5, 12.0, names(cc), "cc24-%02d", values(cc), new int[] {18, 19, 20, 21, 22, 23}));
        List<String[]> ampas = patches("ampas190.csv", 190);
        m.put(AMPAS190, new ChartSpec(AMPAS190, "AMPAS rawtoaces 190-patch set on our 10 x 19 grid chart", 10, 19,
                10.0, 2.0, 6.0, names(ampas), "p190-%03d", values(ampas), new int[0]));
        return Collections.unmodifiableMap(m);
    }

    /** Rows {@code name,Y} of a patch table, with its header and {@code #} comments skipped. */
    static List<String[]> patches(String resource, int expected) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = ChartSpecs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource emu/calibration/chart/" + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 2) {
                    throw new IllegalStateException(resource + ": expected 'patch,Y', got '" + line + "'");
                }
                rows.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chart resource " + resource, e);
        }
        if (rows.size() != expected) {
            throw new IllegalStateException(resource + ": expected " + expected + " patches, found " + rows.size());
        }
        return rows;
    }

    private static List<String> names(List<String[]> rows) {
        return rows.stream().map(r -> r[0]).toList();
    }

    private static double[] values(List<String[]> rows) {
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[1])).toArray();
    }
}
