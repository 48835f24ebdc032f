package emu.calibration.lut;

import emu.calibration.io.AtomicFiles;
import emu.calibration.io.TiffBandReader;
import emu.calibration.io.TiffStripWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TIFF-to-TIFF LUT apply that streams in bands of rows on every core: each worker takes the
 * next band, decodes it from the memory-mapped input ({@link TiffBandReader}), maps it in place
 * through per-code tables ({@link CodeLattice}) and writes it as one strip
 * ({@link TiffStripWriter}); memory is one band buffer per worker, whatever the image size. The
 * output keeps the input's depth and alpha, and its compression family ({@link #outputCompression}:
 * no LZW encoder here, so LZW input is written as Deflate with horizontal differencing). Every output sample equals the per-pixel path's
 * ({@link ShapedLut#apply(float[], int, int, LutInterpolation)}, clipped, rounded half up).
 */
final class StreamedTiffApply {
    private StreamedTiffApply() {}

    /** Applies {@code lut} to {@code in}, writing {@code out} atomically or not at all. */
    static void run(TiffBandReader in, Future<ShapedLut> lut, LutInterpolation interpolation, Path out)
            throws IOException {
        int max = in.bitsPerSample() == 16 ? 0xffff : 0xff;
        Tables tables = new Tables(lut, interpolation, max);
        AtomicFiles.writeFile(out, tmp -> {
            try (TiffStripWriter writer = TiffStripWriter.open(tmp, in.width(), in.height(), in.samplesPerPixel(),
                    in.bitsPerSample(), in.bandRows(), outputCompression(in.compression()))) {
                runBands(in, tables, writer);
                writer.finish();
            }
        });
    }

    /** The input's family: uncompressed stays so, PackBits stays PackBits, LZW and Deflate become Deflate. */
    static int outputCompression(int input) {
        return input == 1 || input == 32773 ? input : 8;
    }

    private static void runBands(TiffBandReader in, Tables tables, TiffStripWriter writer) throws IOException {
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), in.bands()));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "lut-band");
            t.setDaemon(true);
            return t;
        });
        List<Future<Void>> done = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                done.add(pool.submit(() -> {
                    short[] samples = new short[in.bandRows() * in.width() * in.samplesPerPixel()];
                    try {
                        // bands go out in increasing order: compressed strips are read and appended in that order
                        for (int band = next.getAndIncrement(); band < in.bands(); band = next.getAndIncrement()) {
                            int rows = in.read(band, samples);
                            tables.map(samples, rows * in.width(), in.samplesPerPixel());
                            writer.write(band, samples);
                        }
                    } catch (IOException | RuntimeException | Error e) {
                        next.set(Integer.MAX_VALUE); // no new bands; workers waiting on this band are released
                        writer.abort();
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null || first instanceof TiffStripWriter.Aborted) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    writer.abort();
                    throw new java.io.InterruptedIOException("interrupted applying the LUT");
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error err) {
                throw err;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The per-code tables, made once by the first band that needs them (the LUT may still be loading). */
    private static final class Tables {
        private final Future<ShapedLut> lut;
        private final LutInterpolation interpolation;
        private final int max;
        private CodeLattice lattice;
        private ShapedLut plain;

        Tables(Future<ShapedLut> lut, LutInterpolation interpolation, int max) {
            this.lut = lut;
            this.interpolation = interpolation;
            this.max = max;
        }

        private synchronized CodeLattice lattice() throws IOException {
            if (lattice == null && plain == null) {
                ShapedLut l = LutImages.await(lut);
                lattice = CodeLattice.of(l, interpolation, max);
                plain = lattice == null ? l : null;
            }
            return lattice;
        }

        /** Maps {@code pixels} interleaved pixels of {@code spp} samples in place; alpha stays. */
        void map(short[] s, int pixels, int spp) throws IOException {
            CodeLattice tables = lattice();
            if (tables != null) {
                tables.map(s, 0, pixels, spp, RGB);
                return;
            }
            // an interpolation without a lattice (none registered today): the per-pixel path itself
            float scale = 1f / max;
            float[] rgb = new float[3];
            for (int p = 0, i = 0; p < pixels; p++, i += spp) {
                rgb[0] = (s[i] & 0xffff) * scale;
                rgb[1] = (s[i + 1] & 0xffff) * scale;
                rgb[2] = (s[i + 2] & 0xffff) * scale;
                plain.apply(rgb, 0, 1, interpolation);
                for (int c = 0; c < 3; c++) {
                    s[i + c] = (short) LutImages.quantise(rgb[c], max);
                }
            }
        }

        private static final int[] RGB = {0, 1, 2};
    }
}
