package emu.calibration.color;

/**
 * A transfer function: how one channel of scene-linear light is coded as a signal value, and
 * back. Encodings act per channel; which primaries the channels refer to is the business of
 * {@link InputEncoding}.
 *
 * <p>Every implementation is odd-symmetric below zero (encode(-x) = -encode(x)) unless its
 * specification defines negative values itself, so that out-of-gamut model outputs survive a
 * round trip instead of turning into NaN.
 */
public interface Encoding {

    /** The registry name, e.g. {@code srgb}. */
    String name();

    /** Scene-linear value to code value. */
    double encode(double linear);

    /** Code value to scene-linear value. */
    double decode(double code);

    /** Encodes every element of {@code linear} into a new array. */
    default double[] encode(double[] linear) {
        double[] out = new double[linear.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(linear[i]);
        }
        return out;
    }

    /** Decodes every element of {@code code} into a new array. */
    default double[] decode(double[] code) {
        double[] out = new double[code.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(code[i]);
        }
        return out;
    }

    /** Applies {@code f} to |x| and restores the sign: the odd extension used below zero. */
    static double odd(double x, java.util.function.DoubleUnaryOperator f) {
        return x < 0 ? -f.applyAsDouble(-x) : f.applyAsDouble(x);
    }
}
