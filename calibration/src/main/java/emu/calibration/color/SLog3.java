package emu.calibration.color;

/**
 * Sony S-Log3 (Sony, "Technical Summary for S-Gamut3.Cine/S-Log3 and S-Gamut3/S-Log3", section
 * "S-Log3 formula", reflection in, code value / 1023 out): for x &gt;= 0.01125,
 * y = (420 + log10((x + 0.01) / 0.19) * 261.5) / 1023, else
 * y = (x (171.2102946929 - 95) / 0.01125 + 95) / 1023. 0.18 -> 420/1023 = 0.41055. The values
 * are in S-Gamut3.Cine ({@link RgbSpace#S_GAMUT3_CINE}).
 */
public final class SLog3 implements Encoding {
    public static final SLog3 INSTANCE = new SLog3();

    private static final double CUT = 0.01125;
    private static final double TOE_TOP = 171.2102946929;

    private SLog3() {}

    @Override
    public String name() {
        return "slog3";
    }

    @Override
    public double encode(double linear) {
        return linear >= CUT
                ? (420 + Math.log10((linear + 0.01) / (0.18 + 0.01)) * 261.5) / 1023
                : (linear * (TOE_TOP - 95) / CUT + 95) / 1023;
    }

    @Override
    public double decode(double code) {
        return code >= TOE_TOP / 1023
                ? Math.pow(10, (code * 1023 - 420) / 261.5) * (0.18 + 0.01) - 0.01
                : (code * 1023 - 95) * CUT / (TOE_TOP - 95);
    }
}
