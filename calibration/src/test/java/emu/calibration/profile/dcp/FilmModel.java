package emu.calibration.profile.dcp;

import emu.calibration.color.Srgb;
import emu.calibration.fit.ColourModel;
import java.util.List;

/**
 * A closed-form stand-in for a fitted model (the writers take any ColourModel; a fit would add
 * minutes and nothing these format tests check): cross-talk between the dye layers that
 * differs by light, a per-channel logistic characteristic curve in stops with a lifted black
 * (the film base), sRGB-encoded like a lab scan. Under A the camera input is warm (the
 * station's daylight-balanced camera) and the scan is corrected back to
 * nearly neutral (a slight warmth stays, the part a DCP cannot carry: see DcpBuilder).
 */
public final class FilmModel implements ColourModel {

    private static final double[] MIX_D65 = {
        0.92, 0.10, -0.02,
        0.04, 0.88, 0.08,
        -0.03, 0.14, 0.89,
    };
    private static final double[] MIX_A = {
        0.4418, 0.08, -0.068,
        0.0235, 0.90, 0.17,
        -0.0094, 0.12, 3.06,
    };
    private static final double[] SLOPE = {0.62, 0.66, 0.70};

    @Override
    public double[] predict(double[] rgb, String illuminant) {
        double[] mix = switch (illuminant) {
            case "D65" -> MIX_D65;
            case "A" -> MIX_A;
            default -> throw new IllegalArgumentException("illuminant " + illuminant + " not served");
        };
        double[] out = new double[rgb.length];
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                double e = mix[3 * c] * rgb[i] + mix[3 * c + 1] * rgb[i + 1] + mix[3 * c + 2] * rgb[i + 2];
                double stops = Math.log(Math.max(e, 1e-5) / 0.18) / Math.log(2);
                double lin = 0.015 + 0.93 / (1 + Math.exp(-1.1 * SLOPE[c] * stops - 0.3));
                out[i + c] = Srgb.INSTANCE.encode(lin);
            }
        }
        return out;
    }

    @Override
    public List<String> illuminants() {
        return List.of("D65", "A");
    }
}
