package emu.calibration.io;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * TIFF LZW compression (TIFF 6.0 section 13), as libtiff writes it: a clear code first, codes of
 * 9 to 12 bits most significant bit first, the width growing one code early for readers (the
 * writer widens when its next free code reaches 512, 1024, 2048; a reader, one entry behind,
 * at 511, 1023, 2047), a clear code when the table is full, and the end code, after which a
 * reader adds one more entry, so the width is checked once more before it.
 */
final class TiffLzwEncoder {
    private static final int CLEAR = 256;
    private static final int END = 257;
    /** Open-addressed table of (prefix code << 8 | byte) -> code; twice the 4096 codes. */
    private final int[] keys = new int[8192];
    private final short[] codes = new short[8192];
    private byte[] out;
    private int length;
    private long bitBuffer;
    private int bitCount;
    private int bits;
    private int next;

    private TiffLzwEncoder(int capacity) {
        out = new byte[capacity];
    }

    /** {@code in[0..n)} compressed. */
    static ByteBuffer encode(byte[] in, int n) {
        TiffLzwEncoder e = new TiffLzwEncoder(n + n / 2 + 64);
        e.reset();
        e.put(CLEAR);
        if (n == 0) {
            e.put(END);
            return e.finish();
        }
        int w = in[0] & 0xff;
        for (int i = 1; i < n; i++) {
            int c = in[i] & 0xff;
            int key = w << 8 | c;
            int slot = e.find(key);
            if (e.keys[slot] == key) {
                w = e.codes[slot];
                continue;
            }
            e.put(w);
            e.keys[slot] = key;
            e.codes[slot] = (short) e.next;
            e.grow();
            if (e.next == 4093) {
                e.put(CLEAR); // the table is full: start again (libtiff clears at the same point)
                e.reset();
            }
            w = c;
        }
        e.put(w);
        e.grow(); // the reader adds an entry on reading w: the end code comes at its width
        e.put(END);
        return e.finish();
    }

    private void reset() {
        Arrays.fill(keys, -1);
        bits = 9;
        next = 258;
    }

    private void grow() {
        next++;
        if (next == 512 || next == 1024 || next == 2048) {
            bits++;
        }
    }

    private int find(int key) {
        int slot = (key * 0x9E3779B1 >>> 19) & (keys.length - 1);
        while (keys[slot] != -1 && keys[slot] != key) {
            slot = (slot + 1) & (keys.length - 1);
        }
        return slot;
    }

    private void put(int code) {
        bitBuffer = bitBuffer << bits | code;
        bitCount += bits;
        while (bitCount >= 8) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            bitCount -= 8;
            out[length++] = (byte) (bitBuffer >>> bitCount);
        }
    }

    private ByteBuffer finish() {
        if (bitCount > 0) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length + 1);
            }
            out[length++] = (byte) (bitBuffer << (8 - bitCount));
        }
        return ByteBuffer.wrap(out, 0, length);
    }
}
