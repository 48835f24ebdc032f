package emu.calibration.lut;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import emu.calibration.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.IntStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Applying a LUT to image files: 8- and 16-bit RGB(A) TIFF, PNG and JPEG.
 *
 * <p>TIFF is read with TwelveMonkeys (the JDK reader cannot undo horizontal differencing,
 * Predictor=2, which ImageMagick writes by default) and written with the JDK's own writer
 * (TwelveMonkeys' writer fails on 16-bit RGB): both are chosen explicitly (STACK.md, "images").
 * Samples are normalised by the largest code value (255 or 65535), mapped, clipped to 0..1 and
 * rounded back; alpha passes through. Rows are split over the common fork-join pool.
 */
public final class LutImages {
    private static final String TWELVEMONKEYS_TIFF_READER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader";
    private static final String JDK_TIFF_WRITER = "com.sun.imageio.plugins.tiff.TIFFImageWriter";
    /** Rows per parallel task; a 6000-pixel row is 18k samples, so a few rows make a task worth scheduling. */
    private static final int ROWS_PER_TASK = 8;

    private LutImages() {}

    /** The output kinds, from the file name's extension. */
    private enum Kind {
        TIFF, PNG, JPEG;

        static Kind of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".tif") || n.endsWith(".tiff")) {
                return TIFF;
            }
            if (n.endsWith(".png")) {
                return PNG;
            }
            if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
                return JPEG;
            }
            throw new IllegalArgumentException(file + ": unknown image type; use .tif/.tiff, .png or .jpg/.jpeg");
        }
    }

    /** Reads an image, any format ImageIO knows by content, TIFF through TwelveMonkeys. */
    public static BufferedImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, "no such image file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageFormatException(file, "cannot open for reading");
            }
            ImageReader reader = pickReader(ImageIO.getImageReaders(in));
            if (reader == null) {
                throw new ImageFormatException(file, "not an image this station reads (TIFF, PNG or JPEG)");
            }
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new ImageFormatException(file, "unreadable " + reader.getFormatName() + " image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** TwelveMonkeys for TIFF when offered, otherwise the first reader. */
    private static ImageReader pickReader(Iterator<ImageReader> readers) {
        ImageReader first = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            if (r.getClass().getName().equals(TWELVEMONKEYS_TIFF_READER)) {
                if (first != null) {
                    first.dispose();
                }
                return r;
            }
            if (first == null) {
                first = r;
            } else {
                r.dispose();
            }
        }
        return first;
    }

    /** Writes {@code img} atomically in the format the file name's extension names. */
    public static void write(BufferedImage img, Path file) throws IOException {
        Kind kind = Kind.of(file);
        ImageWriter writer = writer(kind);
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (kind == Kind.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.95f);
            }
            AtomicFiles.write(file, out -> {
                // ImageIO.createImageOutputStream would cache through a temp file; memory is enough here
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                try (ImageOutputStream ios = new MemoryCacheImageOutputStream(buffered)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(img, null, null), param);
                }
                buffered.flush();
            });
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot write " + kind + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writer(Kind kind) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(kind.name().toLowerCase(Locale.ROOT));
        ImageWriter chosen = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (chosen == null && (kind != Kind.TIFF || w.getClass().getName().equals(JDK_TIFF_WRITER))) {
                chosen = w;
            } else {
                w.dispose();
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO writer for " + kind
                    + (kind == Kind.TIFF ? " (expected the JDK's " + JDK_TIFF_WRITER + ")" : ""));
        }
        return chosen;
    }

    /** Reads {@code in}, applies {@code lut}, writes {@code out} (16-bit kept for TIFF and PNG, 8-bit for JPEG). */
    public static void apply(Path in, ShapedLut lut, LutInterpolation interpolation, Path out) throws IOException {
        Kind kind = Kind.of(out);
        BufferedImage src = read(in);
        BufferedImage dst = apply(in, src, lut, interpolation, kind == Kind.JPEG);
        write(dst, out);
    }

    /**
     * Maps every pixel of {@code src} through {@code lut} into a new image of the same size.
     *
     * @param eightBit produce 8-bit output whatever the input depth (JPEG); otherwise keep the depth
     */
    static BufferedImage apply(Path name, BufferedImage src, ShapedLut lut, LutInterpolation interpolation,
            boolean eightBit) throws ImageFormatException {
        Raster in = src.getRaster();
        int bands = in.getNumBands();
        int bits = src.getColorModel().getComponentSize(0);
        if (src.getColorModel() instanceof java.awt.image.IndexColorModel) {
            src = toRgb8(src);
            in = src.getRaster();
            bands = in.getNumBands();
            bits = 8;
        }
        if (bands != 3 && bands != 4 || src.getColorModel().getNumColorComponents() != 3) {
            throw new ImageFormatException(name, "needs an RGB or RGBA image, got " + bands + " channel(s)"
                    + " (" + src.getColorModel().getColorSpace().getNumComponents() + " colour components)");
        }
        if (bits != 8 && bits != 16) {
            throw new ImageFormatException(name, "needs 8 or 16 bits per channel, got " + bits);
        }
        boolean alpha = bands == 4 && !eightBit;
        int outBits = eightBit ? 8 : bits;
        BufferedImage dst = create(src.getWidth(), src.getHeight(), outBits, alpha);
        WritableRaster out = dst.getRaster();
        int w = src.getWidth();
        int h = src.getHeight();
        float inScale = 1f / ((1 << bits) - 1);
        int outMax = (1 << outBits) - 1;
        Raster source = in;
        int tasks = (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int y0 = t * ROWS_PER_TASK;
            int rows = Math.min(ROWS_PER_TASK, h - y0);
            int[] samples = source.getPixels(0, y0, w, rows, (int[]) null);
            int srcBands = source.getNumBands();
            float[] rgb = new float[3 * w * rows];
            for (int p = 0, k = 0; p < w * rows; p++, k += srcBands) {
                rgb[3 * p] = samples[k] * inScale;
                rgb[3 * p + 1] = samples[k + 1] * inScale;
                rgb[3 * p + 2] = samples[k + 2] * inScale;
            }
            lut.apply(rgb, 0, w * rows, interpolation);
            int outBands = out.getNumBands();
            int[] result = outBands == srcBands ? samples : new int[outBands * w * rows];
            for (int p = 0, k = 0; p < w * rows; p++, k += outBands) {
                result[k] = quantise(rgb[3 * p], outMax);
                result[k + 1] = quantise(rgb[3 * p + 1], outMax);
                result[k + 2] = quantise(rgb[3 * p + 2], outMax);
                // alpha, when kept, is still the source sample in place
            }
            out.setPixels(0, y0, w, rows, result);
        });
        return dst;
    }

    private static int quantise(float v, int max) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? max : (int) (v * max + 0.5f);
    }

    private static BufferedImage toRgb8(BufferedImage src) {
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(),
                src.getColorModel().hasAlpha() ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
        rgb.createGraphics().drawImage(src, 0, 0, null);
        return rgb;
    }

    /** An interleaved RGB(A) image with 8 or 16 bits per sample, the layout every writer here accepts. */
    static BufferedImage create(int w, int h, int bits, boolean alpha) {
        int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        int bands = alpha ? 4 : 3;
        WritableRaster raster = Raster.createInterleavedRaster(type, w, h, bands, null);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        return new BufferedImage(cm, raster, false, null);
    }

    /** The interleaved 16-bit samples of an image made by {@link #create}, for tests. */
    static short[] samples16(BufferedImage img) {
        if (!(img.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel)) {
            throw new IllegalArgumentException("not an interleaved image");
        }
        return ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
    }

    static byte[] samples8(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
}
