package emu.calibration.color;

/**
 * The sRGB transfer function, IEC 61966-2-1:1999 section 4.7 (encoding, eq. 5) and 5.2
 * (decoding): linear segment of slope 12.92 below 0.0031308 / 0.04045, otherwise a 1/2.4 power
 * with offset 0.055. Odd extension below zero.
 */
public final class Srgb implements Encoding {
    public static final Srgb INSTANCE = new Srgb();

    private Srgb() {}

    @Override
    public String name() {
        return "srgb";
    }

    @Override
    public double encode(double linear) {
        return Encoding.odd(linear, x -> x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055);
    }

    @Override
    public double decode(double code) {
        return Encoding.odd(code, v -> v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    }
}
