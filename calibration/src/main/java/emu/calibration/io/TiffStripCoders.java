package emu.calibration.io;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * One writing thread's compressors for {@link TiffStripWriter}: Deflate, PackBits and LZW
 * ({@link TiffLzwEncoder}), each with an output array kept from strip to strip. Each answer is a
 * view of that array, valid until the thread's next strip.
 */
final class TiffStripCoders {
    /** Deflate's fastest level: the output is a working file, and level 6 took ~3x the time for ~10% less. */
    private static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

    final TiffLzwEncoder lzw = new TiffLzwEncoder();
    private final Deflater deflater = new Deflater(DEFLATE_LEVEL);
    private byte[] out = new byte[0];

    private byte[] out(int capacity) {
        if (out.length < capacity) {
            out = new byte[capacity];
        }
        return out;
    }

    /** zlib-wrapped Deflate (TIFF Technical Note 2) of {@code in[0..length)}. */
    ByteBuffer deflate(byte[] in, int length) {
        deflater.reset();
        deflater.setInput(in, 0, length);
        deflater.finish();
        byte[] o = out(length + length / 8 + 64);
        int n = 0;
        while (!deflater.finished()) {
            if (n == o.length) {
                out = o = java.util.Arrays.copyOf(o, o.length * 2);
            }
            n += deflater.deflate(o, n, o.length - n);
        }
        return ByteBuffer.wrap(o, 0, n);
    }

    /**
     * PackBits (TIFF 6.0 section 9) of {@code in[0..length)}, each row of {@code rowBytes}
     * packed on its own as the section asks: runs of three or more equal bytes as a repeat,
     * everything else as literals of up to 128 bytes. The literal scan looks for the next pair of
     * equal bytes in one tight loop (on photographs almost every byte is a literal).
     */
    ByteBuffer packBits(byte[] in, int length, int rowBytes) {
        // literals add one byte in 128, and each row may end a literal and a run early
        byte[] o = out(length + length / 64 + 2 * (length / rowBytes + 1) + 16);
        int n = 0;
        for (int row = 0; row < length; row += rowBytes) {
            int end = row + rowBytes;
            int i = row;
            while (i < end) {
                int j = i;
                while (true) { // j: where the next run of three or more starts, or the row's end
                    while (j + 1 < end && in[j] != in[j + 1]) {
                        j++;
                    }
                    if (j + 2 >= end) {
                        j = end;
                        break;
                    }
                    if (in[j + 2] == in[j]) {
                        break;
                    }
                    j += 2; // a pair, not a run: no run can start at j + 1 either
                }
                while (i < j) {
                    int k = Math.min(128, j - i);
                    o[n++] = (byte) (k - 1);
                    System.arraycopy(in, i, o, n, k);
                    n += k;
                    i += k;
                }
                if (j < end) {
                    byte v = in[j];
                    int limit = Math.min(end, j + 128);
                    int r = j + 3;
                    while (r < limit && in[r] == v) {
                        r++;
                    }
                    o[n++] = (byte) (1 - (r - j));
                    o[n++] = v;
                    i = r;
                }
            }
        }
        return ByteBuffer.wrap(o, 0, n);
    }
}
