package emu.calibration.profile;

import emu.calibration.lut.Lut3D;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;

/**
 * A film-like look baked as the station bakes one (sRGB in, film scan values out), without a
 * fitted model: an S-curve with a warm cast and channel crosstalk, smooth like a fitted model.
 */
final class FilmLooks {
    /** This package's format called {@code name}, or lut's (the registry by name lives in export). */
    static emu.calibration.lut.LutExportFormat format(String name) {
        return java.util.stream.Stream.concat(ProfileFormats.all().stream(),
                        emu.calibration.lut.LutFormats.all().stream())
                .filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private FilmLooks() {
    }

    static double[] film(double r, double g, double b) {
        return new double[] {
            s(0.90 * r + 0.08 * g + 0.02 * b) * 0.97 + 0.025,
            s(0.06 * r + 0.88 * g + 0.06 * b) * 0.95 + 0.02,
            s(0.03 * r + 0.10 * g + 0.87 * b) * 0.90 + 0.04,
        };
    }

    private static double s(double x) {
        return 0.65 * x + 0.35 * x * x * (3 - 2 * x);
    }

    /** The look as an {@code n^3} LUT over the unit cube, red fastest. */
    static ShapedLut lut(int n) {
        float[] t = new float[3 * n * n * n];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    double[] f = film(r / (n - 1.0), g / (n - 1.0), b / (n - 1.0));
                    t[i++] = (float) f[0];
                    t[i++] = (float) f[1];
                    t[i++] = (float) f[2];
                }
            }
        }
        return new ShapedLut(new Lut3D(n, t));
    }

    static LutProvenance provenance(String illuminant) {
        return new LutProvenance("Portra 400", "set-7", "model-3", illuminant, "srgb",
                "srgb (film scan)", 1.23);
    }
}
