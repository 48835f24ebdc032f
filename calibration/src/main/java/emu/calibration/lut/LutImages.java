package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFiles.Kind;
import emu.calibration.io.ImageFormatException;
import emu.calibration.io.TiffBandReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Applying a LUT to image files: 8- and 16-bit RGB(A) TIFF, PNG and JPEG.
 *
 * <p>Samples are normalised by the largest code value (255 or 65535), mapped, clipped to 0..1 and
 * rounded back; alpha passes through. TIFF to TIFF in the baseline layouts streams in bands
 * ({@link StreamedTiffApply}); anything else is read whole by {@link ImageFiles}, its rows split
 * over the common fork-join pool, mapped in place where the output keeps depth and channels, and
 * written by {@link ImageFiles}.
 *
 * <p>PNG and JPEG are not read in bands: the JDK's readers decode a source region by decoding
 * everything above it (one zlib stream for PNG, sequential scans for JPEG), so reading a 24 MP
 * image band by band would decode it ~60 times over, and their update listeners hand rows out
 * only into the whole destination image. They are 8-bit previews (72 MB at 24 MP, RGB); the
 * in-place map keeps that to one image instead of two.
 */
public final class LutImages {
    /** Rows per parallel task; a 6000-pixel row is 18k samples, so a few rows make a task worth scheduling. */
    static final int ROWS_PER_TASK = 8;

    private LutImages() {}

    /** Reads {@code in}, applies {@code lut}, writes {@code out} (16-bit kept for TIFF and PNG, 8-bit for JPEG). */
    public static void apply(Path in, ShapedLut lut, LutInterpolation interpolation, Path out) throws IOException {
        apply(in, CompletableFuture.completedFuture(lut), interpolation, out);
    }

    /**
     * Like {@link #apply(Path, ShapedLut, LutInterpolation, Path)} with a LUT still being read:
     * pixels start loading at once and the LUT is awaited only when they are ready to map. A
     * failure of {@code lut} is rethrown as it is when it is an {@link IOException}.
     *
     * <p>A TIFF-to-TIFF apply of 8/16-bit RGB(A) strips or tiles, uncompressed, LZW, Deflate or
     * PackBits (what cameras, scanners, ImageMagick, ffmpeg and libtiff write) streams in row
     * bands ({@link StreamedTiffApply}) on every core. Everything else is read whole first.
     *
     * @return the image's width and height
     */
    public static int[] apply(Path in, Future<ShapedLut> lut, LutInterpolation interpolation, Path out)
            throws IOException {
        Kind kind = Kind.of(out);
        TiffBandReader bands = kind == Kind.TIFF ? TiffBandReader.open(in) : null;
        if (bands != null) {
            StreamedTiffApply.run(bands, lut, interpolation, out);
            return new int[] {bands.width(), bands.height()};
        }
        try (ImageInputStream stream = ImageFiles.open(in)) {
            ImageReader reader = ImageFiles.reader(in, stream);
            try {
                BufferedImage image = ImageFiles.decode(in, reader);
                ImageFiles.write(apply(in, image, await(lut), interpolation, kind == Kind.JPEG), out);
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
     * Maps every pixel of {@code src} through {@code lut}: in place when the output keeps its depth
     * and channels and its raster is interleaved bytes or shorts (what the JDK's PNG and JPEG
     * readers give), returning {@code src} itself, so an 8-bit preview holds one image, not two;
     * otherwise into a new image of the same size.
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
        int w = src.getWidth();
        int h = src.getHeight();
        Samples from = Samples.of(in, (1 << bits) - 1);
        // in place when the output keeps the depth and the channels and the raster's arrays are at
        // hand (PNG and JPEG as the JDK decodes them): no second whole image
        boolean inPlace = outBits == bits && alpha == (bands == 4) && from.direct();
        BufferedImage dst = inPlace ? src : ImageFiles.create(w, h, outBits, alpha);
        Samples to = inPlace ? from : Samples.of(dst.getRaster(), (1 << outBits) - 1);
        boolean copyAlpha = alpha && !inPlace;
        int tasks = (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int y0 = t * ROWS_PER_TASK;
            map(from, to, y0, Math.min(ROWS_PER_TASK, h - y0), new float[3 * w * ROWS_PER_TASK], lut, interpolation,
                    copyAlpha);
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
     * (what the readers here return and {@link ImageFiles#create} makes) are read straight from their arrays;
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
}
