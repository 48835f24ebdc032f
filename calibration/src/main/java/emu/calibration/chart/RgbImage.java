package emu.calibration.chart;

import emu.calibration.io.ImageFiles;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * An RGB image as interleaved floats, the values as stored in the file normalised to 0..1 by the
 * largest code value (255, 65535) -- linear for camera captures, display-encoded for scans; nothing
 * is decoded here. Pixel (x, y) covers [x, x + 1) x [y, y + 1) in image coordinates.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] rgb;

    /** Wraps (does not copy) {@code rgb}, interleaved R, G, B, row by row. */
    public RgbImage(int width, int height, float[] rgb) {
        if (width < 1 || height < 1 || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("an RGB image of " + width + " x " + height + " needs "
                    + 3L * width * height + " samples, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Reads a TIFF (8/16-bit), PNG or JPEG file through {@link ImageFiles#read}. */
    public static RgbImage read(Path file) throws IOException {
        return of(ImageFiles.read(file), file.toString());
    }

    /**
     * Converts a decoded image: 8- or 16-bit integer samples are divided by 255 or 65535, float
     * samples are kept; grey images are replicated to RGB, alpha is dropped.
     *
     * @param what names the image in error messages (e.g. its file)
     */
    public static RgbImage of(BufferedImage img, String what) {
        if (img.getColorModel() instanceof IndexColorModel) {
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(img, 0, 0, null);
            img = rgb;
        }
        Raster r = img.getRaster();
        int colours = img.getColorModel().getNumColorComponents();
        if (colours != 1 && colours != 3) {
            throw new IllegalArgumentException(what + ": needs a grey or RGB image, got " + colours + " colour components");
        }
        int type = r.getDataBuffer().getDataType();
        float scale;
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            scale = 1f;
        } else {
            int bits = img.getColorModel().getComponentSize(0);
            if (bits != 8 && bits != 16) {
                throw new IllegalArgumentException(what + ": needs 8 or 16 bits per sample, got " + bits);
            }
            scale = 1f / ((1 << bits) - 1);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int bands = r.getNumBands();
        float[] out = new float[3 * w * h];
        boolean packed = img.getType() == BufferedImage.TYPE_INT_RGB;
        BufferedImage source = img;
        IntStream.range(0, h).parallel().forEach(y -> {
            if (packed) {
                int[] p = source.getRGB(0, y, w, 1, null, 0, w);
                for (int x = 0; x < w; x++) {
                    int o = 3 * (y * w + x);
                    out[o] = ((p[x] >> 16) & 0xff) / 255f;
                    out[o + 1] = ((p[x] >> 8) & 0xff) / 255f;
                    out[o + 2] = (p[x] & 0xff) / 255f;
                }
                return;
            }
            float[] s = r.getPixels(0, y, w, 1, (float[]) null);
            for (int x = 0; x < w; x++) {
                int o = 3 * (y * w + x);
                int k = x * bands;
                if (colours == 1) {
                    out[o] = out[o + 1] = out[o + 2] = s[k] * scale;
                } else {
                    out[o] = s[k] * scale;
                    out[o + 1] = s[k + 1] * scale;
                    out[o + 2] = s[k + 2] * scale;
                }
            }
        });
        return new RgbImage(w, h, out);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel {@code c} (0 R, 1 G, 2 B) of pixel (x, y). */
    public float get(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c];
    }

    /** The backing samples (not a copy), interleaved RGB row by row. */
    float[] samples() {
        return rgb;
    }

    /**
     * This image reduced by an integer {@code factor}: each output pixel is the mean of a factor x
     * factor block (partial blocks at the right and bottom edges average what they hold), so output
     * coordinates times {@code factor} are input coordinates.
     */
    RgbImage downsample(int factor) {
        if (factor <= 1) {
            return this;
        }
        int w = (width + factor - 1) / factor;
        int h = (height + factor - 1) / factor;
        float[] out = new float[3 * w * h];
        IntStream.range(0, h).parallel().forEach(by -> {
            double[] sum = new double[3 * w];
            int[] count = new int[w];
            for (int y = by * factor; y < Math.min(height, (by + 1) * factor); y++) {
                int row = 3 * y * width;
                for (int x = 0; x < width; x++) {
                    int bx = x / factor;
                    int i = row + 3 * x;
                    sum[3 * bx] += rgb[i];
                    sum[3 * bx + 1] += rgb[i + 1];
                    sum[3 * bx + 2] += rgb[i + 2];
                    count[bx]++;
                }
            }
            for (int bx = 0; bx < w; bx++) {
                int o = 3 * (by * w + bx);
                for (int c = 0; c < 3; c++) {
                    out[o + c] = (float) (sum[3 * bx + c] / count[bx]);
                }
            }
        });
        return new RgbImage(w, h, out);
    }
}
