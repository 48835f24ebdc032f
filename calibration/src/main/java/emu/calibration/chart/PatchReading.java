package emu.calibration.chart;

/**
 * One sampled patch: robust mean and standard deviation per channel (R, G, B, in the image's
 * normalised 0..1 values), the number of pixels sampled, and quality flags.
 *
 * @param index      patch index in chart order
 * @param id         the patch's CSV-safe id ({@link ChartSpec#patchId}), for the pairs CSV
 * @param name       patch name from the chart spec
 * @param mean       per channel, the mean of the pixels left after outlier rejection
 * @param std        per channel, the standard deviation of those pixels
 * @param pixels     pixels in the sampled area
 * @param clipped    more than {@link SamplingOptions#clipFraction()} of the pixels have a channel at
 *                   or above {@link SamplingOptions#clipLevel()}
 * @param nonUniform {@code spread} exceeds {@link SamplingOptions#nonUniformity()}
 * @param spread     largest difference between the means of the 3 x 3 sub-squares of the sampled
 *                   area, largest over the channels, relative to the patch's mean level, less the part that noise
 *                   explains (see {@link PatchSampler})
 */
public record PatchReading(int index, String id, String name, double[] mean, double[] std, int pixels, boolean clipped,
        boolean nonUniform, double spread) {

    /** The mean of the three channel means. */
    public double meanLevel() {
        return (mean[0] + mean[1] + mean[2]) / 3;
    }
}
