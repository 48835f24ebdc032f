package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
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
import javax.imageio.stream.FileImageOutputStream;

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

    /**
     * Checks that {@code out} names a format this class writes, so a typo fails before seconds of work.
     *
     * @throws IllegalArgumentException naming the accepted extensions
     */
    public static void checkOutputName(Path out) {
        Kind.of(out);
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
            // a file stream, not a memory cache: the TIFF writer seeks back, and the cache made it 3x slower
            AtomicFiles.writeFile(file, tmp -> {
                try (ImageOutputStream ios = new FileImageOutputStream(tmp.toFile())) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(kind == Kind.TIFF ? sharingData(img) : img, null, null), param);
                }
            });
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot write " + kind + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The same image, but {@code getData(Rectangle)} returns a view of its raster instead of a
     * copy. The JDK TIFF writer asks for every strip that way, and the copying was 40% of its time
     * on a 24-megapixel 16-bit image; the writer only reads the strip.
     */
    private static BufferedImage sharingData(BufferedImage img) {
        WritableRaster raster = img.getRaster();
        return new BufferedImage(img.getColorModel(), raster, img.isAlphaPremultiplied(), null) {
            @Override
            public Raster getData(java.awt.Rectangle r) {
                return raster.createChild(r.x, r.y, r.width, r.height, r.x, r.y, null);
            }
        };
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
        checkOutputName(out);
        apply(in, read(in), lut, interpolation, out);
    }

    /**
     * Applies {@code lut} to an image already read from {@code in} and writes {@code out}; callers
     * that read the LUT meanwhile use this form.
     */
    public static void apply(Path in, BufferedImage image, ShapedLut lut, LutInterpolation interpolation, Path out)
            throws IOException {
        Kind kind = Kind.of(out);
        write(apply(in, image, lut, interpolation, kind == Kind.JPEG), out);
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
        Samples from = Samples.of(in, (1 << bits) - 1);
        Samples to = Samples.of(out, (1 << outBits) - 1);
        int tasks = (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int y0 = t * ROWS_PER_TASK;
            int rows = Math.min(ROWS_PER_TASK, h - y0);
            float[] rgb = new float[3 * w * rows];
            from.read(y0, rows, rgb);
            lut.apply(rgb, 0, w * rows, interpolation);
            to.write(y0, rows, rgb, alpha ? from : null);
        });
        return dst;
    }

    /**
     * Reads and writes rows of RGB samples as floats 0..1. Interleaved byte and ushort rasters
     * (what the readers here return and {@link #create} makes) are read straight from their arrays;
     * anything else goes through {@link Raster#getPixels}, which is several times slower.
     */
    private static final class Samples {
        private final Raster raster;
        private final int max;
        private final float scale;
        private final short[] shorts;
        private final byte[] bytes;
        private final int[] offsets;
        private final int pixelStride;
        private final int lineStride;

        private Samples(Raster raster, int max) {
            this.raster = raster;
            this.max = max;
            this.scale = 1f / max;
            DataBuffer db = raster.getDataBuffer();
            boolean direct = raster.getSampleModel() instanceof PixelInterleavedSampleModel
                    && db.getNumBanks() == 1 && db.getOffset() == 0
                    && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                    && (db instanceof DataBufferUShort || db instanceof DataBufferByte);
            PixelInterleavedSampleModel sm = direct ? (PixelInterleavedSampleModel) raster.getSampleModel() : null;
            this.shorts = direct && db instanceof DataBufferUShort u ? u.getData() : null;
            this.bytes = direct && db instanceof DataBufferByte b ? b.getData() : null;
            this.offsets = direct ? sm.getBandOffsets() : null;
            this.pixelStride = direct ? sm.getPixelStride() : 0;
            this.lineStride = direct ? sm.getScanlineStride() : 0;
        }

        static Samples of(Raster raster, int max) {
            return new Samples(raster, max);
        }

        private boolean direct() {
            return offsets != null;
        }

        private int sample(int index) {
            return shorts != null ? shorts[index] & 0xffff : bytes[index] & 0xff;
        }

        void read(int y0, int rows, float[] rgb) {
            int w = raster.getWidth();
            if (!direct()) {
                int bands = raster.getNumBands();
                int[] s = raster.getPixels(0, y0, w, rows, (int[]) null);
                for (int p = 0, k = 0; p < w * rows; p++, k += bands) {
                    rgb[3 * p] = s[k] * scale;
                    rgb[3 * p + 1] = s[k + 1] * scale;
                    rgb[3 * p + 2] = s[k + 2] * scale;
                }
                return;
            }
            int o0 = offsets[0];
            int o1 = offsets[1];
            int o2 = offsets[2];
            int p = 0;
            for (int y = y0; y < y0 + rows; y++) {
                for (int x = 0, i = y * lineStride; x < w; x++, i += pixelStride, p += 3) {
                    rgb[p] = sample(i + o0) * scale;
                    rgb[p + 1] = sample(i + o1) * scale;
                    rgb[p + 2] = sample(i + o2) * scale;
                }
            }
        }

        /** Writes RGB rounded to this raster's depth; copies alpha from {@code alphaFrom} when given. */
        void write(int y0, int rows, float[] rgb, Samples alphaFrom) {
            int w = raster.getWidth();
            if (direct() && alphaFrom == null) {
                int o0 = offsets[0];
                int o1 = offsets[1];
                int o2 = offsets[2];
                int p = 0;
                for (int y = y0; y < y0 + rows; y++) {
                    for (int x = 0, i = y * lineStride; x < w; x++, i += pixelStride, p += 3) {
                        put(i + o0, quantise(rgb[p], max));
                        put(i + o1, quantise(rgb[p + 1], max));
                        put(i + o2, quantise(rgb[p + 2], max));
                    }
                }
                return;
            }
            int bands = raster.getNumBands();
            int[] s = new int[bands * w * rows];
            int[] a = alphaFrom == null ? null : alphaFrom.raster.getSamples(0, y0, w, rows, 3, (int[]) null);
            for (int p = 0, k = 0; p < w * rows; p++, k += bands) {
                s[k] = quantise(rgb[3 * p], max);
                s[k + 1] = quantise(rgb[3 * p + 1], max);
                s[k + 2] = quantise(rgb[3 * p + 2], max);
                if (a != null) {
                    s[k + 3] = a[p];
                }
            }
            ((WritableRaster) raster).setPixels(0, y0, w, rows, s);
        }

        private void put(int index, int value) {
            if (shorts != null) {
                shorts[index] = (short) value;
            } else {
                bytes[index] = (byte) value;
            }
        }
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
}
