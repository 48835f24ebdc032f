package emu.devices.sim.spectral;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name -> illuminant registry of the bench: every CIE illuminant in the bundled
 * {@code cie_illuminants.csv} (A, D50, D55, D65, D75, FL2, FL4, FL7, FL11, LED-B1..B5, LED-BH1,
 * LED-RGB1, LED-V1, LED-V2; {@code F11} is accepted for {@code FL11}), and a Planckian radiator at any colour temperature named like
 * {@code 3200K} (1000-25000 K).
 */
public final class Illuminants {
    private static final SpectralTable CIE = SpectralTable.load("cie_illuminants.csv");
    private static final Pattern KELVIN = Pattern.compile("(\\d{3,5}(?:\\.\\d+)?)\\s*[kK]");
    private static final Pattern FLUORESCENT = Pattern.compile("[fF](\\d{1,2})");
    /** Second radiation constant c2 = 1.4388e-2 m·K, the value CIE 15:2004 §3.1 prescribes. */
    private static final double C2 = 1.4388e-2;

    private Illuminants() {}

    /** The tabulated CIE illuminant names, in file order. */
    public static List<String> cieNames() {
        return CIE.names();
    }

    /**
     * The illuminant called {@code name}: a CIE name (case-insensitive) or a colour temperature
     * such as {@code 3200K}.
     *
     * @throws IllegalArgumentException naming the known illuminants if {@code name} is neither
     */
    public static Illuminant get(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an illuminant name is required; known: " + CIE.names() + " or a blackbody like 3200K");
        }
        String trimmed = name.trim();
        for (String cie : CIE.names()) {
            if (cie.equalsIgnoreCase(trimmed)) {
                return Illuminant.normalised(cie, CIE.get(cie));
            }
        }
        Matcher f = FLUORESCENT.matcher(trimmed);
        if (f.matches() && CIE.names().contains("FL" + f.group(1))) {
            // F2, F11, ...: the older CIE spelling of FL2, FL11 (as calibration.color.Illuminants accepts)
            return Illuminant.normalised("FL" + f.group(1), CIE.get("FL" + f.group(1)));
        }
        Matcher m = KELVIN.matcher(trimmed);
        if (m.matches()) {
            double t = Double.parseDouble(m.group(1));
            if (t < 1000 || t > 25000) {
                throw new IllegalArgumentException("blackbody " + trimmed + " is outside 1000-25000 K");
            }
            return blackbody(t);
        }
        throw new IllegalArgumentException("unknown illuminant '" + name + "'; known: " + CIE.names() + " or a blackbody like 3200K");
    }

    /**
     * A Planckian radiator at {@code kelvin}: Planck's law M(λ,T) ∝ λ⁻⁵ / (exp(c2 / λT) − 1)
     * (CIE 15:2004 §3.1, eq. 3.1), named like {@code 3200K}.
     */
    public static Illuminant blackbody(double kelvin) {
        if (!(kelvin >= 1000 && kelvin <= 25000)) {
            throw new IllegalArgumentException("blackbody temperature " + kelvin + " K is outside 1000-25000 K");
        }
        Spectrum spd = Spectrum.sample(nm -> {
            double l = nm * 1e-9;
            return Math.pow(l, -5) / Math.expm1(C2 / (l * kelvin));
        });
        String label = (kelvin == Math.rint(kelvin) ? String.valueOf((long) kelvin) : String.format(Locale.ROOT, "%.1f", kelvin)) + "K";
        return Illuminant.normalised(label, spd);
    }
}
