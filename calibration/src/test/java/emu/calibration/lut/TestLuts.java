package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.util.function.UnaryOperator;

/** Test fixtures: LUTs from closed-form functions and a 16-bit test image. */
final class TestLuts {
    /** This package's format called {@code name} (the registry by name lives above, in export). */
    static LutExportFormat format(String name) {
        return LutFormats.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
    private TestLuts() {}

    /** A smooth, clearly non-linear, colour-mixing map of the unit cube into itself. */
    static double[] filmish(double r, double g, double b) {
        double y = 0.3 * r + 0.55 * g + 0.15 * b;
        double[] v = {r + 0.25 * (r - y), g + 0.1 * (b - g), b - 0.2 * (b - y)};
        for (int c = 0; c < 3; c++) {
            double x = Math.min(1, Math.max(0, v[c]));
            v[c] = Math.pow(x, 0.9) * (0.95 - 0.1 * x) + 0.03 * (1 - x) + 0.06 * x * x;
        }
        return v;
    }

    /** A LUT sampling {@code f} on the unit cube, red fastest. */
    static Lut3D sample(int n, UnaryOperator<double[]> f) {
        float[] t = new float[3 * n * n * n];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    double[] v = f.apply(new double[] {r / (n - 1.0), g / (n - 1.0), b / (n - 1.0)});
                    for (int c = 0; c < 3; c++) {
                        t[i++] = (float) v[c];
                    }
                }
            }
        }
        return new Lut3D(n, t);
    }

    static Lut3D filmish(int n) {
        return sample(n, v -> filmish(v[0], v[1], v[2]));
    }

    /**
     * A 16-bit RGB image: smooth ramps in each channel across the width and height, a neutral
     * ramp in the first rows, and pseudo-random colours in the last rows (seeded, reproducible).
     */
    static BufferedImage testImage(int w, int h) {
        BufferedImage img = ImageFiles.create(w, h, 16, false);
        var raster = img.getRaster();
        java.util.Random rnd = new java.util.Random(42);
        int[] px = new int[3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y < 4) {
                    int v = (int) Math.round(65535.0 * x / (w - 1));
                    px[0] = v;
                    px[1] = v;
                    px[2] = v;
                } else if (y >= h - 16) {
                    px[0] = rnd.nextInt(65536);
                    px[1] = rnd.nextInt(65536);
                    px[2] = rnd.nextInt(65536);
                } else {
                    px[0] = (int) Math.round(65535.0 * x / (w - 1));
                    px[1] = (int) Math.round(65535.0 * y / (h - 1));
                    px[2] = (int) Math.round(65535.0 * ((x + 2 * y) % w) / (w - 1));
                }
                raster.setPixel(x, y, px);
            }
        }
        return img;
    }
}
