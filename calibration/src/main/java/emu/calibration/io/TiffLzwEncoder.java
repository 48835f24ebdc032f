package emu.calibration.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TIFF LZW compression (TIFF 6.0 section 13), as libtiff writes it: a clear code first, codes of
 * 9 to 12 bits most significant bit first, the width growing one code early for readers (the
 * writer widens when its next free code reaches 512, 1024, 2048; a reader, one entry behind,
 * at 511, 1023, 2047), a clear code when the table is full, and the end code, after which a
 * reader adds one more entry, so the width is checked once more before it.
 *
 * <p>One encoder per thread, reused strip after strip ({@link #encode} answers a view of its own
 * output array, valid until its next call). The loop keeps its state in locals and the string
 * table lookup written out: under the launcher's quick-start compiler (C1) the field reads and
 * calls of the earlier per-byte {@code find}/{@code put} methods were ~45% of a 24 MP LZW apply
 * (JFR, {@code bench/lut/layouts-vs-ffmpeg.sh}'s {@code tiffcp -c lzw:2} file).
 */
final class TiffLzwEncoder {
    private static final int CLEAR = 256;
    private static final int END = 257;
    /** Open-addressed table of (prefix code << 8 | byte) -> code; twice the 4096 codes. */
    private final int[] keys = new int[8192];
    private final short[] codes = new short[8192];
    private byte[] out = new byte[0];

    /**
     * {@code in[0..n)} compressed, as a view of this encoder's output array (overwritten by the
     * next call).
     */
    ByteBuffer encode(byte[] in, int n) {
        // worst case: a 12-bit code per input byte, a clear code per 3835 codes, clear and end codes
        int capacity = n + n / 2 + n / 1024 + 64;
        if (out.length < capacity) {
            out = new byte[capacity];
        }
        byte[] o = out;
        int[] k = keys;
        short[] c = codes;
        Arrays.fill(k, -1);
        int length = 0;
        long bitBuffer = CLEAR;
        int bitCount = 9;
        int bits = 9;
        int next = 258;
        if (n > 0) {
            int w = in[0] & 0xff;
            for (int i = 1; i < n; i++) {
                int b = in[i] & 0xff;
                int key = w << 8 | b;
                int slot = key * 0x9E3779B1 >>> 19; // Fibonacci hashing to 13 bits (Knuth, TAOCP 6.4)
                int found;
                while ((found = k[slot]) != key && found != -1) {
                    slot = (slot + 1) & 8191;
                }
                if (found == key) {
                    w = c[slot];
                    continue;
                }
                bitBuffer = bitBuffer << bits | w;
                bitCount += bits;
                while (bitCount >= 8) {
                    bitCount -= 8;
                    o[length++] = (byte) (bitBuffer >>> bitCount);
                }
                k[slot] = key;
                c[slot] = (short) next;
                next++;
                if (next == 512 || next == 1024 || next == 2048) {
                    bits++;
                }
                if (next == 4093) { // the table is full: start again (libtiff clears at the same point)
                    bitBuffer = bitBuffer << bits | CLEAR;
                    bitCount += bits;
                    Arrays.fill(k, -1);
                    bits = 9;
                    next = 258;
                }
                w = b;
            }
            bitBuffer = bitBuffer << bits | w;
            bitCount += bits;
            next++; // the reader adds an entry on reading w: the end code comes at its width
            if (next == 512 || next == 1024 || next == 2048) {
                bits++;
            }
        }
        bitBuffer = bitBuffer << bits | END;
        bitCount += bits;
        while (bitCount >= 8) {
            bitCount -= 8;
            o[length++] = (byte) (bitBuffer >>> bitCount);
        }
        if (bitCount > 0) {
            o[length++] = (byte) (bitBuffer << (8 - bitCount));
        }
        return ByteBuffer.wrap(o, 0, length);
    }
}
