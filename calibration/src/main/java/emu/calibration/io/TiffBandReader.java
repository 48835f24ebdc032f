package emu.calibration.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a TIFF image a band of rows at a time, from several threads at once, straight out of a
 * memory mapping of the file: the baseline layouts ({@link TiffLayout}) of strips or tiles,
 * uncompressed, LZW, Deflate or PackBits, with or without horizontal differencing (Predictor 2),
 * 8 or 16 bits, RGB or RGBA interleaved. Samples come out as unsigned 16-bit values in a
 * {@code short[]} (8-bit samples widened, 0..255), pixel-interleaved, {@code width} pixels a row.
 *
 * <p>Bands start on multiples of {@link #bandRows()}: whole strips when strips are short, whole
 * tile rows for compressed tiles (slices of 64 rows for uncompressed ones), and slices of a strip when strips are tall (a single-strip file). An
 * uncompressed band is read wherever it lies; slices of a compressed strip must be decoded in
 * order, so {@link #read} waits until the slice above has been decoded (callers that hand out
 * bands in increasing order never wait long, and never deadlock).
 *
 * <p>Over 300 lines: strips, slices of one compressed strip and tiles are three ways to fill the
 * same band from the same mapping, sharing its arithmetic, scratch buffers and error reporting.
 */
public final class TiffBandReader {
    /** About 2 MB of a 6000-pixel 16-bit RGB band: enough work per task, few bands in memory. */
    private static final int TARGET_ROWS = 64;

    private final Path file;
    private final ByteBuffer map;
    private final TiffLayout layout;
    private final int bandRows;
    /** Per strip: its decoder while the strip is being read in slices (compressed, taller than a band). */
    private final Slices[] slices;
    /** Decoded bytes on their way to samples, 128 KB per thread. */
    private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[1 << 17]);

    private TiffBandReader(Path file, ByteBuffer map, TiffLayout layout) {
        this.file = file;
        this.map = map;
        this.layout = layout;
        int bh = layout.blockHeight();
        // uncompressed tiles are read a slice of rows at a time wherever they lie: a 256-row tile row
        // as one band was four times the memory per thread, and its passes ran out of cache
        // (1.49 s CPU vs 1.20-1.29 s for the same image in strips, bench/RESULTS.md)
        boolean sliced = layout.tiled() && layout.compression() == TiffLayout.NONE && !layout.predictor()
                && bh > TARGET_ROWS && bh % TARGET_ROWS == 0;
        this.bandRows = sliced ? TARGET_ROWS : layout.tiled() ? bh
                : bh >= TARGET_ROWS ? TARGET_ROWS : bh * ((TARGET_ROWS + bh - 1) / bh);
        this.slices = new Slices[layout.offsets().length];
    }

    /**
     * A reader for {@code file}, or null when it is not a TIFF laid out as this class reads (the
     * caller then takes ImageIO's reader), or is 2 GB or more (one mapping holds at most 2 GB).
     *
     * @throws ImageFormatException when a strip or tile lies outside the file (a truncated file)
     */
    public static TiffBandReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, "no such image file");
        }
        MappedByteBuffer map;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() >= Integer.MAX_VALUE) {
                return null;
            }
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        TiffLayout layout = TiffLayout.of(map);
        if (layout == null) {
            return null;
        }
        for (int i = 0; i < layout.offsets().length; i++) {
            if (layout.offsets()[i] + layout.byteCounts()[i] > map.capacity()) {
                throw new ImageFormatException(file, "truncated TIFF: " + (layout.tiled() ? "tile " : "strip ") + i
                        + " ends at byte " + (layout.offsets()[i] + layout.byteCounts()[i]) + " of " + map.capacity());
            }
        }
        return new TiffBandReader(file, map, layout);
    }

    public int width() {
        return layout.width();
    }

    public int height() {
        return layout.height();
    }

    public int bitsPerSample() {
        return layout.bitsPerSample();
    }

    public boolean alpha() {
        return layout.alpha();
    }

    public int samplesPerPixel() {
        return layout.samplesPerPixel();
    }

    /** True when the file's data is compressed (LZW, Deflate or PackBits). */
    public boolean compressed() {
        return layout.compression() != TiffLayout.NONE;
    }

    /** The TIFF compression code of the file (1 none, 5 LZW, 8 Deflate, 32773 PackBits). */
    public int compression() {
        return layout.compression();
    }

    /** True when the samples are stored differenced (Predictor 2), as LZW and Deflate files often are. */
    public boolean predictor() {
        return layout.predictor();
    }

    public boolean tiled() {
        return layout.tiled();
    }

    /** Rows of every band but the last. */
    public int bandRows() {
        return bandRows;
    }

    public int bands() {
        return (layout.height() + bandRows - 1) / bandRows;
    }

    /**
     * Reads band {@code band} into {@code dst} (at least {@code bandRows * width * samplesPerPixel}
     * samples) and answers its row count.
     */
    public int read(int band, short[] dst) throws IOException {
        int y0 = band * bandRows;
        int rows = Math.min(bandRows, layout.height() - y0);
        try {
            if (layout.tiled()) {
                readTileRow(y0 / layout.blockHeight(), y0 % layout.blockHeight(), rows, dst);
            } else {
                readStripRows(y0, rows, dst);
            }
        } catch (Consequence e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(file, "unreadable TIFF at rows " + y0 + ".." + (y0 + rows - 1) + ": "
                    + e.getMessage(), e);
        }
        return rows;
    }

    /** Work on one band's samples (see {@link #eachBand}). */
    @FunctionalInterface
    public interface BandTask {
        void accept(int band, short[] samples, int rows) throws IOException;
    }

    /**
     * Reads every band on all cores and hands each to {@code task} on the thread that read it
     * ({@link TiffBandThreads#run}); {@code onFailure} runs on the first failure, to release
     * threads {@code task} may keep waiting.
     */
    public void eachBand(BandTask task, Runnable onFailure) throws IOException {
        TiffBandThreads.run(this, task, onFailure);
    }

    /** A failure caused by another band's failure (so the cause is what gets reported). */
    public static class Consequence extends IOException {
        public Consequence(String message) {
            super(message);
        }
    }

    private void readStripRows(int y0, int rows, short[] dst) throws IOException {
        int rps = layout.blockHeight();
        int rowSamples = layout.width() * layout.samplesPerPixel();
        for (int y = y0; y < y0 + rows; ) {
            int strip = y / rps;
            int n = Math.min(y0 + rows, Math.min(layout.height(), (strip + 1) * rps)) - y;
            int from = y - strip * rps;
            int at = (y - y0) * rowSamples;
            if (layout.compression() == TiffLayout.NONE) {
                raw(strip, (long) from * rowSamples, n * rowSamples, dst, at);
            } else if (from == 0 && n == Math.min(rps, layout.height() - strip * rps)) {
                TiffDecoders.Decoder d = TiffDecoders.of(layout.compression(), block(strip));
                try {
                    decode(d, n * rowSamples, dst, at);
                } finally {
                    d.close();
                }
            } else {
                slice(strip, from, n, dst, at);
            }
            undoPredictor(dst, at, n, layout.width());
            y += n;
        }
    }

    /** Rows {@code from..from+n} of a compressed strip read in slices, in order. */
    private void slice(int strip, int from, int n, short[] dst, int at) throws IOException {
        Slices s;
        synchronized (slices) {
            s = slices[strip];
            if (s == null) {
                s = slices[strip] = new Slices(TiffDecoders.of(layout.compression(), block(strip)));
            }
        }
        int rowSamples = layout.width() * layout.samplesPerPixel();
        synchronized (s) {
            while (s.nextRow != from && !s.failed) {
                try {
                    s.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting for strip " + strip);
                }
            }
            if (s.failed) {
                throw new Consequence("strip " + strip + " failed above row " + from);
            }
            try {
                decode(s.decoder, n * rowSamples, dst, at);
                s.nextRow += n;
            } catch (IOException | RuntimeException e) {
                s.failed = true;
                throw e;
            } finally {
                if (s.failed || s.nextRow >= Math.min(layout.blockHeight(), layout.height() - strip * layout.blockHeight())) {
                    s.decoder.close();
                }
                s.notifyAll();
            }
        }
    }

    /** Rows {@code from..from+rows} of tile row {@code tileRow} (from is 0 unless tiles are read in slices). */
    private void readTileRow(int tileRow, int from, int rows, short[] dst) throws IOException {
        int spp = layout.samplesPerPixel();
        int tw = layout.blockWidth();
        int tileSamples = tw * layout.blockHeight() * spp;
        int across = layout.blocksAcross();
        if (layout.compression() == TiffLayout.NONE && !layout.predictor()) {
            // rows of stored tiles straight into their places: no tile buffer, one pass fewer
            for (int t = 0; t < across; t++) {
                int x0 = t * tw;
                int w = Math.min(tw, layout.width() - x0) * spp;
                for (int r = 0; r < rows; r++) {
                    raw(tileRow * across + t, (long) (from + r) * tw * spp, w, dst, (r * layout.width() + x0) * spp);
                }
            }
            return;
        }
        short[] tile = new short[tileSamples];
        for (int t = 0; t < across; t++) {
            int index = tileRow * across + t;
            if (layout.compression() == TiffLayout.NONE) {
                raw(index, 0, tileSamples, tile, 0);
            } else {
                TiffDecoders.Decoder d = TiffDecoders.of(layout.compression(), block(index));
                try {
                    decode(d, tileSamples, tile, 0);
                } finally {
                    d.close();
                }
            }
            undoPredictor(tile, 0, layout.blockHeight(), tw);
            int x0 = t * tw;
            int w = Math.min(tw, layout.width() - x0) * spp;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tile, r * tw * spp, dst, (r * layout.width() + x0) * spp, w);
            }
        }
    }

    /** The stored bytes of strip or tile {@code index}. */
    private ByteBuffer block(int index) {
        return map.slice((int) layout.offsets()[index], (int) layout.byteCounts()[index]);
    }

    /** {@code count} uncompressed samples from sample {@code first} of block {@code index}. */
    private void raw(int index, long first, int count, short[] dst, int at) throws IOException {
        int bps = layout.bytesPerSample();
        long start = layout.offsets()[index] + first * bps;
        if (first * bps + (long) count * bps > layout.byteCounts()[index]) {
            throw new IOException("block " + index + " holds " + layout.byteCounts()[index] + " bytes, short of "
                    + (first + count) * bps);
        }
        ByteBuffer b = map.slice((int) start, count * bps).order(layout.order());
        if (bps == 2) {
            b.asShortBuffer().get(dst, at, count);
        } else {
            for (int i = 0; i < count; i++) {
                dst[at + i] = (short) (b.get(i) & 0xff);
            }
        }
    }

    /** The next {@code count} samples of a compressed block. */
    private void decode(TiffDecoders.Decoder d, int count, short[] dst, int at) throws IOException {
        int bps = layout.bytesPerSample();
        byte[] bytes = scratch.get(); // per thread: one-row strips would otherwise allocate a row each
        for (int done = 0; done < count; ) {
            int n = Math.min(count - done, bytes.length / bps);
            d.read(bytes, 0, n * bps);
            if (bps == 2) {
                ByteBuffer.wrap(bytes, 0, n * 2).order(layout.order()).asShortBuffer().get(dst, at + done, n);
            } else {
                for (int i = 0; i < n; i++) {
                    dst[at + done + i] = (short) (bytes[i] & 0xff);
                }
            }
            done += n;
        }
    }

    /**
     * Undoes horizontal differencing (TIFF 6.0 section 14): each sample was stored as the
     * difference from the same sample of the pixel to its left, modulo 2^bits.
     */
    private void undoPredictor(short[] s, int at, int rows, int rowPixels) {
        if (!layout.predictor()) {
            return;
        }
        int spp = layout.samplesPerPixel();
        int mask = layout.bitsPerSample() == 8 ? 0xff : 0xffff;
        int rowSamples = rowPixels * spp;
        for (int r = 0; r < rows; r++) {
            int start = at + r * rowSamples;
            for (int i = start + spp; i < start + rowSamples; i++) {
                s[i] = (short) ((s[i] + s[i - spp]) & mask);
            }
        }
    }

    /** A compressed strip being read slice by slice. */
    private static final class Slices {
        final TiffDecoders.Decoder decoder;
        int nextRow;
        boolean failed;

        Slices(TiffDecoders.Decoder decoder) {
            this.decoder = decoder;
        }
    }
}
