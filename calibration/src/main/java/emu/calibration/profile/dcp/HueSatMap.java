package emu.calibration.profile.dcp;

import emu.calibration.color.Srgb;
import java.util.Objects;

/**
 * A DNG hue/saturation/value table (ProfileHueSatMapDims/Data, DNG 1.6 section 6.2; the same
 * layout serves ProfileLookTableDims/Data): {@code hue x sat x val} entries of (hue shift in
 * degrees, saturation scale, value scale), stored value-slowest, then hue, saturation fastest.
 *
 * <p>Lookup follows the DNG SDK's reference {@code RefBaselineHueSatMap} (dng_reference.cpp):
 * hue wraps around, saturation and value are clamped to the table and interpolated linearly;
 * with the sRGB encoding (ProfileHueSatMapEncoding = 1) the value axis and the value scale act
 * on sRGB-encoded value. HSV is the SDK's: {@code v = max}, {@code s = (max - min) / max}, hue
 * in 0..6 (RefRGBtoHSV).
 *
 * @param hues hue divisions (>= 1)
 * @param sats saturation divisions (>= 2)
 * @param vals value divisions (1 = the "2.5D" form)
 * @param srgbValue whether the value axis is sRGB-encoded
 * @param data {@code 3 * hues * sats * vals} floats
 */
public record HueSatMap(int hues, int sats, int vals, boolean srgbValue, float[] data) {

    public HueSatMap {
        if (hues < 1 || sats < 2 || vals < 1) {
            throw new IllegalArgumentException("hue/sat map needs hues >= 1, sats >= 2, vals >= 1; got "
                    + hues + " x " + sats + " x " + vals);
        }
        Objects.requireNonNull(data, "data");
        if (data.length != 3 * hues * sats * vals) {
            throw new IllegalArgumentException("hue/sat map of " + hues + " x " + sats + " x " + vals
                    + " needs " + 3 * hues * sats * vals + " floats, got " + data.length);
        }
    }

    /** What a grid point should do: (hue shift degrees, sat scale, val scale) for its HSV. */
    @FunctionalInterface
    public interface Entry {
        /** @param hsv the grid point's h (0..6), s (0..1), linear v (0..1); write 3 values to {@code out} */
        void at(double[] hsv, float[] out);
    }

    /** Fills a table by asking {@code entry} at every grid point. */
    public static HueSatMap sample(int hues, int sats, int vals, boolean srgbValue, Entry entry) {
        float[] data = new float[3 * hues * sats * vals];
        double[] hsv = new double[3];
        float[] e = new float[3];
        int k = 0;
        for (int v = 0; v < vals; v++) {
            double enc = vals == 1 ? 1.0 : v / (double) (vals - 1);
            for (int h = 0; h < hues; h++) {
                for (int s = 0; s < sats; s++) {
                    hsv[0] = h * 6.0 / hues;
                    hsv[1] = s / (double) (sats - 1);
                    hsv[2] = srgbValue ? Srgb.INSTANCE.decode(enc) : enc;
                    entry.at(hsv, e);
                    data[k++] = e[0];
                    data[k++] = e[1];
                    data[k++] = e[2];
                }
            }
        }
        return new HueSatMap(hues, sats, vals, srgbValue, data);
    }

    /** Applies the table to one HSV triple in place (h 0..6, s, linear v). */
    public void apply(double[] hsv) {
        double hScaled = hsv[0] * hues / 6.0;
        double sScaled = hsv[1] * (sats - 1);
        double vEnc = srgbValue ? Srgb.INSTANCE.encode(Math.min(1, Math.max(0, hsv[2]))) : hsv[2];
        double vScaled = vals < 2 ? 0 : Math.min(1, Math.max(0, vEnc)) * (vals - 1);
        int h0 = (int) Math.floor(hScaled);
        double hf = hScaled - h0;
        h0 = Math.floorMod(h0, hues);
        int h1 = (h0 + 1) % hues;
        int s0 = Math.max(0, Math.min((int) sScaled, sats - 2));
        double sf = Math.min(1, sScaled - s0);
        int v0 = vals < 2 ? 0 : Math.max(0, Math.min((int) vScaled, vals - 2));
        double vf = vals < 2 ? 0 : vScaled - v0;
        double[] r = new double[3];
        for (int dv = 0; dv < (vals < 2 ? 1 : 2); dv++) {
            double wv = dv == 0 ? 1 - vf : vf;
            for (int dh = 0; dh < 2; dh++) {
                double wh = dh == 0 ? 1 - hf : hf;
                for (int ds = 0; ds < 2; ds++) {
                    double w = wv * wh * (ds == 0 ? 1 - sf : sf);
                    int at = 3 * (((v0 + dv) * hues + (dh == 0 ? h0 : h1)) * sats + s0 + ds);
                    for (int c = 0; c < 3; c++) {
                        r[c] += w * data[at + c];
                    }
                }
            }
        }
        hsv[0] = wrap(hsv[0] + r[0] * 6.0 / 360.0);
        hsv[1] = hsv[1] * r[1];
        hsv[2] = srgbValue ? Srgb.INSTANCE.decode(vEnc * r[2]) : hsv[2] * r[2];
    }

    private static double wrap(double h) {
        return h < 0 ? h + 6 : h >= 6 ? h - 6 : h;
    }

    /** The SDK's RefRGBtoHSV: h 0..6, s = (max - min) / max, v = max. */
    public static void rgbToHsv(double r, double g, double b, double[] hsv) {
        double v = Math.max(r, Math.max(g, b));
        double gap = v - Math.min(r, Math.min(g, b));
        double h = 0;
        double s = 0;
        if (gap > 0) {
            if (r == v) {
                h = (g - b) / gap;
                if (h < 0) {
                    h += 6;
                }
            } else if (g == v) {
                h = 2 + (b - r) / gap;
            } else {
                h = 4 + (r - g) / gap;
            }
            s = gap / v;
        }
        hsv[0] = h;
        hsv[1] = s;
        hsv[2] = v;
    }

    /** The SDK's RefHSVtoRGB. */
    public static void hsvToRgb(double h, double s, double v, double[] rgb) {
        if (s <= 0) {
            rgb[0] = rgb[1] = rgb[2] = v;
            return;
        }
        double hh = wrap(h);
        int i = Math.min(5, (int) hh);
        double f = hh - i;
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[][] six = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
        rgb[0] = six[i][0];
        rgb[1] = six[i][1];
        rgb[2] = six[i][2];
    }
}
