package emu.calibration.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The storage layout of a TIFF file's first image, read from its image file directory (TIFF 6.0,
 * Adobe 1992, sections 2, 8, 14 and 15): size, samples, compression, predictor and where each
 * strip or tile lies. {@link #of} answers null for what {@link TiffBandReader} does not decode
 * (BigTIFF, planar, palette, grey, CMYK, YCbCr, float, JPEG-compressed, 1..7/12/32-bit samples,
 * bit-reversed fill order); those files take ImageIO's reader instead.
 */
record TiffLayout(ByteOrder order, int width, int height, int samplesPerPixel, int bitsPerSample,
        int compression, boolean predictor, boolean tiled, int blockWidth, int blockHeight,
        long[] offsets, long[] byteCounts) {

    static final int NONE = 1;
    static final int LZW = 5;
    static final int DEFLATE = 8;
    /** The old code for Deflate (Adobe's before TIFF Technical Note 2 took 8); the same stream. */
    static final int DEFLATE_OLD = 32946;
    static final int PACKBITS = 32773;

    /** True when the fourth sample is alpha (samples per pixel 4 with one extra sample). */
    boolean alpha() {
        return samplesPerPixel == 4;
    }

    int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** Blocks (strips or tiles) across one block row. */
    int blocksAcross() {
        return tiled ? (width + blockWidth - 1) / blockWidth : 1;
    }

    /** Bytes of one decoded block row: a row of a strip, or a row of one tile (padding included). */
    int blockRowBytes() {
        return blockWidth * samplesPerPixel * bytesPerSample();
    }

    /** The layout of {@code file}'s first image, or null when it is not one decoded here. */
    static TiffLayout of(ByteBuffer file) {
        if (file.capacity() < 8) {
            return null;
        }
        ByteOrder order;
        if (file.get(0) == 'I' && file.get(1) == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (file.get(0) == 'M' && file.get(1) == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            return null;
        }
        ByteBuffer b = file.duplicate().order(order);
        if (b.getShort(2) != 42) {
            return null; // 43 is BigTIFF
        }
        Directory d = new Directory(b, Integer.toUnsignedLong(b.getInt(4)));
        if (!d.valid) {
            return null;
        }
        int width = (int) d.single(256, 0);
        int height = (int) d.single(257, 0);
        int spp = (int) d.single(277, 1);
        long[] bits = d.array(258);
        int compression = (int) d.single(259, NONE);
        boolean supported = width > 0 && height > 0 && d.single(262, -1) == 2 && (spp == 3 || spp == 4)
                && d.single(284, 1) == 1 && d.single(266, 1) == 1
                && (spp == 3 || d.array(338) != null && d.array(338).length == 1)
                && bits != null && bits.length == spp && allEqual(bits) && (bits[0] == 8 || bits[0] == 16)
                && sampleFormatUnsigned(d.array(339))
                && (compression == NONE || compression == LZW || compression == DEFLATE
                        || compression == DEFLATE_OLD || compression == PACKBITS)
                && (d.single(317, 1) == 1 || d.single(317, 1) == 2);
        if (!supported) {
            return null;
        }
        boolean tiled = d.array(324) != null;
        int bw = tiled ? (int) d.single(322, 0) : width;
        int bh = tiled ? (int) d.single(323, 0) : (int) Math.min(height, d.single(278, height));
        long[] offsets = d.array(tiled ? 324 : 273);
        long[] counts = d.array(tiled ? 325 : 279);
        if (bw <= 0 || bh <= 0 || offsets == null || counts == null || offsets.length != counts.length) {
            return null;
        }
        int blocks = tiled ? ((width + bw - 1) / bw) * ((height + bh - 1) / bh) : (height + bh - 1) / bh;
        if (offsets.length < blocks) {
            return null;
        }
        return new TiffLayout(order, width, height, spp, (int) bits[0], compression, d.single(317, 1) == 2, tiled,
                bw, bh, offsets, counts);
    }

    private static boolean allEqual(long[] v) {
        for (long x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sampleFormatUnsigned(long[] formats) {
        if (formats == null) {
            return true;
        }
        for (long f : formats) {
            if (f != 1) {
                return false;
            }
        }
        return true;
    }

    /** The entries of one image file directory; {@code valid} is false when it runs outside the file. */
    private static final class Directory {
        private final java.util.Map<Integer, long[]> values = new java.util.HashMap<>();
        private boolean valid = true;

        Directory(ByteBuffer b, long at) {
            if (at < 8 || at + 2 > b.capacity()) {
                valid = false;
                return;
            }
            int n = Short.toUnsignedInt(b.getShort((int) at));
            if (at + 2 + 12L * n + 4 > b.capacity()) {
                valid = false;
                return;
            }
            for (int i = 0; i < n && valid; i++) {
                int e = (int) at + 2 + 12 * i;
                int tag = Short.toUnsignedInt(b.getShort(e));
                int type = Short.toUnsignedInt(b.getShort(e + 2));
                long count = Integer.toUnsignedLong(b.getInt(e + 4));
                int size = type == 3 ? 2 : type == 4 ? 4 : type == 1 ? 1 : 0;
                if (size == 0 || count > Integer.MAX_VALUE / 4) {
                    continue; // types these fields never use (rationals, ASCII...): not ours to read
                }
                long start = size * count <= 4 ? e + 8 : Integer.toUnsignedLong(b.getInt(e + 8));
                if (start + size * count > b.capacity()) {
                    valid = false;
                    return;
                }
                long[] v = new long[(int) count];
                for (int k = 0; k < count; k++) {
                    int p = (int) start + k * size;
                    v[k] = size == 1 ? Byte.toUnsignedLong(b.get(p))
                            : size == 2 ? Short.toUnsignedLong(b.getShort(p)) : Integer.toUnsignedLong(b.getInt(p));
                }
                values.put(tag, v);
            }
        }

        long[] array(int tag) {
            return values.get(tag);
        }

        long single(int tag, long absent) {
            long[] v = values.get(tag);
            return v == null || v.length == 0 ? absent : v[0];
        }
    }
}
