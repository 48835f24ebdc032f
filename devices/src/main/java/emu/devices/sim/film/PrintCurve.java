package emu.devices.sim.film;

import emu.calibration.color.Srgb;

/**
 * The lab's display rendering of an inverted scan: a per-channel Naka-Rushton compressive curve
 * y = s·xⁿ / (xⁿ + σⁿ) (Naka &amp; Rushton 1966, J. Physiol. 185) pinned so an 18% grey stays at
 * 0.18 display-linear, with white asymptote s = 1.1 (highlights roll off instead of clipping
 * hard), then the sRGB encoding ({@link Srgb}, IEC 61966-2-1). {@code n} sets the print
 * contrast.
 */
public record PrintCurve(double contrast) {
    private static final double WHITE = 1.1;
    private static final double GREY = 0.18;

    public PrintCurve {
        if (!(contrast > 0.3 && contrast < 3)) {
            throw new IllegalArgumentException("print contrast must be in (0.3, 3), got " + contrast);
        }
    }

    /** Display-linear value of an inverted (scene-referred) value {@code x}. */
    public double displayLinear(double x) {
        if (x <= 0) {
            return 0;
        }
        // σⁿ from s·gⁿ/(gⁿ + σⁿ) = g
        double sigmaN = Math.pow(GREY, contrast) * (WHITE / GREY - 1);
        double xn = Math.pow(x, contrast);
        return WHITE * xn / (xn + sigmaN);
    }

    /** The sRGB-encoded display value of {@code x}, clipped to 0..1. */
    public double encoded(double x) {
        double l = Math.min(1, displayLinear(x));
        return Srgb.INSTANCE.encode(l);
    }
}
