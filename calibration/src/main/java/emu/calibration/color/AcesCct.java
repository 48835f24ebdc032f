package emu.calibration.color;

/**
 * ACEScct, Academy S-2016-001 (ACEScct - A Quasi-Logarithmic Encoding of ACES Data), section
 * 4.4: a toe segment 10.5402377416545 x + 0.0729055341958355 up to x = 0.0078125 (2^-7), then
 * (log2(x) + 9.72) / 17.52; decoding clamps at the half-float maximum 65504 as the spec does.
 * The curve only: the values are ACES AP1 ({@link RgbSpace#ACES_AP1}).
 */
public final class AcesCct implements Encoding {
    public static final AcesCct INSTANCE = new AcesCct();

    private static final double X_BRK = 0.0078125;
    private static final double Y_BRK = 0.155251141552511;
    private static final double A = 10.5402377416545;
    private static final double B = 0.0729055341958355;
    private static final double HALF_MAX = 65504.0;

    private AcesCct() {}

    @Override
    public String name() {
        return "acescct";
    }

    @Override
    public double encode(double linear) {
        return linear <= X_BRK ? A * linear + B : (Math.log(linear) / Math.log(2) + 9.72) / 17.52;
    }

    @Override
    public double decode(double code) {
        if (code <= Y_BRK) {
            return (code - B) / A;
        }
        double upper = (Math.log(HALF_MAX) / Math.log(2) + 9.72) / 17.52;
        return code < upper ? Math.pow(2, code * 17.52 - 9.72) : HALF_MAX;
    }
}
