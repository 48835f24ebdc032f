package emu.calibration.color;

/**
 * SMPTE ST 2084:2014 perceptual quantizer, section 5 (EOTF, eq. 4.1) and its inverse, with
 * m1 = 2610/16384, m2 = 2523/4096 * 128, c1 = 3424/4096, c2 = 2413/4096 * 32,
 * c3 = 2392/4096 * 32 and Y = L / 10000 cd/m2.
 *
 * <p>Normalisation (ours): as an {@link Encoding}, scene-linear 1.0 is 100 cd/m2, the usual
 * "diffuse white = 100 nits" convention, so 18% grey sits at 18 cd/m2. {@link #encodeNits} and
 * {@link #decodeNits} take absolute luminance. Negative input is odd-extended.
 */
public final class Pq implements Encoding {
    public static final Pq INSTANCE = new Pq();
    /** cd/m2 that scene-linear 1.0 stands for. */
    public static final double NITS_PER_UNIT = 100.0;

    private static final double M1 = 2610.0 / 16384;
    private static final double M2 = 2523.0 / 4096 * 128;
    private static final double C1 = 3424.0 / 4096;
    private static final double C2 = 2413.0 / 4096 * 32;
    private static final double C3 = 2392.0 / 4096 * 32;

    private Pq() {}

    @Override
    public String name() {
        return "pq";
    }

    @Override
    public double encode(double linear) {
        return Encoding.odd(linear, x -> encodeNits(x * NITS_PER_UNIT));
    }

    @Override
    public double decode(double code) {
        return Encoding.odd(code, v -> decodeNits(v) / NITS_PER_UNIT);
    }

    /** Inverse EOTF: absolute luminance in cd/m2 (0..10000) to the PQ signal 0..1. */
    public static double encodeNits(double nits) {
        double y = Math.pow(Math.max(nits, 0) / 10000.0, M1);
        return Math.pow((C1 + C2 * y) / (1 + C3 * y), M2);
    }

    /** EOTF: PQ signal 0..1 to absolute luminance in cd/m2. */
    public static double decodeNits(double signal) {
        double p = Math.pow(Math.max(signal, 0), 1 / M2);
        return 10000.0 * Math.pow(Math.max(p - C1, 0) / (C2 - C3 * p), 1 / M1);
    }
}
