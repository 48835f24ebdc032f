package emu.calibration.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decoders of one compressed TIFF strip or tile, resumable: each {@link Decoder#read} call
 * continues where the previous one stopped, so a strip of thousands of rows can be decoded a band
 * of rows at a time while earlier bands are already being mapped and written.
 */
final class TiffDecoders {
    private TiffDecoders() {}

    /** The next bytes of a block's decoded stream. */
    interface Decoder {
        /** Fills {@code dst[off..off+len)}; throws when the block's data ends first. */
        void read(byte[] dst, int off, int len) throws IOException;

        /** Releases native memory (Inflater); the decoder is not used afterwards. */
        default void close() {}
    }

    /** A decoder for {@code data} (the block's stored bytes) compressed with TIFF code {@code compression}. */
    static Decoder of(int compression, ByteBuffer data) {
        return switch (compression) {
            case TiffLayout.LZW -> new Lzw(data);
            case TiffLayout.PACKBITS -> new PackBits(data);
            case TiffLayout.DEFLATE, TiffLayout.DEFLATE_OLD -> new Deflate(data);
            default -> throw new IllegalArgumentException("compression " + compression);
        };
    }

    /** zlib-wrapped Deflate (TIFF Technical Note 2), through the JDK's Inflater. */
    private static final class Deflate implements Decoder {
        private final Inflater inflater = new Inflater();

        Deflate(ByteBuffer data) {
            inflater.setInput(data);
        }

        @Override
        public void read(byte[] dst, int off, int len) throws IOException {
            try {
                while (len > 0) {
                    int n = inflater.inflate(dst, off, len);
                    if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        throw new EOFException("Deflate data ends " + len + " bytes early");
                    }
                    off += n;
                    len -= n;
                }
            } catch (DataFormatException e) {
                throw new IOException("bad Deflate data: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }

    /** PackBits (TIFF 6.0 section 9): a count byte, then literal bytes or one byte repeated. */
    private static final class PackBits implements Decoder {
        private final ByteBuffer in;
        private int literal;
        private int run;
        private byte runByte;

        PackBits(ByteBuffer data) {
            this.in = data;
        }

        @Override
        public void read(byte[] dst, int off, int len) throws IOException {
            while (len > 0) {
                if (literal > 0) {
                    int n = Math.min(literal, len);
                    if (in.remaining() < n) {
                        throw new EOFException("PackBits data ends inside a literal run");
                    }
                    in.get(dst, off, n);
                    off += n;
                    len -= n;
                    literal -= n;
                } else if (run > 0) {
                    int n = Math.min(run, len);
                    java.util.Arrays.fill(dst, off, off + n, runByte);
                    off += n;
                    len -= n;
                    run -= n;
                } else {
                    if (in.remaining() < 1) {
                        throw new EOFException("PackBits data ends " + len + " bytes early");
                    }
                    int header = in.get();
                    if (header >= 0) {
                        literal = header + 1;
                    } else if (header != -128) {
                        if (in.remaining() < 1) {
                            throw new EOFException("PackBits data ends inside a repeat run");
                        }
                        run = 1 - header;
                        runByte = in.get();
                    }
                }
            }
        }
    }

    /**
     * TIFF LZW (TIFF 6.0 section 13): codes of 9 to 12 bits, most significant bit first, 256 clears
     * the table, 257 ends the data, and the code width grows one code early (at 511, 1023, 2047).
     *
     * <p>Written for the launcher's quick-start compiler (C1, {@code bin/station apply}), which
     * keeps fields in memory and inlines little: {@link #read} holds the whole state in locals for
     * the loop, takes the stored bytes from a heap copy made 64 KB at a time (a byte at a time from
     * the memory mapping paid a bounds and scope check each), and writes each code's string
     * straight into the caller's array, going through {@link #pending} only for the one string a
     * call's end cuts. Profiled on the 120 MB {@code tiffcp -c lzw:2} file of
     * {@code bench/lut/layouts-vs-ffmpeg.sh}: 1.9-2.0 s CPU to decode before, per-code calls and
     * {@code ByteBuffer.get} most of it.
     */
    private static final class Lzw implements Decoder {
        private static final int CLEAR = 256;
        private static final int END = 257;
        private static final int CHUNK = 1 << 16;
        private final ByteBuffer in;
        /** The stored bytes not yet read: src[srcAt..srcEnd), refilled from {@link #in}. */
        private final byte[] src;
        private int srcAt;
        private int srcEnd;
        private final short[] prefix = new short[4096];
        private final byte[] suffix = new byte[4096];
        private final byte[] first = new byte[4096];
        private final short[] length = new short[4096];
        /** The decoded string not yet handed out: pending[pendingAt..pendingEnd). */
        private final byte[] pending = new byte[4096];
        private int pendingAt;
        private int pendingEnd;
        private int next = 258;
        private int bits = 9;
        private int previous = -1;
        private long bitBuffer;
        private int bitCount;
        private boolean ended;

        Lzw(ByteBuffer data) {
            this.in = data;
            this.src = new byte[Math.min(CHUNK, Math.max(1, data.remaining()))];
            for (int i = 0; i < 256; i++) {
                suffix[i] = (byte) i;
                first[i] = (byte) i;
                length[i] = 1;
            }
        }

        @Override
        public void read(byte[] dst, int off, int len) throws IOException {
            int end = off + len;
            if (pendingAt < pendingEnd) {
                int n = Math.min(len, pendingEnd - pendingAt);
                System.arraycopy(pending, pendingAt, dst, off, n);
                pendingAt += n;
                off += n;
            }
            short[] pre = prefix;
            byte[] suf = suffix;
            byte[] fst = first;
            short[] lng = length;
            byte[] s = src;
            int at = srcAt;
            int stored = srcEnd;
            long buf = bitBuffer;
            int count = bitCount;
            int width = bits;
            int nx = next;
            int prev = previous;
            try {
                while (off < end) {
                    if (ended) {
                        throw new EOFException("LZW data ends " + (end - off) + " bytes early");
                    }
                    while (count < width) {
                        if (at == stored) {
                            stored = Math.min(s.length, in.remaining());
                            in.get(s, 0, stored);
                            at = 0;
                            if (stored == 0) {
                                break;
                            }
                        }
                        buf = (buf << 8) | (s[at++] & 0xff);
                        count += 8;
                    }
                    if (count < width) {
                        ended = true; // the data ends without an end code
                        continue;
                    }
                    count -= width;
                    int code = (int) (buf >>> count) & ((1 << width) - 1);
                    if (code == CLEAR) {
                        nx = 258;
                        width = 9;
                        prev = -1;
                        continue;
                    }
                    if (code == END) {
                        ended = true;
                        continue;
                    }
                    if (prev == -1) {
                        if (code > 255) {
                            throw new IOException("bad LZW data: code " + code + " after a clear code");
                        }
                    } else if (code <= nx) {
                        if (nx < 4096) { // a full table waits for the writer's clear code
                            pre[nx] = (short) prev;
                            suf[nx] = code < nx ? fst[code] : fst[prev];
                            fst[nx] = fst[prev];
                            lng[nx] = (short) (lng[prev] + 1);
                            nx++;
                            if (nx == 511 || nx == 1023 || nx == 2047) {
                                width++;
                            }
                        }
                    } else {
                        throw new IOException("bad LZW data: code " + code + " beyond the table (" + nx + ")");
                    }
                    int n = lng[code];
                    if (n <= end - off) {
                        for (int i = off + n - 1, c = code; i >= off; i--) {
                            dst[i] = suf[c];
                            c = pre[c];
                        }
                        off += n;
                    } else {
                        for (int i = n - 1, c = code; i >= 0; i--) {
                            pending[i] = suf[c];
                            c = pre[c];
                        }
                        pendingAt = end - off;
                        pendingEnd = n;
                        System.arraycopy(pending, 0, dst, off, pendingAt);
                        off = end;
                    }
                    prev = code;
                }
            } finally {
                srcAt = at;
                srcEnd = stored;
                bitBuffer = buf;
                bitCount = count;
                bits = width;
                next = nx;
                previous = prev;
            }
        }
    }
}
