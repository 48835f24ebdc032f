package emu.calibration.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes an RGB(A) TIFF of 8- or 16-bit samples as strips, from several threads at once, with
 * no copy of the whole image: little-endian, pixel-interleaved, uncompressed, PackBits, LZW
 * ({@link TiffLzwEncoder}) or Deflate (TIFF 6.0 sections 2, 9, 13; Technical Note 2), the
 * last two with or without horizontal differencing (Predictor 2, section 14: the caller keeps
 * the input's choice). Without it, LZW makes noisy 16-bit photographs larger than uncompressed
 * (the 24 MP bench image: 170 MB vs 144 MB; 120 MB with it, as libtiff writes it), and the
 * differencing pass costs less than the codes it saves. The JDK's own TIFF reader cannot undo
 * it on 16-bit samples (STACK.md, "images"); nothing here reads TIFF with it. Uncompressed strips have
 * known places, so each is written where it belongs as soon as it is ready; compressed strips
 * are compressed in the caller's thread and appended in strip order. The directory goes after
 * the strips once all are in ({@link #finish}). Callers give the file a temp path and rename it
 * ({@link AtomicFiles#writeFile}).
 */
public final class TiffStripWriter implements Closeable {
    private final FileChannel ch;
    private final int width;
    private final int height;
    private final int spp;
    private final int bits;
    private final int rowsPerStrip;
    private final boolean deflate;
    private final boolean packBits;
    private final boolean lzw;
    private final boolean predictor;
    private final long[] offsets;
    private final long[] counts;
    /** Compressed output: the strip whose turn it is to be appended, and where. */
    private int nextStrip;
    private long end = 8;
    private boolean aborted;
    private final ThreadLocal<ByteBuffer> direct = new ThreadLocal<>();
    /**
     * Per thread, reused strip after strip: the strip's bytes and the coders with their output
     * arrays (a 24 MP image is ~60 strips of 2.3 MB; allocating and zeroing two such arrays per
     * strip was a measurable part of a PackBits apply).
     */
    private final ThreadLocal<byte[]> heap = new ThreadLocal<>();
    private final ThreadLocal<TiffStripCoders> coders = ThreadLocal.withInitial(TiffStripCoders::new);

    private TiffStripWriter(FileChannel ch, int width, int height, int spp, int bits, int rowsPerStrip,
            int compression, boolean predictor) {
        this.predictor = predictor;
        this.ch = ch;
        this.width = width;
        this.height = height;
        this.spp = spp;
        this.bits = bits;
        this.rowsPerStrip = rowsPerStrip;
        this.deflate = compression == TiffLayout.DEFLATE;
        this.packBits = compression == TiffLayout.PACKBITS;
        this.lzw = compression == TiffLayout.LZW;
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        this.offsets = new long[strips];
        this.counts = new long[strips];
        if (compression == TiffLayout.NONE) {
            for (int s = 0; s < strips; s++) {
                offsets[s] = 8 + (long) s * rowsPerStrip * rowBytes();
                counts[s] = (long) rows(s) * rowBytes();
            }
            end = 8 + (long) height * rowBytes();
        }
    }

    /**
     * A writer to {@code file} (created or truncated) of {@code spp} (3, or 4 with alpha)
     * samples of {@code bits} (8 or 16) per pixel, in strips of {@code rowsPerStrip} rows,
     * compressed with TIFF code {@code compression}: 1 (none), 5 (LZW), 8 (Deflate) or 32773
     * (PackBits), with horizontal differencing when {@code predictor} (LZW and Deflate only).
     */
    public static TiffStripWriter open(Path file, int width, int height, int spp, int bits, int rowsPerStrip,
            int compression, boolean predictor) throws IOException {
        if (predictor && compression != TiffLayout.LZW && compression != TiffLayout.DEFLATE) {
            throw new IllegalArgumentException("Predictor 2 goes with LZW or Deflate, not compression " + compression);
        }
        if (compression != TiffLayout.NONE && compression != TiffLayout.DEFLATE && compression != TiffLayout.PACKBITS
                && compression != TiffLayout.LZW) {
            throw new IllegalArgumentException("TIFF compression " + compression + " is not written here");
        }
        if (spp != 3 && spp != 4 || bits != 8 && bits != 16 || width <= 0 || height <= 0 || rowsPerStrip <= 0) {
            throw new IllegalArgumentException(width + "x" + height + ", " + spp + " samples of " + bits + " bits");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new TiffStripWriter(ch, width, height, spp, bits, rowsPerStrip, compression, predictor);
    }

    private int rowBytes() {
        return width * spp * bits / 8;
    }

    /** Rows in strip {@code s}. */
    public int rows(int s) {
        return Math.min(rowsPerStrip, height - s * rowsPerStrip);
    }

    /**
     * Writes strip {@code s} from {@code samples} (its rows' samples, interleaved, values within
     * the bit depth; with a predictor they are differenced in place, so the caller's copy is
     * spent). Thread-safe; compressed strips wait for the strips above, so callers hand strips
     * out in increasing order.
     */
    public void write(int s, short[] samples) throws IOException {
        int n = rows(s) * width * spp;
        if (predictor) {
            difference(samples, rows(s));
        }
        int size = n * bits / 8;
        boolean raw = !deflate && !packBits && !lzw;
        ByteBuffer bytes = raw ? buffer(size) : ByteBuffer.wrap(scratch(size)).order(ByteOrder.LITTLE_ENDIAN);
        if (bits == 16) {
            bytes.asShortBuffer().put(samples, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                bytes.put(i, (byte) samples[i]);
            }
        }
        if (raw) {
            writeFully(bytes, offsets[s]);
            return;
        }
        TiffStripCoders coders = this.coders.get();
        ByteBuffer packed = deflate ? coders.deflate(bytes.array(), size) : lzw ? coders.lzw.encode(bytes.array(), size)
                : coders.packBits(bytes.array(), size, rowBytes());
        synchronized (this) {
            while (nextStrip != s) {
                if (aborted) {
                    throw new Aborted(s);
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting to append strip " + s);
                }
            }
            try {
                offsets[s] = end;
                counts[s] = packed.remaining();
                writeFully(packed, end);
                end += counts[s];
            } finally {
                nextStrip++;
                notifyAll();
            }
        }
    }

    /**
     * Horizontal differencing (TIFF 6.0 section 14), row by row from the right: each sample minus
     * the same sample of the pixel to its left, modulo 2^bits (the cast to short, and to byte on
     * writing 8-bit samples, keeps the low bits).
     */
    private void difference(short[] s, int rows) {
        int rowSamples = width * spp;
        for (int r = 0; r < rows; r++) {
            int start = r * rowSamples;
            for (int i = start + rowSamples - 1; i >= start + spp; i--) {
                s[i] = (short) (s[i] - s[i - spp]);
            }
        }
    }

    /** This thread's heap array of at least {@code size} bytes, for the samples of a strip to compress. */
    private byte[] scratch(int size) {
        byte[] b = heap.get();
        if (b == null || b.length < size) {
            b = new byte[size];
            heap.set(b);
        }
        return b;
    }

    /**
     * This thread's direct buffer of {@code size} bytes: the channel writes a heap buffer through a
     * direct copy of it, so filling a direct one saves a pass over the image.
     */
    private ByteBuffer buffer(int size) {
        ByteBuffer b = direct.get();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
            direct.set(b);
        }
        return b.clear().limit(size);
    }

    /** Stops the writing: threads waiting for their turn to append throw {@link Aborted}. */
    public synchronized void abort() {
        aborted = true;
        notifyAll();
    }

    /** Thrown to a strip waiting for its turn when another strip failed ({@link #abort}). */
    public static final class Aborted extends TiffBandReader.Consequence {
        Aborted(int strip) {
            super("strip " + strip + " not written: the writing was stopped");
        }
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    /** Writes the directory after the strips and points the header at it; call once all strips are written. */
    public void finish() throws IOException {
        int strips = offsets.length;
        boolean alpha = spp == 4;
        int entries = 12 + (alpha ? 1 : 0) + (predictor ? 1 : 0);
        long ifd = end + (end & 1); // directories start on a word boundary
        if (ifd + 4096L + 8L * strips > 0xffffffffL) {
            throw new IOException("a TIFF holds at most 4 GB; this image needs " + ifd + " bytes");
        }
        long extra = ifd + 2 + 12L * entries + 4;
        ByteBuffer b = ByteBuffer.allocate((int) (extra - ifd) + 2 * spp + 8 * strips + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) entries);
        long bpsAt = extra;
        long offsetsAt = bpsAt + 2 * spp;
        long countsAt = offsetsAt + 4L * strips;
        long resAt = countsAt + 4L * strips;
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        entry(b, 258, 3, spp, bpsAt);
        entry(b, 259, 3, 1, deflate ? TiffLayout.DEFLATE : packBits ? TiffLayout.PACKBITS : lzw ? TiffLayout.LZW
                : TiffLayout.NONE);
        entry(b, 262, 3, 1, 2); // RGB
        entry(b, 273, 4, strips, strips == 1 ? offsets[0] : offsetsAt);
        entry(b, 277, 3, 1, spp);
        entry(b, 278, 4, 1, rowsPerStrip);
        entry(b, 279, 4, strips, strips == 1 ? counts[0] : countsAt);
        entry(b, 282, 5, 1, resAt); // X and Y resolution: required by baseline readers; 72 per inch, as the JDK writes
        entry(b, 283, 5, 1, resAt + 8);
        entry(b, 284, 3, 1, 1); // interleaved
        if (predictor) {
            entry(b, 317, 3, 1, 2); // horizontal differencing
        }
        if (alpha) {
            entry(b, 338, 3, 1, 2); // unassociated alpha
        }
        b.putInt(0); // no next image
        for (int i = 0; i < spp; i++) {
            b.putShort((short) bits);
        }
        for (long o : offsets) {
            b.putInt((int) o);
        }
        for (long c : counts) {
            b.putInt((int) c);
        }
        b.putInt(72).putInt(1).putInt(72).putInt(1);
        b.flip();
        writeFully(b, ifd);
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt((int) ifd).flip();
        writeFully(header, 0);
    }

    /** One directory entry: SHORT values of one are left-justified in the value field (TIFF 6.0 section 2). */
    private static void entry(ByteBuffer b, int tag, int type, int count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt((int) value);
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
