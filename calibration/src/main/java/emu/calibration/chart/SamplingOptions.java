package emu.calibration.chart;

/**
 * How patches are sampled.
 *
 * @param area          side of the sampled central square as a fraction of the patch side (0.5:
 *                      the central quarter of the patch's area, a quarter patch away from every
 *                      edge, so small location errors and blur from the dark gaps stay out)
 * @param clipLevel     a sample at or above this normalised value is clipped (e.g. 0.98; lower it
 *                      to a camera's white level / max code when that is below full scale)
 * @param clipFraction  fraction of clipped pixels above which the patch is flagged clipped
 * @param nonUniformity spread (relative, see {@link PatchReading#spread()}) above which the patch
 *                      is flagged non-uniform: a finger, a glare, a shadow edge
 */
public record SamplingOptions(double area, double clipLevel, double clipFraction, double nonUniformity) {

    public static final SamplingOptions DEFAULTS = new SamplingOptions(0.5, 0.98, 0.01, 0.05);

    public SamplingOptions {
        if (!(area > 0 && area <= 1)) {
            throw new IllegalArgumentException("sampling area must be a fraction in (0, 1], got " + area);
        }
        if (!(clipLevel > 0)) {
            throw new IllegalArgumentException("clip level must be > 0, got " + clipLevel);
        }
        if (!(clipFraction >= 0 && clipFraction < 1)) {
            throw new IllegalArgumentException("clip fraction must be in [0, 1), got " + clipFraction);
        }
        if (!(nonUniformity > 0)) {
            throw new IllegalArgumentException("non-uniformity threshold must be > 0, got " + nonUniformity);
        }
    }

    public SamplingOptions withClipLevel(double level) {
        return new SamplingOptions(area, level, clipFraction, nonUniformity);
    }
}
