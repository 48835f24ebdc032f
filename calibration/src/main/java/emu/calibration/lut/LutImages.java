package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import java.awt.Point;
import java.awt.Rectangle;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 * rounded back; alpha passes through. Rows are split over the common fork-join pool, except for
 * 16-bit TIFF to TIFF, which streams ({@link BandedTiffApply}). Files are read through a memory
 * mapping ({@link MappedImageInputStream}).
 */
public final class LutImages {
    private static final String TWELVEMONKEYS_TIFF_READER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader";
    private static final String JDK_TIFF_WRITER = "com.sun.imageio.plugins.tiff.TIFFImageWriter";
    /** Rows per parallel task; a 6000-pixel row is 18k samples, so a few rows make a task worth scheduling. */
    static final int ROWS_PER_TASK = 8;

    private LutImages() {}

    /** The output kinds, from the file name's extension. */
    enum Kind {
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
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(file, in);
            try {
                return decode(file, reader);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, "no such image file");
        }
        ImageInputStream mapped = MappedImageInputStream.open(file);
        ImageInputStream in = mapped != null ? mapped : ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new ImageFormatException(file, "cannot open for reading");
        }
        return in;
    }

    /** The reader for {@code in}'s content, its input set; the caller disposes it. */
    private static ImageReader reader(Path file, ImageInputStream in) throws ImageFormatException {
        ImageReader reader = pickReader(ImageIO.getImageReaders(in));
        if (reader == null) {
            throw new ImageFormatException(file, "not an image this station reads (TIFF, PNG or JPEG)");
        }
        reader.setInput(in, true, true);
        return reader;
    }

    private static BufferedImage decode(Path file, ImageReader reader) throws ImageFormatException {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, reader, e);
        }
    }

    static ImageFormatException unreadable(Path file, ImageReader reader, Exception e) {
        return new ImageFormatException(file, "unreadable " + formatName(reader) + " image: " + e.getMessage(), e);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return "";
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
        write(kind == Kind.TIFF ? sharingData(img) : img, file, kind);
    }

    /**
     * Writes {@code img} as it is (TIFF callers pass a {@link #sharingData} view or one like it)
     * atomically to {@code file}; unchecked failures of the image's own {@code getData} (the
     * banded path's read or LUT errors) pass through unwrapped.
     */
    static void write(BufferedImage img, Path file, Kind kind) throws IOException {
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
                    writer.write(null, new IIOImage(img, null, null), param);
                }
            });
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot write " + kind + ": " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The same image, but {@code getData(Rectangle)} returns a {@link #rows view} of its raster
     * instead of a copy. The JDK TIFF writer asks for every strip that way, and the copying was
     * 40% of its time on a 24-megapixel 16-bit image; the writer only reads the strip.
     */
    private static BufferedImage sharingData(BufferedImage img) {
        WritableRaster raster = img.getRaster();
        return new BufferedImage(img.getColorModel(), raster, img.isAlphaPremultiplied(), null) {
            @Override
            public Raster getData(Rectangle r) {
                return rows(raster, r);
            }
        };
    }

    /**
     * A read-only view of region {@code r} of {@code raster}. For interleaved 16-bit rasters its
     * {@code getPixels} copies straight from the short array: the JDK TIFF writer fetches every
     * 16-bit row through {@code getPixels}, whose generic per-sample loop
     * ({@code ComponentSampleModel}) was a third of the writer's time.
     */
    static Raster rows(WritableRaster raster, Rectangle r) {
        Raster child = raster.createChild(r.x, r.y, r.width, r.height, r.x, r.y, null);
        Samples direct = Samples.of(child, 0xffff);
        if (direct.shorts == null || child.getSampleModelTranslateX() != 0 || child.getSampleModelTranslateY() != 0) {
            return child;
        }
        return new Raster(child.getSampleModel(), child.getDataBuffer(), r, new Point(0, 0), null) {
            @Override
            public int[] getPixels(int x, int y, int w, int h, int[] iArray) {
                if (x < getMinX() || y < getMinY() || w < 0 || h < 0 || x + w > getMinX() + getWidth()
                        || y + h > getMinY() + getHeight()) {
                    throw new ArrayIndexOutOfBoundsException("pixels " + x + "," + y + " " + w + "x" + h
                            + " outside " + getBounds());
                }
                int bands = getNumBands();
                int[] out = iArray != null ? iArray : new int[w * h * bands];
                direct.copyPixels(x, y, w, h, out);
                return out;
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
        apply(in, CompletableFuture.completedFuture(lut), interpolation, out);
    }

    /**
     * Like {@link #apply(Path, ShapedLut, LutInterpolation, Path)} with a LUT still being read:
     * pixels start loading at once and the LUT is awaited only when they are ready to map. A
     * failure of {@code lut} is rethrown as it is when it is an {@link IOException}.
     *
     * <p>A TIFF-to-TIFF apply of 16-bit RGB(A) strips (what cameras, scanners and ImageMagick
     * write) streams in row bands ({@link BandedTiffApply}): reading, mapping and writing overlap
     * and the pixels are mapped in place. Everything else is read whole first.
     *
     * @return the image's width and height
     */
    public static int[] apply(Path in, Future<ShapedLut> lut, LutInterpolation interpolation, Path out)
            throws IOException {
        Kind kind = Kind.of(out);
        try (ImageInputStream stream = open(in)) {
            ImageReader reader = reader(in, stream);
            try {
                if (kind == Kind.TIFF && reader.getClass().getName().equals(TWELVEMONKEYS_TIFF_READER)) {
                    BandedTiffApply banded = BandedTiffApply.of(in, reader);
                    if (banded != null) {
                        banded.run(lut, interpolation, out);
                        return new int[] {banded.width(), banded.height()};
                    }
                }
                BufferedImage image = decode(in, reader);
                write(apply(in, image, await(lut), interpolation, kind == Kind.JPEG), out);
                return new int[] {image.getWidth(), image.getHeight()};
            } finally {
                reader.dispose();
            }
        }
    }

    /** The LUT once ready; its own {@link IOException} (a bad .cube) is rethrown unwrapped. */
    static ShapedLut await(Future<ShapedLut> lut) throws IOException {
        try {
            return lut.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the LUT");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("reading the LUT failed", cause);
        }
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
            map(from, to, y0, Math.min(ROWS_PER_TASK, h - y0), new float[3 * w * ROWS_PER_TASK], lut, interpolation,
                    alpha);
        });
        return dst;
    }

    /**
     * Maps rows {@code y0..y0+rows} of {@code from} into {@code to} (the same raster for an
     * in-place map, when alpha stays where it is), {@link #ROWS_PER_TASK} rows at a time through
     * {@code buf} (at least {@code 3 * width * ROWS_PER_TASK} floats).
     */
    static void map(Samples from, Samples to, int y0, int rows, float[] buf, ShapedLut lut,
            LutInterpolation interpolation, boolean copyAlpha) {
        int w = from.raster.getWidth();
        for (int y = y0; y < y0 + rows; y += ROWS_PER_TASK) {
            int n = Math.min(ROWS_PER_TASK, y0 + rows - y);
            from.read(y, n, buf);
            lut.apply(buf, 0, w * n, interpolation);
            to.write(y, n, buf, copyAlpha ? from : null);
        }
    }

    /**
     * Reads and writes rows of RGB samples as floats 0..1. Interleaved byte and ushort rasters
     * (what the readers here return and {@link #create} makes) are read straight from their arrays;
     * anything else goes through {@link Raster#getPixels}, which is several times slower.
     */
    static final class Samples {
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

        /** Maps rows {@code y0..y0+rows} of this direct 16-bit raster in place through {@code lattice}. */
        void map(CodeLattice16 lattice, int y0, int rows) {
            for (int y = y0; y < y0 + rows; y++) {
                lattice.map(shorts, y * lineStride, raster.getWidth(), pixelStride, offsets);
            }
        }

        /** Samples of pixels (x, y, w, h) of a direct 16-bit raster, band-interleaved, as getPixels returns them. */
        void copyPixels(int x, int y, int w, int h, int[] out) {
            int bands = offsets.length;
            int k = 0;
            for (int row = y; row < y + h; row++) {
                for (int col = 0, i = row * lineStride + x * pixelStride; col < w; col++, i += pixelStride) {
                    for (int b = 0; b < bands; b++) {
                        out[k++] = shorts[i + offsets[b]] & 0xffff;
                    }
                }
            }
        }

        private void put(int index, int value) {
            if (shorts != null) {
                shorts[index] = (short) value;
            } else {
                bytes[index] = (byte) value;
            }
        }
    }

    static int quantise(float v, int max) {
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
