package emu.calibration.profile.dcp;

import emu.calibration.color.Srgb;

/**
 * The 24 ColorChecker patches as the station's camera sees them: BabelColor's published sRGB
 * (D65) values of the classic chart, decoded to linear Rec.709 and scaled so that the
 * "neutral 5" patch is near 18% grey. Under another light the camera's daylight balance tints
 * them by the light's white ({@link CameraSpace#stationWhite}), a von Kries approximation of the
 * spectral render (good enough for format tests: the writers are checked against the model at
 * these inputs, whatever their origin).
 */
public final class ChartPatches {

    private static final int[] SRGB8 = {
        115, 82, 68, 194, 150, 130, 98, 122, 157, 87, 108, 67, 133, 128, 177, 103, 189, 170,
        214, 126, 44, 80, 91, 166, 193, 90, 99, 94, 60, 108, 157, 188, 64, 224, 163, 46,
        56, 61, 150, 70, 148, 73, 175, 54, 60, 231, 199, 31, 187, 86, 149, 8, 133, 161,
        243, 243, 242, 200, 200, 200, 160, 160, 160, 122, 122, 121, 85, 85, 85, 52, 52, 52,
    };

    private ChartPatches() {
    }

    /** Row-major 24 x 3 camera RGB under a light whose camera white is {@code neutral}. */
    public static double[] camera(double[] neutral) {
        double[] out = new double[SRGB8.length];
        for (int i = 0; i < SRGB8.length; i++) {
            out[i] = Srgb.INSTANCE.decode(SRGB8[i] / 255.0) * 0.9 * neutral[i % 3];
        }
        return out;
    }
}
