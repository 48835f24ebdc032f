package emu.calibration.color;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THE illuminant registry: every light the station, the fitters, the exports and the virtual
 * bench know, by name, with its family, chromaticity and spectrum ({@link Illuminant}).
 *
 * <ul>
 *   <li>Tabulated CIE illuminants (A, D50, D55, D65, D75, FL2/4/7/11, LED-B1..B5, LED-BH1,
 *       LED-RGB1, LED-V1, LED-V2): relative SPDs from {@code cie_illuminants.csv} (the CIE 15:2018
 *       tables as colour-science distributes them), xy from {@code illuminant_chromaticities.csv}
 *       (those SPDs against the CIE 1931 CMFs; IlluminantChromaticitiesTest regenerates it).
 *       {@code F2}, {@code F11}, ... (the older CIE spelling) are aliases of {@code FL2}, {@code FL11}.</li>
 *   <li>{@code 3200K}, {@code 5600K}, ...: a Planckian radiator, Planck's law with
 *       c2 = 1.4388e-2 m K (CIE 15:2018 §4.1, as in CIE 15:2004 §3.1), 1000-25000 K.</li>
 *   <li>{@code D60}, {@code D93}, ... (any Dnn not tabulated): CIE daylight at
 *       CCT = nn * 100 * 1.4388 / 1.4380 (the c2 change since the names were given), 4000-25000 K;
 *       xy by the CIE daylight-locus formula, SPD = S0 + M1 S1 + M2 S2 from the CIE daylight
 *       components ({@code cie_daylight_components.csv}).</li>
 * </ul>
 * Names are matched case-insensitively; an entry carries its canonical spelling. A name the
 * registry does not know is an {@link IllegalArgumentException} from {@link #get} naming it and
 * what is known; {@link #find} answers empty instead, for callers with a fallback (a fitter that
 * estimates an unknown light from its pairs).
 */
public final class Illuminants {

    private static final double[][] CMFS = loadCmfs();
    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();
    private static final Map<String, double[]> SPECTRA = loadSpectra();
    private static final Map<String, double[]> TABLE = loadTable();
    private static final double[][] DAYLIGHT = loadDaylightComponents();
    /** Second radiation constant, m K (CIE 15:2018 §4.1; CIE 15:2004 §3.1). */
    private static final double C2 = 1.4388e-2;
    private static final Pattern KELVIN = Pattern.compile("(\\d{3,5}(?:\\.\\d+)?)\\s*K");
    private static final Pattern DAYLIGHT_NAME = Pattern.compile("D(\\d{2,3})");
    private static final Pattern FLUORESCENT = Pattern.compile("F(\\d{1,2})");

    private Illuminants() {}

    /** The tabulated CIE names in file order. */
    public static List<String> tabulated() {
        return List.copyOf(CANONICAL.values());
    }

    /**
     * The light called {@code name}.
     *
     * @throws IllegalArgumentException naming {@code name} and the known names when the registry
     *     does not know it, or the valid range when a temperature or daylight name is out of it
     */
    public static Illuminant get(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an illuminant name is required; known: " + known());
        }
        Optional<Illuminant> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (KELVIN.matcher(n).matches()) {
            throw new IllegalArgumentException("illuminant '" + name.trim()
                    + "': a Planckian radiator is known from 1000 to 25000 K");
        }
        if (DAYLIGHT_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("illuminant '" + name.trim()
                    + "': CIE daylight is defined from 4000 to 25000 K (D40 to D249)");
        }
        throw new IllegalArgumentException("unknown illuminant '" + name.trim() + "'; known: " + known());
    }

    /** The light called {@code name}, or empty when the registry does not know it. */
    public static Optional<Illuminant> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        Matcher f = FLUORESCENT.matcher(n);
        String key = f.matches() && CANONICAL.containsKey("FL" + f.group(1)) ? "FL" + f.group(1) : n;
        String canonical = CANONICAL.get(key);
        if (canonical != null) {
            return Optional.of(new Illuminant(canonical, family(canonical), TABLE.get(key), SPECTRA.get(key)));
        }
        Matcher k = KELVIN.matcher(n);
        if (k.matches()) {
            double cct = Double.parseDouble(k.group(1));
            return cct >= 1000 && cct <= 25000 ? Optional.of(planck(cct)) : Optional.empty();
        }
        Matcher d = DAYLIGHT_NAME.matcher(n);
        if (d.matches()) {
            double cct = Integer.parseInt(d.group(1)) * 100 * 1.4388 / 1.4380;
            return cct >= 4000 && cct <= 25000 ? Optional.of(daylight(n, cct)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** CIE 1931 xy of the illuminant called {@code name}, if the registry knows it. */
    public static Optional<double[]> xy(String name) {
        return find(name).map(Illuminant::xy);
    }

    /**
     * A Planckian radiator at {@code kelvin} (1000-25000 K), named like {@code 3200K}: relative
     * SPD M(l, T) = l^-5 / (exp(c2 / l T) - 1) (CIE 15:2018 §4.1, Planck's law).
     */
    public static Illuminant planck(double kelvin) {
        if (!(kelvin >= 1000 && kelvin <= 25000)) {
            throw new IllegalArgumentException("a Planckian radiator at " + kelvin + " K is outside 1000-25000 K");
        }
        double[] spd = planckSpd(kelvin);
        String label = (kelvin == Math.rint(kelvin) ? String.valueOf((long) kelvin)
                : String.format(Locale.ROOT, "%.1f", kelvin)) + "K";
        return new Illuminant(label, Illuminant.Family.PLANCKIAN, chromaticity(spd), spd);
    }

    /** xy of a Planckian radiator at {@code kelvin}, Planck's law against the CIE 1931 CMFs. */
    public static double[] planckXy(double kelvin) {
        return chromaticity(planckSpd(kelvin));
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

    /**
     * CIE daylight at {@code cct}: xy on the daylight locus ({@link #daylightXy}), and
     * S(l) = S0(l) + M1 S1(l) + M2 S2(l) with M = 0.0241 + 0.2562 xD - 0.7341 yD,
     * M1 = (-1.3515 - 1.7703 xD + 5.9114 yD) / M, M2 = (0.0300 - 31.4424 xD + 30.0717 yD) / M,
     * M1 and M2 rounded to three decimals as the CIE does for its tabulated D illuminants
     * (CIE 15:2018 §4.1, CIE daylight illuminants).
     */
    static Illuminant daylight(String name, double cct) {
        double[] xy = daylightXy(cct);
        double m = 0.0241 + 0.2562 * xy[0] - 0.7341 * xy[1];
        double m1 = Math.round((-1.3515 - 1.7703 * xy[0] + 5.9114 * xy[1]) / m * 1000) / 1000.0;
        double m2 = Math.round((0.0300 - 31.4424 * xy[0] + 30.0717 * xy[1]) / m * 1000) / 1000.0;
        double[] spd = new double[Illuminant.SIZE];
        for (int i = 0; i < spd.length; i++) {
            spd[i] = DAYLIGHT[i][1] + m1 * DAYLIGHT[i][2] + m2 * DAYLIGHT[i][3];
        }
        return new Illuminant(name, Illuminant.Family.DAYLIGHT, xy, spd);
    }

    /** The CIE 1931 ybar on the registry's grid, for {@link Illuminant#unitLuminanceSpd}. */
    static double[] yBar() {
        double[] y = new double[CMFS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = CMFS[i][2];
        }
        return y;
    }

    private static double[] planckSpd(double kelvin) {
        double[] spd = new double[Illuminant.SIZE];
        for (int i = 0; i < spd.length; i++) {
            double lambda = Illuminant.wavelength(i) * 1e-9;
            spd[i] = Math.pow(lambda, -5) / Math.expm1(C2 / (lambda * kelvin));
        }
        return spd;
    }

    /** xy of a spectrum: X = sum S(l) xbar(l), likewise Y and Z (CIE 15:2018 §7.1). */
    private static double[] chromaticity(double[] spd) {
        double x = 0, y = 0, z = 0;
        for (int i = 0; i < spd.length; i++) {
            x += spd[i] * CMFS[i][1];
            y += spd[i] * CMFS[i][2];
            z += spd[i] * CMFS[i][3];
        }
        double s = x + y + z;
        return new double[] {x / s, y / s};
    }

    private static Illuminant.Family family(String canonical) {
        if (canonical.startsWith("LED")) {
            return Illuminant.Family.LED;
        }
        if (canonical.startsWith("FL")) {
            return Illuminant.Family.FLUORESCENT;
        }
        if (canonical.equals("A")) {
            return Illuminant.Family.INCANDESCENT;
        }
        return DAYLIGHT_NAME.matcher(canonical).matches() ? Illuminant.Family.DAYLIGHT : Illuminant.Family.OTHER;
    }

    private static String known() {
        return String.join(", ", CANONICAL.values()) + " (F2, F11, ... for FL2, FL11), CIE daylight D40-D249 (e.g. D93)"
                + " or a Planckian radiator 1000K-25000K (e.g. 3200K)";
    }

    private static Map<String, double[]> loadSpectra() {
        List<String[]> rows = rows("cie_illuminants.csv", true);
        String[] names = rows.get(0);
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int c = 1; c < names.length; c++) {
            double[] spd = new double[rows.size() - 1];
            for (int i = 0; i < spd.length; i++) {
                spd[i] = Double.parseDouble(rows.get(i + 1)[c]);
            }
            String key = names[c].toUpperCase(Locale.ROOT);
            CANONICAL.put(key, names[c]);
            m.put(key, spd);
        }
        return m;
    }

    private static Map<String, double[]> loadTable() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String[] f : rows("illuminant_chromaticities.csv")) {
            m.put(f[0].toUpperCase(Locale.ROOT), new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        if (!m.keySet().equals(CANONICAL.keySet())) {
            throw new IllegalStateException("illuminant_chromaticities.csv lists " + m.keySet()
                    + " but cie_illuminants.csv " + CANONICAL.keySet() + ": regenerate the table");
        }
        return m;
    }

    private static double[][] loadCmfs() {
        return numbers("cie1931_2deg_cmfs.csv", 4);
    }

    private static double[][] loadDaylightComponents() {
        return numbers("cie_daylight_components.csv", 4);
    }

    /** The rows of a bundled numeric CSV on the 380-780 / 5 nm grid, the wavelength column checked. */
    private static double[][] numbers(String resource, int columns) {
        List<String[]> rows = rows(resource);
        if (rows.size() != Illuminant.SIZE) {
            throw new IllegalStateException(resource + ": " + rows.size() + " rows, expected " + Illuminant.SIZE);
        }
        double[][] out = new double[rows.size()][columns];
        for (int i = 0; i < out.length; i++) {
            if (Double.parseDouble(rows.get(i)[0]) != Illuminant.wavelength(i)) {
                throw new IllegalStateException(resource + ": row " + (i + 1) + " is not " + Illuminant.wavelength(i) + " nm");
            }
            for (int c = 0; c < columns; c++) {
                out[i][c] = Double.parseDouble(rows.get(i)[c]);
            }
        }
        return out;
    }

    /** Data rows of a bundled CSV: '#' comments and the header skipped. */
    static List<String[]> rows(String resource) {
        return rows(resource, false);
    }

    private static List<String[]> rows(String resource, boolean keepHeader) {
        try (InputStream in = Illuminants.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource emu/calibration/color/" + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            boolean header = !keepHeader;
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
