package emu.calibration.color;

/**
 * ARRI LogC3 at EI 800 (ARRI, "ALEXA Log C Curve - Usage in VFX", 2017-03, table "LogC v3
 * parameters", EI 800 row; scene-linear reflection, 0.18 -> 0.391007):
 * t = c log10(a x + b) + d for x &gt; cut, else e x + f. The values are in ARRI Wide Gamut 3
 * ({@link RgbSpace#ARRI_WIDE_GAMUT_3}).
 */
public final class LogC3 implements Encoding {
    public static final LogC3 INSTANCE = new LogC3();

    private static final double CUT = 0.010591;
    private static final double A = 5.555556;
    private static final double B = 0.052272;
    private static final double C = 0.247190;
    private static final double D = 0.385537;
    private static final double E = 5.367655;
    private static final double F = 0.092809;

    private LogC3() {}

    @Override
    public String name() {
        return "logc3";
    }

    @Override
    public double encode(double linear) {
        return linear > CUT ? C * Math.log10(A * linear + B) + D : E * linear + F;
    }

    @Override
    public double decode(double code) {
        return code > E * CUT + F ? (Math.pow(10, (code - D) / C) - B) / A : (code - F) / E;
    }
}
