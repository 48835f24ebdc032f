package emu.calibration.chart;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Samples every patch of a located chart: the central square of each patch ({@link
 * SamplingOptions#area()}) is mapped into the image through the chart's homography, and every pixel
 * whose centre maps back inside it is sampled.
 *
 * <p>Robust mean: per channel median and MAD; a pixel is kept when every channel lies within 3.5
 * robust standard deviations (1.4826 MAD, the normal-consistent MAD: Rousseeuw and Croux, JASA 88
 * (1993), eq. 1.1) of the median; mean and standard deviation are over the kept pixels. The robust
 * deviation has a floor of 0.002 (half an 8-bit code) so quantised flat patches keep all pixels.
 * On large patches median and MAD are taken over every k-th pixel (at most ~16k), the mean over all.
 *
 * <p>Non-uniformity: the sampled square is cut into 3 x 3 sub-squares and the range of their means
 * (all pixels, so a finger or glare counts even where the robust mean rejected it) is compared to
 * the patch's mean level (mean of R, G, B: a channel near zero, like a yellow's blue, must not blow
 * the ratio up). Pure noise keeps the range of 9 means under 5 standard errors more than 99 times
 * in 100 (the upper 1% point of the range of 9 normal samples is about 4.7 sigma: Pearson and
 * Hartley, Biometrika Tables for Statisticians, vol. 1, table 22), and 5 standard errors are
 * subtracted first, so noisy dark patches are not flagged; the level is floored at 0.01 so a black
 * patch's small absolute wobble stays small.
 */
public final class PatchSampler {
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double KEEP_SIGMAS = 3.5;
    private static final double SIGMA_FLOOR = 0.002;
    private static final double NOISE_RANGE = 5.0;
    private static final double MEAN_FLOOR = 0.01;
    private static final int BLOCKS = 3;
    /** Median and MAD come from at most about this many evenly spread pixels (plenty for a gate). */
    private static final int MEDIAN_SAMPLES = 16384;

    private PatchSampler() {}

    /** Samples every patch of {@code location}'s chart in {@code image}, in chart order. */
    public static List<PatchReading> sample(RgbImage image, ChartLocation location, SamplingOptions options) {
        return sample(image, location.spec(), location.chartToImage(), options);
    }

    /**
     * @throws IllegalArgumentException when a patch's sampled area covers no pixel of the image
     *                                  (the chart lies outside it or is too small to sample)
     */
    static List<PatchReading> sample(RgbImage image, ChartSpec spec, Homography chartToImage, SamplingOptions options) {
        Homography imageToChart = chartToImage.inverse();
        return IntStream.range(0, spec.patchCount()).parallel()
                .mapToObj(i -> samplePatch(image, spec, i, chartToImage, imageToChart, options))
                .toList();
    }

    private static PatchReading samplePatch(RgbImage image, ChartSpec spec, int index, Homography toImage,
            Homography toChart, SamplingOptions o) {
        double[][] square = spec.patchSquare(index, o.area());
        double[][] quad = toImage.map(square);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : quad) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = Math.max(0, (int) Math.floor(minX));
        int y0 = Math.max(0, (int) Math.floor(minY));
        int x1 = Math.min(image.width() - 1, (int) Math.ceil(maxX));
        int y1 = Math.min(image.height() - 1, (int) Math.ceil(maxY));
        double side = square[1][0] - square[0][0];
        int capacity = Math.max(0, (x1 - x0 + 1) * (y1 - y0 + 1));
        float[][] v = new float[3][capacity];
        byte[] block = new byte[capacity];
        int n = 0;
        float[] px = image.samples();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double[] c = toChart.map(x + 0.5, y + 0.5);
                double u = (c[0] - square[0][0]) / side;
                double w = (c[1] - square[0][1]) / side;
                if (u < 0 || u >= 1 || w < 0 || w >= 1) {
                    continue;
                }
                int k = 3 * (y * image.width() + x);
                v[0][n] = px[k];
                v[1][n] = px[k + 1];
                v[2][n] = px[k + 2];
                block[n] = (byte) ((int) (w * BLOCKS) * BLOCKS + (int) (u * BLOCKS));
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("patch " + (index + 1) + " (" + spec.patchName(index)
                    + ") of " + spec.name() + " covers no pixel of the " + image.width() + " x " + image.height()
                    + " image (mapped to " + Arrays.deepToString(round(quad)) + ")");
        }
        return statistics(spec, index, v, block, n, o);
    }

    private static PatchReading statistics(ChartSpec spec, int index, float[][] v, byte[] block, int n, SamplingOptions o) {
        double[] median = new double[3];
        double[] sigma = new double[3];
        int stride = Math.max(1, n / MEDIAN_SAMPLES);
        int subset = (n + stride - 1) / stride;
        for (int c = 0; c < 3; c++) {
            float[] s = new float[subset];
            for (int i = 0, k = 0; i < n; i += stride, k++) {
                s[k] = v[c][i];
            }
            Arrays.sort(s);
            median[c] = median(s);
            for (int i = 0, k = 0; i < n; i += stride, k++) {
                s[k] = (float) Math.abs(v[c][i] - median[c]);
            }
            Arrays.sort(s);
            sigma[c] = Math.max(SIGMA_FLOOR, MAD_TO_SIGMA * median(s));
        }
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        double[][] blockSum = new double[BLOCKS * BLOCKS][3];
        int[] blockCount = new int[BLOCKS * BLOCKS];
        int kept = 0;
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            boolean keep = true;
            boolean clip = false;
            for (int c = 0; c < 3; c++) {
                double x = v[c][i];
                keep &= Math.abs(x - median[c]) <= KEEP_SIGMAS * sigma[c];
                clip |= x >= o.clipLevel();
                blockSum[block[i]][c] += x;
            }
            blockCount[block[i]]++;
            if (clip) {
                clipped++;
            }
            if (keep) {
                kept++;
                for (int c = 0; c < 3; c++) {
                    sum[c] += v[c][i];
                    sumSq[c] += (double) v[c][i] * v[c][i];
                }
            }
        }
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = sum[c] / kept;
            std[c] = kept > 1 ? Math.sqrt(Math.max(0, (sumSq[c] - kept * mean[c] * mean[c]) / (kept - 1))) : 0;
        }
        int minBlock = Integer.MAX_VALUE;
        for (int count : blockCount) {
            if (count > 0) {
                minBlock = Math.min(minBlock, count);
            }
        }
        double spread = 0;
        double level = Math.max(Math.abs(mean[0] + mean[1] + mean[2]) / 3, MEAN_FLOOR);
        for (int c = 0; c < 3; c++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int b = 0; b < blockCount.length; b++) {
                if (blockCount[b] > 0) {
                    double m = blockSum[b][c] / blockCount[b];
                    lo = Math.min(lo, m);
                    hi = Math.max(hi, m);
                }
            }
            double excess = Math.max(0, hi - lo - NOISE_RANGE * std[c] / Math.sqrt(minBlock));
            spread = Math.max(spread, excess / level);
        }
        return new PatchReading(index, spec.patchId(index), spec.patchName(index), mean, std, n,
                clipped > o.clipFraction() * n, spread > o.nonUniformity(), spread);
    }

    private static double median(float[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static double[][] round(double[][] q) {
        double[][] r = new double[q.length][2];
        for (int i = 0; i < q.length; i++) {
            r[i][0] = Math.round(q[i][0] * 10) / 10.0;
            r[i][1] = Math.round(q[i][1] * 10) / 10.0;
        }
        return r;
    }
}
