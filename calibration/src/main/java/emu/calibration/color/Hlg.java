package emu.calibration.color;

/**
 * Hybrid log-gamma OETF, ITU-R BT.2100-2 Table 5: E' = sqrt(3 E) for 0 &lt;= E &lt;= 1/12, else
 * a ln(12 E - b) + c with a = 0.17883277, b = 1 - 4a, c = 0.5 - a ln(4a); decode is the inverse
 * OETF. Scene-linear E is taken as is (1.0 = the OETF's nominal peak); negative values are
 * odd-extended.
 */
public final class Hlg implements Encoding {
    public static final Hlg INSTANCE = new Hlg();

    private static final double A = 0.17883277;
    private static final double B = 1 - 4 * A;
    private static final double C = 0.5 - A * Math.log(4 * A);

    private Hlg() {}

    @Override
    public String name() {
        return "hlg";
    }

    @Override
    public double encode(double linear) {
        return Encoding.odd(linear, e -> e <= 1.0 / 12 ? Math.sqrt(3 * e) : A * Math.log(12 * e - B) + C);
    }

    @Override
    public double decode(double code) {
        return Encoding.odd(code, v -> v <= 0.5 ? v * v / 3 : (Math.exp((v - C) / A) + B) / 12);
    }
}
