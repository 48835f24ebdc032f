package emu.calibration.chart;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Draws chart images for tests: a chart placed by a homography on a plain background, each pixel
 * the mean of 2 x 2 sub-samples (anti-aliased edges), then optional Gaussian blur, vignetting,
 * noise, exposure and sRGB encoding -- all in linear values as a camera would record them.
 */
final class SyntheticChart {
    /** ColorChecker Classic, widely published 8-bit sRGB values (X-Rite / BabelColor), chart order. */
    static final int[][] CC24_SRGB8 = {
        {115, 82, 68}, {194, 150, 130}, {98, 122, 157}, {87, 108, 67}, {133, 128, 177}, {103, 189, 170},
        {214, 126, 44}, {80, 91, 166}, {193, 90, 99}, {94, 60, 108}, {157, 188, 64}, {224, 163, 46},
        {56, 61, 150}, {70, 148, 73}, {175, 54, 60}, {231, 199, 31}, {187, 86, 149}, {8, 133, 161},
        {243, 243, 242}, {200, 200, 200}, {160, 160, 160}, {122, 122, 121}, {85, 85, 85}, {52, 52, 52}};
    static final float[] FRAME = {0.025f, 0.025f, 0.025f};

    private SyntheticChart() {}

    /** Linear RGB of the ColorChecker patches (sRGB decoded, IEC 61966-2-1). */
    static float[][] cc24Linear() {
        float[][] out = new float[24][3];
        for (int p = 0; p < 24; p++) {
            for (int c = 0; c < 3; c++) {
                out[p][c] = (float) srgbDecode(CC24_SRGB8[p][c] / 255.0);
            }
        }
        return out;
    }

    /** Neutral-ish patches whose level follows the spec's reference Y, with a small hue per patch. */
    static float[][] fromReference(ChartSpec spec) {
        float[][] out = new float[spec.patchCount()][3];
        for (int p = 0; p < out.length; p++) {
            double y = spec.referenceY(p) / 100.0;
            out[p] = new float[] {(float) (y * (0.9 + 0.2 * ((p * 7) % 5) / 4.0)), (float) y,
                (float) (y * (1.1 - 0.2 * ((p * 3) % 4) / 3.0))};
        }
        return out;
    }

    static double srgbDecode(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static double srgbEncode(double v) {
        v = Math.max(0, Math.min(1, v));
        return v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
    }

    /**
     * The chart -> image homography putting the chart's centre at (cx, cy), its width spanning
     * {@code widthPx}, turned by {@code degrees} clockwise on screen, with a keystone: the chart's
     * right edge {@code keystone} times as tall as its left edge (0 = none, 0.1 = 10% taller).
     */
    static Homography place(ChartSpec spec, double cx, double cy, double widthPx, double degrees, double keystone) {
        double s = widthPx / spec.width();
        double hw = spec.width() / 2;
        double hh = spec.height() / 2;
        double[][] chart = {{0, 0}, {spec.width(), 0}, {spec.width(), spec.height()}, {0, spec.height()}};
        double[][] img = new double[4][];
        double a = Math.toRadians(degrees);
        for (int k = 0; k < 4; k++) {
            double x = (chart[k][0] - hw) * s;
            double y = (chart[k][1] - hh) * s;
            double grow = 1 + keystone * ((chart[k][0] / spec.width()) - 0.5);
            y *= grow;
            img[k] = new double[] {cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)};
        }
        return Homography.fit(chart, img);
    }

    static RgbImage render(ChartSpec spec, int w, int h, Homography chartToImage, float[][] patches, float[] background) {
        Homography toChart = chartToImage.inverse();
        float[] out = new float[3 * w * h];
        int ss = 2;
        IntStream.range(0, h).parallel().forEach(y -> {
            float[] sum = new float[3];
            for (int x = 0; x < w; x++) {
                sum[0] = sum[1] = sum[2] = 0;
                for (int sy = 0; sy < ss; sy++) {
                    for (int sx = 0; sx < ss; sx++) {
                        double[] c = toChart.map(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss);
                        float[] col = colourAt(spec, c[0], c[1], patches, background);
                        sum[0] += col[0];
                        sum[1] += col[1];
                        sum[2] += col[2];
                    }
                }
                int o = 3 * (y * w + x);
                for (int k = 0; k < 3; k++) {
                    out[o + k] = sum[k] / (ss * ss);
                }
            }
        });
        return new RgbImage(w, h, out);
    }

    private static float[] colourAt(ChartSpec spec, double x, double y, float[][] patches, float[] background) {
        int p = spec.patchAt(x, y);
        return p >= 0 ? patches[p] : p == ChartSpec.SURROUND ? FRAME : background;
    }

    /** Separable Gaussian blur of standard deviation {@code sigma} pixels, in place. */
    static void blur(RgbImage img, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = img.width();
        int h = img.height();
        float[] s = img.samples();
        float[] t = new float[s.length];
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double a = 0;
                    for (int i = -r; i <= r; i++) {
                        a += k[i + r] * s[3 * (y * w + Math.max(0, Math.min(w - 1, x + i))) + c];
                    }
                    t[3 * (y * w + x) + c] = (float) a;
                }
            }
        });
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double a = 0;
                    for (int i = -r; i <= r; i++) {
                        a += k[i + r] * t[3 * (Math.max(0, Math.min(h - 1, y + i)) * w + x) + c];
                    }
                    s[3 * (y * w + x) + c] = (float) a;
                }
            }
        });
    }

    /** cos^4 falloff, {@code edge} the relative brightness at the frame's corners. */
    static void vignette(RgbImage img, double edge) {
        int w = img.width();
        int h = img.height();
        double rMax = Math.hypot(w / 2.0, h / 2.0);
        double f = Math.sqrt(Math.pow(edge, -0.5) - 1);
        float[] s = img.samples();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = Math.hypot(x + 0.5 - w / 2.0, y + 0.5 - h / 2.0) / rMax * f;
                float g = (float) Math.pow(1 / (1 + t * t), 2);
                for (int c = 0; c < 3; c++) {
                    s[3 * (y * w + x) + c] *= g;
                }
            }
        }
    }

    /** Adds Gaussian noise of standard deviation {@code sigma} (absolute, normalised units). */
    static void noise(RgbImage img, double sigma, long seed) {
        Random rnd = new Random(seed);
        float[] s = img.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] += (float) (sigma * rnd.nextGaussian());
        }
    }

    /** Multiplies by {@code gain} and clips to 0..1, as a sensor saturates. */
    static void expose(RgbImage img, double gain) {
        float[] s = img.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.max(0, Math.min(1, s[i] * gain));
        }
    }

    /** sRGB-encodes every sample in place (a display-referred scan). */
    static void encodeSrgb(RgbImage img) {
        float[] s = img.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) srgbEncode(s[i]);
        }
    }
}
