package emu.calibration.chart;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a chart off an image: locate (operator corners when given, they override detection;
 * otherwise automatic detection), then sample every patch.
 */
public final class ChartReader {
    private ChartReader() {}

    /**
     * @param operatorCorners the four {@link ChartSpec#gridCorners() grid corners} in image pixels,
     *                        or null to detect the chart
     * @throws ChartNotFoundException when detection finds no chart (never with operator corners)
     */
    public static ChartReading read(RgbImage image, ChartSpec spec, double[][] operatorCorners, SamplingOptions options)
            throws ChartNotFoundException {
        ChartLocation location = operatorCorners != null
                ? ChartLocator.fromCorners(image, spec, operatorCorners)
                : ChartLocator.locate(image, spec);
        return new ChartReading(location, PatchSampler.sample(image, location, options));
    }

    /** {@link #read(RgbImage, ChartSpec, double[][], SamplingOptions)} on an image file (TIFF, PNG, JPEG). */
    public static ChartReading read(Path imageFile, ChartSpec spec, double[][] operatorCorners, SamplingOptions options)
            throws IOException, ChartNotFoundException {
        RgbImage image = RgbImage.read(imageFile);
        try {
            return read(image, spec, operatorCorners, options);
        } catch (ChartNotFoundException e) {
            throw new ChartNotFoundException(imageFile + ": " + e.getMessage());
        }
    }
}
