package emu.calibration.process;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A control strip read from its scan instead of a densitometer. The scan is a linear transmission
 * image of the strip (16-bit RGB, 65535 = the open gate, no film: the scanner's white reference),
 * the three patches side by side, each a third of the width: D-min | LD | HD. Each patch is read
 * over its central half (a quarter of its width and height in from every edge, away from the
 * patch borders and the strip's edges) and its density is −log10 of the mean transmission per
 * channel (the definition of transmission density, ISO 5-1). A scanner's channels are not status
 * M filters: a scan reads densities close to, not equal to, a densitometer's; the lot's reference
 * must then be read the same way.
 */
public final class StripScan {
    /** A patch whose pixels spread more than this (relative standard deviation of transmission) is not one patch. */
    static final double MAX_SPREAD = 0.05;
    /** Transmission floor: 16 bits resolve density to ~4.8. */
    private static final double FLOOR = 1.0 / 65535;

    private StripScan() {}

    /**
     * The strip's densities.
     *
     * @throws IllegalArgumentException for an image that is not a 3-channel strip of at least 30 x 8
     *     pixels, or a patch that is not uniform (naming the patch: the layout was not D-min | LD | HD)
     */
    public static StripDensities read(BufferedImage scan) {
        Raster r = scan.getRaster();
        int w = r.getWidth();
        int h = r.getHeight();
        if (r.getNumBands() < 3 || w < 30 || h < 8) {
            throw new IllegalArgumentException("a strip scan is an RGB image of at least 30 x 8 pixels, got " + w + " x " + h + " with "
                    + r.getNumBands() + " channels");
        }
        double max = (1 << r.getSampleModel().getSampleSize(0)) - 1.0;
        double[][] d = new double[3][3];
        for (int p = 0; p < 3; p++) {
            int x0 = p * w / 3 + w / 12;
            int x1 = (p + 1) * w / 3 - w / 12;
            int y0 = h / 4;
            int y1 = h - h / 4;
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                double sq = 0;
                int n = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        double t = r.getSample(x, y, c) / max;
                        sum += t;
                        sq += t * t;
                        n++;
                    }
                }
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
                if (sd > MAX_SPREAD * Math.max(mean, FLOOR) && sd > 2 / max) {
                    throw new IllegalArgumentException(StripDensities.PATCHES[p] + ": the patch is not uniform (relative spread "
                            + String.format(java.util.Locale.ROOT, "%.3f", sd / Math.max(mean, FLOOR))
                            + "); a strip scan holds D-min | LD | HD side by side, each a third of the width");
                }
                d[p][c] = -Math.log10(Math.max(mean, FLOOR));
            }
        }
        return new StripDensities(d[0], d[1], d[2]);
    }

    /** A strip scan of {@code strip} laid out as {@link #read} reads it, into {@code image} (16-bit RGB, any size). */
    public static BufferedImage render(StripDensities strip, BufferedImage image) {
        WritableRaster r = image.getRaster();
        double max = (1 << r.getSampleModel().getSampleSize(0)) - 1.0;
        double[][] d = {strip.dmin(), strip.ld(), strip.hd()};
        for (int x = 0; x < r.getWidth(); x++) {
            int p = Math.min(2, x * 3 / r.getWidth());
            for (int y = 0; y < r.getHeight(); y++) {
                for (int c = 0; c < 3; c++) {
                    r.setSample(x, y, c, (int) Math.round(Math.pow(10, -d[p][c]) * max));
                }
            }
        }
        return image;
    }
}
