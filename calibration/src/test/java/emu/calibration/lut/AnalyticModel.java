package emu.calibration.lut;

import emu.calibration.color.Encodings;
import emu.calibration.fit.ColourModel;
import java.util.List;

/**
 * A closed-form stand-in for a fitted model, used where these tests need a model but not a fit
 * (a mock in the sense of the standards: the real fitters live in the fit package and the
 * done-when test uses one). Film = a soft film-like curve of sRGB-encoded camera RGB with
 * some channel mixing; under illuminant {@code A} the scan stays warm.
 */
final class AnalyticModel implements ColourModel {
    @Override
    public double[] predict(double[] rgb, String illuminant) {
        if (!illuminants().contains(illuminant)) {
            throw new IllegalArgumentException("illuminant " + illuminant + " not served");
        }
        double warm = illuminant.equals("A") ? 0.04 : 0;
        double[] out = new double[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            double[] e = new double[3];
            for (int c = 0; c < 3; c++) {
                // soft shoulder so scene values over 1 still map below 1, like film
                double x = rgb[i + c];
                double s = x / (1 + 0.25 * Math.max(0, x));
                e[c] = Encodings.get("srgb").encode(Math.max(0, s));
            }
            double[] f = TestLuts.filmish(e[0], e[1], e[2]);
            out[i] = f[0] + warm;
            out[i + 1] = f[1];
            out[i + 2] = f[2] - warm;
        }
        return out;
    }

    @Override
    public List<String> illuminants() {
        return List.of("D65", "A");
    }
}
