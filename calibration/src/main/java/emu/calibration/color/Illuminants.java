package emu.calibration.color;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chromaticities of illuminants by name, for models that take the light as a feature.
 *
 * <ul>
 *   <li>CIE standard illuminants (A, D50, D55, D65, D75, FL2/4/7/11, LED-B1..B5, LED-BH1,
 *       LED-RGB1, LED-V1, LED-V2): the table {@code illuminant_chromaticities.csv}, computed from
 *       their SPDs with the CIE 1931 CMFs (see that file and IlluminantChromaticitiesTest).</li>
 *   <li>{@code 3200K}, {@code 5600K}, ...: a Planckian radiator, Planck's law with
 *       c2 = 1.4388e-2 m K (CIE 15:2004 section 3.1) integrated against the CIE 1931 CMFs.</li>
 *   <li>{@code D60}, {@code D93}, ... (any Dnn not in the table): CIE daylight at
 *       CCT = nn * 100 * 1.4388 / 1.4380, CIE 15:2004 eq. 3.3-3.4.</li>
 * </ul>
 * Names are matched case-insensitively; {@code F2} is accepted for {@code FL2}.
 */
public final class Illuminants {

    private static final Map<String, double[]> TABLE = loadTable();
    private static final double[][] CMFS = loadCmfs();
    private static final Pattern KELVIN = Pattern.compile("(\\d{3,5}(?:\\.\\d+)?)\\s*K");
    private static final Pattern DAYLIGHT = Pattern.compile("D(\\d{2,3})");
    private static final Pattern FLUORESCENT = Pattern.compile("F(\\d{1,2})");

    private Illuminants() {}

    /** The table's names in file order. */
    public static List<String> tabulated() {
        return Collections.unmodifiableList(new ArrayList<>(TABLE.keySet()));
    }

    /** CIE 1931 xy of the illuminant called {@code name}, if the name is understood. */
    public static Optional<double[]> xy(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        double[] t = TABLE.get(n);
        if (t == null) {
            Matcher f = FLUORESCENT.matcher(n);
            if (f.matches()) {
                t = TABLE.get("FL" + f.group(1));
            }
        }
        if (t != null) {
            return Optional.of(t.clone());
        }
        Matcher k = KELVIN.matcher(n);
        if (k.matches()) {
            double cct = Double.parseDouble(k.group(1));
            if (cct >= 1000 && cct <= 25000) {
                return Optional.of(planckXy(cct));
            }
        }
        Matcher d = DAYLIGHT.matcher(n);
        if (d.matches()) {
            double cct = Integer.parseInt(d.group(1)) * 100 * 1.4388 / 1.4380;
            if (cct >= 4000 && cct <= 25000) {
                return Optional.of(daylightXy(cct));
            }
        }
        return Optional.empty();
    }

    /** xy of a Planckian radiator at {@code kelvin}, Planck's law against the CIE 1931 CMFs. */
    public static double[] planckXy(double kelvin) {
        double c2 = 1.4388e-2;
        double x = 0, y = 0, z = 0;
        for (double[] row : CMFS) {
            double lambda = row[0] * 1e-9;
            double m = Math.pow(lambda, -5) / Math.expm1(c2 / (lambda * kelvin));
            x += m * row[1];
            y += m * row[2];
            z += m * row[3];
        }
        double s = x + y + z;
        return new double[] {x / s, y / s};
    }

    /** xy of CIE daylight at correlated colour temperature {@code cct} (4000-25000 K), CIE 15:2004 eq. 3.3-3.4. */
    public static double[] daylightXy(double cct) {
        double t = 1e3 / cct;
        double xd = cct <= 7000
                ? -4.6070 * t * t * t + 2.9678 * t * t + 0.09911 * t + 0.244063
                : -2.0064 * t * t * t + 1.9018 * t * t + 0.24748 * t + 0.237040;
        return new double[] {xd, -3.000 * xd * xd + 2.870 * xd - 0.275};
    }

    /** CIE 1960 UCS (u, v) of a CIE 1931 (x, y): u = 4x / (-2x + 12y + 3), v = 6y / (-2x + 12y + 3). */
    public static double[] uv1960(double[] xy) {
        double d = -2 * xy[0] + 12 * xy[1] + 3;
        return new double[] {4 * xy[0] / d, 6 * xy[1] / d};
    }

    /** CIE 1931 xy of a CIE 1960 (u, v): x = 3u / (2u - 8v + 4), y = 2v / (2u - 8v + 4). */
    public static double[] xyFromUv1960(double[] uv) {
        double d = 2 * uv[0] - 8 * uv[1] + 4;
        return new double[] {3 * uv[0] / d, 2 * uv[1] / d};
    }

    private static Map<String, double[]> loadTable() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String[] f : rows("illuminant_chromaticities.csv")) {
            m.put(f[0].toUpperCase(Locale.ROOT), new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return m;
    }

    private static double[][] loadCmfs() {
        List<String[]> rows = rows("cie1931_2deg_cmfs.csv");
        double[][] out = new double[rows.size()][4];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < 4; c++) {
                out[i][c] = Double.parseDouble(rows.get(i)[c]);
            }
        }
        return out;
    }

    /** Data rows of a bundled CSV: '#' comments and the header skipped. */
    static List<String[]> rows(String resource) {
        try (InputStream in = Illuminants.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource emu/calibration/color/" + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                out.add(line.split(","));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
