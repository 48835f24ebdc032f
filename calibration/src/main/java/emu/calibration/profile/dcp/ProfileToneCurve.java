package emu.calibration.profile.dcp;

import java.util.function.DoubleUnaryOperator;

/**
 * A DNG ProfileToneCurve (tag 50940): points (x, y) on 0..1, here on a uniform x grid, applied
 * the way the DNG SDK's {@code RefBaselineRGBTone} (dng_reference.cpp) does it: the curve maps
 * the largest and the smallest of the three ProPhoto-linear channels, and the middle channel
 * keeps its relative position between them, so the tone curve changes lightness and
 * saturation but not hue. Between points this class interpolates linearly; the SDK and
 * RawTherapee fit a cubic spline through the points, which on 257 points of a smooth curve
 * differs from linear by far less than the 16-bit steps the curve is applied in.
 */
public final class ProfileToneCurve {

    private final double[] y;

    private ProfileToneCurve(double[] y) {
        this.y = y;
    }

    /**
     * Samples {@code curve} on {@code points} uniform x in 0..1, forced to be strictly
     * increasing (the tag must describe a monotone curve for it to be invertible here).
     */
    public static ProfileToneCurve sample(int points, DoubleUnaryOperator curve) {
        if (points < 2) {
            throw new IllegalArgumentException("a tone curve needs at least 2 points, got " + points);
        }
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            double v = Math.min(1, Math.max(0, curve.applyAsDouble(i / (double) (points - 1))));
            y[i] = i == 0 ? v : Math.max(v, y[i - 1] + 1e-6);
        }
        double top = y[points - 1];
        if (top > 1) {
            for (int i = 0; i < points; i++) {
                y[i] /= top;
            }
        }
        return new ProfileToneCurve(y);
    }

    /** The identity curve (what a profile without a film tone response must still write). */
    public static ProfileToneCurve identity() {
        return sample(2, x -> x);
    }

    /** The tag's values: x0, y0, x1, y1, ... */
    public float[] points() {
        float[] p = new float[2 * y.length];
        for (int i = 0; i < y.length; i++) {
            p[2 * i] = (float) (i / (double) (y.length - 1));
            p[2 * i + 1] = (float) y[i];
        }
        return p;
    }

    /** The curve at {@code x} (clamped to 0..1). */
    public double at(double x) {
        double u = Math.min(1, Math.max(0, x)) * (y.length - 1);
        int i = Math.min((int) u, y.length - 2);
        return y[i] + (u - i) * (y[i + 1] - y[i]);
    }

    /** The x whose curve value is {@code t} (clamped to the curve's range). */
    public double inverse(double t) {
        if (t <= y[0]) {
            return 0;
        }
        if (t >= y[y.length - 1]) {
            return 1;
        }
        int lo = 0;
        int hi = y.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (y[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + (t - y[lo]) / (y[hi] - y[lo])) / (y.length - 1);
    }

    /** RefBaselineRGBTone on one ProPhoto-linear triple, in place. */
    public void apply(double[] rgb) {
        tone(rgb, this::at);
    }

    /** The exact inverse of {@link #apply}: the curve's inverse on max and min, the middle kept between. */
    public void invert(double[] rgb) {
        tone(rgb, this::inverse);
    }

    private static void tone(double[] rgb, DoubleUnaryOperator f) {
        int hi = 0;
        int lo = 0;
        for (int c = 1; c < 3; c++) {
            if (rgb[c] > rgb[hi]) {
                hi = c;
            }
            if (rgb[c] < rgb[lo]) {
                lo = c;
            }
        }
        double max = rgb[hi];
        double min = rgb[lo];
        if (max == min) {
            double v = f.applyAsDouble(max);
            rgb[0] = rgb[1] = rgb[2] = v;
            return;
        }
        int mid = 3 - hi - lo;
        double fMax = f.applyAsDouble(max);
        double fMin = f.applyAsDouble(min);
        rgb[mid] = fMin + (fMax - fMin) * (rgb[mid] - min) / (max - min);
        rgb[hi] = fMax;
        rgb[lo] = fMin;
    }
}
