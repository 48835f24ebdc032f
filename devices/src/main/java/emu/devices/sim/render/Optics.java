package emu.devices.sim.render;

/**
 * The lens between scene and sensor (or film): natural vignetting and blur, applied to a linear
 * exposure image (one float plane per channel, row-major).
 *
 * <p>Vignetting follows the cos⁴ law of illumination falloff (Ray, Applied Photographic Optics,
 * 3rd ed., §31.2): E(θ) = E₀ cos⁴θ with tan θ = r / f; {@code falloffAtCorner} fixes f so the
 * corner gets that fraction. Blur is a Gaussian point spread of {@code blurSigma} pixels, applied
 * as two separable 1-D passes with clamped edges.
 */
public record Optics(double falloffAtCorner, double blurSigma) {
    /** A moderate lens at a middle aperture: corners at 70% (about half a stop), 1 px blur. */
    public static final Optics DEFAULT = new Optics(0.70, 1.0);

    public Optics {
        if (!(falloffAtCorner > 0 && falloffAtCorner <= 1) || !(blurSigma >= 0 && blurSigma <= 20)) {
            throw new IllegalArgumentException("optics need corner falloff in (0, 1] and blur sigma in 0..20 px: "
                    + falloffAtCorner + ", " + blurSigma);
        }
    }

    /** The vignetting factor at pixel centre (x + 0.5, y + 0.5) of a {@code width x height} frame. */
    public double vignetteAt(double x, double y, int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        // cos⁴θ at the corner = falloff  =>  tan²θ_corner = falloff^(-1/2) - 1 = rMax² / f²
        double f2 = (cx * cx + cy * cy) / (Math.pow(falloffAtCorner, -0.5) - 1 + 1e-12);
        double dx = x + 0.5 - cx;
        double dy = y + 0.5 - cy;
        double cos2 = 1 / (1 + (dx * dx + dy * dy) / f2);
        return cos2 * cos2;
    }

    /** Multiplies every plane by the vignetting of a {@code width x height} frame. */
    public void vignette(float[][] planes, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = (float) vignetteAt(x, y, width, height);
                int i = y * width + x;
                for (float[] p : planes) {
                    p[i] *= v;
                }
            }
        }
    }

    /** Blurs every plane in place. */
    public void blur(float[][] planes, int width, int height) {
        if (blurSigma == 0) {
            return;
        }
        int radius = (int) Math.ceil(3 * blurSigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-i * i / (2 * blurSigma * blurSigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[width * height];
        for (float[] p : planes) {
            for (int y = 0; y < height; y++) {
                convolve(p, y * width, 1, width, k, radius, tmp);
            }
            for (int x = 0; x < width; x++) {
                convolve(tmp, x, width, height, k, radius, p);
            }
        }
    }

    /** One 1-D pass over the {@code n} samples at {@code start + i * stride}, edges clamped. */
    private static void convolve(float[] in, int start, int stride, int n, float[] k, int radius, float[] out) {
        for (int i = 0; i < n; i++) {
            float s = 0;
            if (i >= radius && i < n - radius) {
                int base = start + (i - radius) * stride;
                for (int j = 0; j < k.length; j++) {
                    s += k[j] * in[base + j * stride];
                }
            } else {
                for (int j = -radius; j <= radius; j++) {
                    int ii = Math.min(n - 1, Math.max(0, i + j));
                    s += k[j + radius] * in[start + ii * stride];
                }
            }
            out[start + i * stride] = s;
        }
    }

    /** Per-region values painted into planes: {@code planes[c][i] = values[regions[i]][c]}. */
    public static float[][] paint(int[] regions, double[][] values) {
        int n = values[0].length;
        float[][] planes = new float[n][regions.length];
        for (int i = 0; i < regions.length; i++) {
            double[] v = values[regions[i]];
            for (int c = 0; c < n; c++) {
                planes[c][i] = (float) v[c];
            }
        }
        return planes;
    }
}
