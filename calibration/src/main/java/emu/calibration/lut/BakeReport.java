package emu.calibration.lut;

/**
 * How well-behaved a baked lattice is, for the export report. Outside the data a fitted model may
 * do anything; these numbers show whether the LUT does.
 *
 * @param maxSecondDifference per input axis (red, green, blue): the largest
 *     |v[i-1] - 2 v[i] + v[i+1]| of any output channel along any lattice line of that axis (a
 *     discrete curvature; a smooth mapping keeps it near (range / (N-1))^2 times its curvature)
 * @param neutralMonotone whether every output channel is non-decreasing along the lattice's
 *     neutral diagonal (r = g = b), i.e. more light never makes the scan darker on grey
 * @param clampedValues output values that were outside 0..1 and were clamped to it
 * @param totalValues {@code 3 * N^3}
 */
public record BakeReport(double[] maxSecondDifference, boolean neutralMonotone, long clampedValues, long totalValues) {

    public BakeReport {
        maxSecondDifference = maxSecondDifference.clone();
    }

    @Override
    public double[] maxSecondDifference() {
        return maxSecondDifference.clone();
    }

    /** Measures a lattice. */
    static BakeReport of(Lut3D cube, long clamped) {
        int n = cube.size();
        double[] worst = new double[3];
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < n; g++) {
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < 3; c++) {
                        float v = cube.get(r, g, b, c);
                        if (r > 0 && r < n - 1) {
                            worst[0] = Math.max(worst[0], Math.abs(cube.get(r - 1, g, b, c) - 2 * v + cube.get(r + 1, g, b, c)));
                        }
                        if (g > 0 && g < n - 1) {
                            worst[1] = Math.max(worst[1], Math.abs(cube.get(r, g - 1, b, c) - 2 * v + cube.get(r, g + 1, b, c)));
                        }
                        if (b > 0 && b < n - 1) {
                            worst[2] = Math.max(worst[2], Math.abs(cube.get(r, g, b - 1, c) - 2 * v + cube.get(r, g, b + 1, c)));
                        }
                    }
                }
            }
        }
        boolean monotone = true;
        for (int i = 1; i < n && monotone; i++) {
            for (int c = 0; c < 3; c++) {
                monotone &= cube.get(i, i, i, c) >= cube.get(i - 1, i - 1, i - 1, c);
            }
        }
        return new BakeReport(worst, monotone, clamped, 3L * n * n * n);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "max second difference r %.4f g %.4f b %.4f; neutral axis %s; %d of %d values clamped to 0..1",
                maxSecondDifference[0], maxSecondDifference[1], maxSecondDifference[2],
                neutralMonotone ? "monotone" : "NOT monotone", clampedValues, totalValues);
    }
}
