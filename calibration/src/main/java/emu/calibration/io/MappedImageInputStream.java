package emu.calibration.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image input stream over a memory-mapped file. ImageIO's file streams turn 16-bit samples
 * into {@code short}s one at a time ({@code ImageInputStreamImpl.toShorts}), which was the
 * largest single cost of reading an uncompressed 16-bit TIFF; here {@link #readFully(short[],
 * int, int)} is one bulk, byte-order-aware copy from the mapping. Files of 2 GB and more are not
 * mapped ({@link #open} returns null) and take ImageIO's own stream.
 */
public final class MappedImageInputStream extends ImageInputStreamImpl {
    private final MappedByteBuffer map;
    private final long length;

    private MappedImageInputStream(MappedByteBuffer map) {
        this.map = map;
        this.length = map.capacity();
    }

    /** A stream over {@code file}, or null when it is too large to map in one piece. */
    public static MappedImageInputStream open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size >= Integer.MAX_VALUE) {
                return null;
            }
            // the mapping stays valid after the channel closes and is released when unreachable
            return new MappedImageInputStream(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return map.get((int) streamPos++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        int n = (int) Math.min(len, length - streamPos);
        if (n <= 0) {
            return -1;
        }
        map.get((int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public void readFully(short[] s, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > s.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + s.length);
        }
        bitOffset = 0;
        if (streamPos + 2L * len > length) {
            throw new EOFException("end of file at byte " + length + " reading " + len + " samples at " + streamPos);
        }
        ByteBuffer view = map.duplicate().order(getByteOrder());
        view.position((int) streamPos);
        view.asShortBuffer().get(s, off, len);
        streamPos += 2L * len;
    }

    @Override
    public long length() {
        return length;
    }
}
