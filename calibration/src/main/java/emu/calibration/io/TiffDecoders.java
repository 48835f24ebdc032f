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
     */
    private static final class Lzw implements Decoder {
        private static final int CLEAR = 256;
        private static final int END = 257;
        private final ByteBuffer in;
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
            for (int i = 0; i < 256; i++) {
                suffix[i] = (byte) i;
                first[i] = (byte) i;
                length[i] = 1;
            }
        }

        @Override
        public void read(byte[] dst, int off, int len) throws IOException {
            while (len > 0) {
                if (pendingAt < pendingEnd) {
                    int n = Math.min(len, pendingEnd - pendingAt);
                    System.arraycopy(pending, pendingAt, dst, off, n);
                    pendingAt += n;
                    off += n;
                    len -= n;
                    continue;
                }
                if (ended) {
                    throw new EOFException("LZW data ends " + len + " bytes early");
                }
                decodeOne();
            }
        }

        /** Decodes one code into {@link #pending} (or resets on a clear code). */
        private void decodeOne() throws IOException {
            int code = nextCode();
            if (code == CLEAR) {
                next = 258;
                bits = 9;
                previous = -1;
                return;
            }
            if (code == END || code < 0) {
                ended = true;
                return;
            }
            if (previous == -1) {
                if (code > 255) {
                    throw new IOException("bad LZW data: code " + code + " after a clear code");
                }
            } else if (code < next) {
                add(previous, first[code]);
            } else if (code == next) {
                add(previous, first[previous]);
            } else {
                throw new IOException("bad LZW data: code " + code + " beyond the table (" + next + ")");
            }
            emit(code);
            previous = code;
        }

        private void add(int pre, byte last) {
            if (next >= 4096) {
                return; // a full table waits for the writer's clear code
            }
            prefix[next] = (short) pre;
            suffix[next] = last;
            first[next] = first[pre];
            length[next] = (short) (length[pre] + 1);
            next++;
            if (next == 511 || next == 1023 || next == 2047) {
                bits++;
            }
        }

        private void emit(int code) {
            int n = length[code];
            for (int i = n - 1, c = code; i >= 0; i--, c = prefix[c]) {
                pending[i] = suffix[c];
            }
            pendingAt = 0;
            pendingEnd = n;
        }

        /** The next code, or -1 when the data ends without an end code. */
        private int nextCode() {
            while (bitCount < bits) {
                if (!in.hasRemaining()) {
                    return -1;
                }
                bitBuffer = (bitBuffer << 8) | (in.get() & 0xff);
                bitCount += 8;
            }
            bitCount -= bits;
            return (int) (bitBuffer >>> bitCount) & ((1 << bits) - 1);
        }
    }
}
