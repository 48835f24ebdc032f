package emu.calibration.lut;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFormatException;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;

/**
 * A TIFF-to-TIFF LUT apply that streams in row bands: one thread decodes the image with the
 * TIFF reader straight into the output image, a pool maps each band of rows in place as soon as
 * the reader has stored it, and the JDK TIFF writer, on the calling thread, takes each strip as
 * soon as its band is mapped. Reading, mapping and writing thus overlap, and there
 * is one copy of the pixels instead of three (decoded image, mapped image, writer's copies).
 *
 * <p>The pixels and the file are exactly what {@link LutImages}' whole-image path produces: the
 * same image layout ({@link ImageFiles#create}), the same per-row mapping ({@link LutImages#map})
 * and the same writer and parameters; only the order of work differs.
 */
final class BandedTiffApply {
    /** Rows per band: four strips of ImageMagick's 16-row TIFFs, ~2 MB of a 6000-pixel 16-bit row band. */
    private static final int BAND_ROWS = 64;

    private final Path file;
    private final ImageReader reader;
    private final int width;
    private final int height;
    private final boolean alpha;
    /** Set when writing failed, so the reading thread stops at the next band. */
    private volatile boolean stopped;

    private BandedTiffApply(Path file, ImageReader reader, int width, int height, boolean alpha) {
        this.file = file;
        this.reader = reader;
        this.width = width;
        this.height = height;
        this.alpha = alpha;
    }

    /**
     * The banded apply for {@code reader}'s first image, or null when it is not stored as strips
     * of interleaved 16-bit RGB(A) (8-bit, tiled, planar, palette, grey, CMYK...), which then
     * takes the whole-image path.
     */
    static BandedTiffApply of(Path file, ImageReader reader) throws ImageFormatException {
        try {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                return null;
            }
            SampleModel sm = type.getSampleModel();
            ColorModel cm = type.getColorModel();
            int bands = sm.getNumBands();
            // strips (not tiles) of 16-bit samples: the layouts whose progress reports whole rows (readBands)
            boolean layout = sm instanceof PixelInterleavedSampleModel && sm.getDataType() == DataBuffer.TYPE_USHORT
                    && Arrays.stream(cm.getComponentSize()).allMatch(b -> b == 16)
                    && reader.getTileWidth(0) == reader.getWidth(0);
            boolean rgb = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_RGB
                    && cm.getNumColorComponents() == 3 && (bands == 3 || bands == 4 && cm.hasAlpha());
            if (!layout || !rgb) {
                return null;
            }
            return new BandedTiffApply(file, reader, reader.getWidth(0), reader.getHeight(0), bands == 4);
        } catch (IOException | RuntimeException e) {
            throw ImageFiles.unreadable(file, reader, e);
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Reads, maps and writes; {@code out} is written atomically or not at all. */
    void run(Future<ShapedLut> lut, LutInterpolation interpolation, Path out) throws IOException {
        BufferedImage image = ImageFiles.create(width, height, 16, alpha);
        WritableRaster raster = image.getRaster();
        int bandCount = (height + BAND_ROWS - 1) / BAND_ROWS;
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] mapped = new CompletableFuture[bandCount];
        Arrays.setAll(mapped, b -> new CompletableFuture<>());
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "lut-map");
            t.setDaemon(true);
            return t;
        });
        LutImages.Samples samples = LutImages.Samples.of(raster, 0xffff);
        Thread reading = new Thread(() -> readBands(image, lut, interpolation, samples, mapped, pool), "tiff-read");
        reading.setDaemon(true);
        reading.start();
        BufferedImage view = new BufferedImage(image.getColorModel(), raster, false, null) {
            /** The JDK writer fetches each strip this way; hand it a view once its bands are mapped. */
            @Override
            public Raster getData(Rectangle r) {
                for (int b = r.y / BAND_ROWS; b <= (r.y + r.height - 1) / BAND_ROWS; b++) {
                    mapped[b].join();
                }
                return ImageFiles.rows(raster, r);
            }
        };
        try {
            ImageFiles.write(view, out, ImageFiles.Kind.TIFF);
        } catch (BandFailure e) {
            throw e.cause;
        } catch (CompletionException e) {
            if (e.getCause() instanceof BandFailure f) {
                throw f.cause;
            }
            throw e;
        } finally {
            // on a write failure the reader may still be decoding: stop it before the caller disposes it
            stopped = true;
            reader.abort();
            pool.shutdownNow();
            joinQuietly(reading);
        }
    }

    /**
     * Reads the whole image in one call (a source region per band would make TwelveMonkeys
     * re-read every strip above the band) and maps each band once the reader's progress says its
     * rows are in: for strips, TwelveMonkeys reports {@code 100 * rowsDone / height} after each
     * whole strip has been stored ({@code TIFFImageReader.read}, imageio-tiff 3.15).
     */
    private void readBands(BufferedImage image, Future<ShapedLut> lut, LutInterpolation interpolation,
            LutImages.Samples samples, CompletableFuture<Void>[] mapped, ExecutorService pool) {
        int[] next = {0};
        Lattice lattice = new Lattice(lut, interpolation);
        IntConsumer mapUpTo = rowsDone -> {
            for (; next[0] < mapped.length && Math.min(height, (next[0] + 1) * BAND_ROWS) <= rowsDone; next[0]++) {
                int y0 = next[0] * BAND_ROWS;
                int rows = Math.min(BAND_ROWS, height - y0);
                CompletableFuture<Void> done = mapped[next[0]];
                pool.execute(() -> {
                    try {
                        CodeLattice16 fast = lattice.get();
                        if (fast != null) {
                            samples.map(fast, y0, rows);
                        } else {
                            float[] buf = new float[3 * width * LutImages.ROWS_PER_TASK];
                            LutImages.map(samples, samples, y0, rows, buf, LutImages.await(lut), interpolation, false);
                        }
                        done.complete(null);
                    } catch (IOException e) {
                        done.completeExceptionally(new BandFailure(e));
                    } catch (RuntimeException | Error e) {
                        done.completeExceptionally(e);
                    }
                });
            }
        };
        IIOReadProgressListener progress = new IIOReadProgressListener() {
            @Override
            public void imageProgress(ImageReader source, float percentageDone) {
                // 100f * rows / height is within 1e-3 row of the row count for any height below 10^5
                mapUpTo.accept((int) Math.floor(percentageDone / 100.0 * height + 0.01));
            }

            @Override public void sequenceStarted(ImageReader source, int minIndex) {}
            @Override public void sequenceComplete(ImageReader source) {}
            @Override public void imageStarted(ImageReader source, int imageIndex) {}
            @Override public void imageComplete(ImageReader source) {}
            @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}
            @Override public void thumbnailProgress(ImageReader source, float percentageDone) {}
            @Override public void thumbnailComplete(ImageReader source) {}
            @Override public void readAborted(ImageReader source) {}
        };
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            param.setDestination(image);
            reader.addIIOReadProgressListener(progress);
            try {
                reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw new BandFailure(ImageFiles.unreadable(file, reader, e));
            } finally {
                reader.removeIIOReadProgressListener(progress);
            }
            if (stopped) {
                throw new BandFailure(new java.io.InterruptedIOException("stopped"));
            }
            mapUpTo.accept(height);
        } catch (BandFailure | java.util.concurrent.RejectedExecutionException e) {
            for (int b = next[0]; b < mapped.length; b++) {
                mapped[b].completeExceptionally(e);
            }
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The 16-bit code tables, made once by the first band task that needs them. */
    private static final class Lattice {
        private final Future<ShapedLut> lut;
        private final LutInterpolation interpolation;
        private CodeLattice16 tables;
        private boolean made;

        Lattice(Future<ShapedLut> lut, LutInterpolation interpolation) {
            this.lut = lut;
            this.interpolation = interpolation;
        }

        synchronized CodeLattice16 get() throws IOException {
            if (!made) {
                tables = CodeLattice16.of(LutImages.await(lut), interpolation);
                made = true;
            }
            return tables;
        }
    }

    /** Carries a checked failure of a band (unreadable input, bad LUT) through the writer to {@link #run}. */
    private static final class BandFailure extends RuntimeException {
        private final IOException cause;

        BandFailure(IOException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }
}
