package emu.calibration.chart;

import java.util.List;

/**
 * Where a chart lies in an image: the homography from chart coordinates to image pixel coordinates
 * and the four {@link ChartSpec#gridCorners() grid corners} it puts in the image (in chart order:
 * first patch, end of first row, last patch, start of last row; a chart rotated by 180 degrees in the
 * image has its first corner at the image's bottom right).
 *
 * @param confidence  0..1: how sure the locator is (patches found, fit to the chart's luminance
 *                    order, margin over the next orientation, patch uniformity); below about 0.5,
 *                    have an operator check it
 * @param method      how it was found
 * @param patchesSeen patches the detector found (all of them for operator corners)
 * @param matchScore  -1..1: rank agreement of the sampled patch luminances with the chart's
 *                    reference (and, where the chart has one, the neutral ramp's order)
 * @param notes       plain-language remarks, e.g. why the confidence is low
 */
public record ChartLocation(ChartSpec spec, Homography chartToImage, double[][] corners, double confidence,
        Method method, int patchesSeen, double matchScore, List<String> notes) {

    /** How a location was obtained. */
    public enum Method { DETECTED, OPERATOR }

    public ChartLocation {
        notes = List.copyOf(notes);
    }
}
