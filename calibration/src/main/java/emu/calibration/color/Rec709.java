package emu.calibration.color;

/**
 * ITU-R BT.709-6 item 1.2, the opto-electronic transfer function (OETF):
 * V = 4.500 L for L &lt; 0.018, V = 1.099 L^0.45 - 0.099 otherwise; {@link #decode} is its exact
 * inverse (scene light back from the signal). The display side, ITU-R BT.1886 Annex 1, is a
 * separate function, {@link #bt1886Eotf}. Odd extension below zero.
 */
public final class Rec709 implements Encoding {
    public static final Rec709 INSTANCE = new Rec709();

    private Rec709() {}

    @Override
    public String name() {
        return "rec709";
    }

    @Override
    public double encode(double linear) {
        return Encoding.odd(linear, x -> x < 0.018 ? 4.5 * x : 1.099 * Math.pow(x, 0.45) - 0.099);
    }

    @Override
    public double decode(double code) {
        // 0.081 = 4.5 * 0.018, the signal at the segment join.
        return Encoding.odd(code, v -> v < 0.081 ? v / 4.5 : Math.pow((v + 0.099) / 1.099, 1 / 0.45));
    }

    /**
     * ITU-R BT.1886 Annex 1 reference EOTF: L = a * max(V + b, 0)^2.4 with
     * a = (Lw^(1/2.4) - Lb^(1/2.4))^2.4 and b = Lb^(1/2.4) / (Lw^(1/2.4) - Lb^(1/2.4)).
     *
     * @param v normalised signal 0..1
     * @param whiteLuminance Lw, screen luminance for white in cd/m2
     * @param blackLuminance Lb, screen luminance for black in cd/m2
     * @return screen luminance in cd/m2
     */
    public static double bt1886Eotf(double v, double whiteLuminance, double blackLuminance) {
        if (!(whiteLuminance > blackLuminance) || blackLuminance < 0) {
            throw new IllegalArgumentException("BT.1886 needs 0 <= Lb < Lw, got Lw=" + whiteLuminance + " Lb=" + blackLuminance);
        }
        double gamma = 2.4;
        double w = Math.pow(whiteLuminance, 1 / gamma);
        double k = Math.pow(blackLuminance, 1 / gamma);
        double a = Math.pow(w - k, gamma);
        double b = k / (w - k);
        return a * Math.pow(Math.max(v + b, 0), gamma);
    }
}
