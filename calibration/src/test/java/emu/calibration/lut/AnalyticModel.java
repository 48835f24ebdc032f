package emu.calibration.lut;

import emu.calibration.color.Encodings;
import emu.calibration.fit.ColourModel;
import java.util.List;

/**
 * A closed-form stand-in for a fitted model, used where these tests need a model but not a fit
 * (a mock in the sense of the standards: the done-when test fits a real one to pairs made from
 * this). Film = a colour-mixing matrix on scene-linear light, then a per-channel logistic
 * characteristic curve in stops (toe and shoulder, smooth everywhere above black), sRGB-encoded
 * like a lab scan; under illuminant {@code A} the scan stays warm.
 */
final class AnalyticModel implements ColourModel {
    /** Positive crosstalk (overlapping dye sensitivities), so in-gamut light never mixes to zero exposure. */
    private static final double[] MIX = {
        0.90, 0.08, 0.02,
        0.05, 0.90, 0.05,
        0.02, 0.10, 0.88,
    };
    private static final double[] SLOPE = {0.62, 0.66, 0.70};

    @Override
    public double[] predict(double[] rgb, String illuminant) {
        if (!illuminants().contains(illuminant)) {
            throw new IllegalArgumentException("illuminant " + illuminant + " not served");
        }
        double[] warm = illuminant.equals("A") ? new double[] {1.15, 1, 0.8} : new double[] {1, 1, 1};
        double[] out = new double[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                double e = warm[c] * (MIX[3 * c] * rgb[i] + MIX[3 * c + 1] * rgb[i + 1] + MIX[3 * c + 2] * rgb[i + 2]);
                double stops = Math.log(Math.max(e, 1e-5) / 0.18) / Math.log(2);
                double lin = 0.02 + 0.9 / (1 + Math.exp(-1.1 * SLOPE[c] * stops - 0.3));
                out[i + c] = Encodings.get("srgb").encode(lin);
            }
        }
        return out;
    }

    @Override
    public List<String> illuminants() {
        return List.of("D65", "A");
    }
}
