package emu.calibration.io;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reading and writing image files: 8- and 16-bit RGB(A) TIFF, PNG and JPEG.
 *
 * <p>TIFF is read with TwelveMonkeys (the JDK reader cannot undo horizontal differencing,
 * Predictor=2, which ImageMagick writes by default) and written with the JDK's own writer
 * (TwelveMonkeys' writer fails on 16-bit RGB): both are chosen explicitly (STACK.md, "images").
 * Files are read through a memory mapping ({@link MappedImageInputStream}) and written atomically
 * ({@link AtomicFiles}).
 */
public final class ImageFiles {
    private static final String TWELVEMONKEYS_TIFF_READER = "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReader";
    private static final String JDK_TIFF_WRITER = "com.sun.imageio.plugins.tiff.TIFFImageWriter";

    private ImageFiles() {}

    /** The file kinds written here, from the file name's extension. */
    public enum Kind {
        TIFF, PNG, JPEG;

        /** @throws IllegalArgumentException naming the accepted extensions */
        public static Kind of(Path file) {
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
     * Checks that {@code out} names a format written here, so a typo fails before seconds of work.
     *
     * @throws IllegalArgumentException naming the accepted extensions
     */
    public static void checkOutputName(Path out) {
        Kind.of(out);
    }

    /**
     * Reads an image, any format ImageIO knows by content. TIFF in the baseline layouts is decoded
     * here, on all cores ({@link TiffBandReader}); other TIFF through TwelveMonkeys.
     */
    public static BufferedImage read(Path file) throws IOException {
        TiffBandReader tiff = TiffBandReader.open(file);
        if (tiff != null) {
            return read(tiff);
        }
        try (ImageInputStream in = open(file)) {
            ImageReader reader = reader(file, in);
            try {
                return decode(file, reader);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The whole image of {@code tiff}, each band decoded straight into its place. */
    private static BufferedImage read(TiffBandReader tiff) throws IOException {
        BufferedImage img = create(tiff.width(), tiff.height(), tiff.bitsPerSample(), tiff.alpha());
        DataBuffer db = img.getRaster().getDataBuffer();
        short[] shorts = db instanceof DataBufferUShort u ? u.getData() : null;
        byte[] bytes = db instanceof java.awt.image.DataBufferByte b ? b.getData() : null;
        int bandSamples = tiff.bandRows() * tiff.width() * tiff.samplesPerPixel();
        tiff.eachBand((band, samples, rows) -> {
            int at = band * bandSamples;
            int n = rows * tiff.width() * tiff.samplesPerPixel();
            if (shorts != null) {
                System.arraycopy(samples, 0, shorts, at, n);
            } else {
                for (int i = 0; i < n; i++) {
                    bytes[at + i] = (byte) samples[i];
                }
            }
        }, () -> {});
        return img;
    }

    /** A stream over {@code file}, memory-mapped when it fits; the caller closes it. */
    public static ImageInputStream open(Path file) throws IOException {
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
    public static ImageReader reader(Path file, ImageInputStream in) throws ImageFormatException {
        ImageReader reader = pickReader(ImageIO.getImageReaders(in));
        if (reader == null) {
            throw new ImageFormatException(file, "not an image this station reads (TIFF, PNG or JPEG)");
        }
        reader.setInput(in, true, true);
        return reader;
    }

    /** True for the TwelveMonkeys TIFF reader that {@link #reader} prefers for TIFF. */
    public static boolean isTiffReader(ImageReader reader) {
        return reader.getClass().getName().equals(TWELVEMONKEYS_TIFF_READER);
    }

    /** The first image of {@code reader}; failures name the file. */
    public static BufferedImage decode(Path file, ImageReader reader) throws ImageFormatException {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, reader, e);
        }
    }

    /** The failure to report when {@code reader} could not decode {@code file}. */
    public static ImageFormatException unreadable(Path file, ImageReader reader, Exception e) {
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
            if (isTiffReader(r)) {
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
     * atomically to {@code file}; unchecked failures of the image's own {@code getData} (a
     * streaming caller's read errors) pass through unwrapped.
     */
    public static void write(BufferedImage img, Path file, Kind kind) throws IOException {
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
    public static Raster rows(WritableRaster raster, Rectangle r) {
        Raster child = raster.createChild(r.x, r.y, r.width, r.height, r.x, r.y, null);
        DataBuffer db = child.getDataBuffer();
        if (!(child.getSampleModel() instanceof PixelInterleavedSampleModel sm) || !(db instanceof DataBufferUShort u)
                || db.getNumBanks() != 1 || db.getOffset() != 0
                || child.getSampleModelTranslateX() != 0 || child.getSampleModelTranslateY() != 0) {
            return child;
        }
        short[] shorts = u.getData();
        int[] offsets = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int lineStride = sm.getScanlineStride();
        return new Raster(sm, db, r, new Point(0, 0), null) {
            @Override
            public int[] getPixels(int x, int y, int w, int h, int[] iArray) {
                if (x < getMinX() || y < getMinY() || w < 0 || h < 0 || x + w > getMinX() + getWidth()
                        || y + h > getMinY() + getHeight()) {
                    throw new ArrayIndexOutOfBoundsException("pixels " + x + "," + y + " " + w + "x" + h
                            + " outside " + getBounds());
                }
                int bands = offsets.length;
                int[] out = iArray != null ? iArray : new int[w * h * bands];
                int k = 0;
                for (int row = y; row < y + h; row++) {
                    for (int col = 0, i = row * lineStride + x * pixelStride; col < w; col++, i += pixelStride) {
                        for (int b = 0; b < bands; b++) {
                            out[k++] = shorts[i + offsets[b]] & 0xffff;
                        }
                    }
                }
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

    /** An interleaved RGB(A) image with 8 or 16 bits per sample, the layout every writer here accepts. */
    public static BufferedImage create(int w, int h, int bits, boolean alpha) {
        int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        int bands = alpha ? 4 : 3;
        WritableRaster raster = Raster.createInterleavedRaster(type, w, h, bands, null);
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        return new BufferedImage(cm, raster, false, null);
    }
}
