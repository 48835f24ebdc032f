package emu.calibration.profile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;

/**
 * Serialises an {@link RgbTable} the way the public DNG SDK stores a {@code dng_big_table} in XMP
 * (source/dng_big_table.cpp, DNG SDK 1.7: {@code dng_rgb_table::PutStream},
 * {@code dng_big_table::EncodeAsBinary}, {@code EncodeAsString}, {@code ComputeFingerprint}).
 *
 * <p>Binary stream, little-endian throughout (byte offsets for a table of N points per axis):
 * <pre>
 *   0  uint32  table type, 1 = btt_RGBTable (dng_big_table::BigTableTypeEnum)
 *   4  uint32  version, 1 = kRGBTableVersion
 *   8  uint32  dimensions, 3
 *  12  uint32  divisions N (2..32)
 *  16  uint16  3 x N^3 deltas, r slowest, b fastest, channel order R G B; each is
 *              (sample - nop[index of that channel's axis]) mod 65536 with
 *              nop[i] = uint16((i * 0xFFFF + (N >> 1)) / (N - 1))  (integer division; the
 *              SDK stores it in a uint16, so for N = 2 the grid is {1, 0}, not {0, 65535})
 *  16+6N^3      uint32  primaries (primaries_enum)
 *  20+6N^3      uint32  gamma (gamma_enum)
 *  24+6N^3      uint32  gamut (gamut_enum)
 *  28+6N^3      float64 min amount
 *  36+6N^3      float64 max amount           (total 44 + 6N^3 bytes; the optional uint32
 *                                             flags word is written only when non-zero: we never set it)
 * </pre>
 * The table's id is the MD5 of that stream ({@code dng_md5_printer_le_stream}), written as 32
 * upper-case hex digits ({@code dng_xmp::EncodeFingerprint}). For XMP the stream is stored as a
 * little-endian uint32 of its length followed by a zlib stream ({@code compress2},
 * default level), then text-encoded with Adobe's base85 variant: each 4-byte little-endian group
 * becomes 5 digits, least significant first, drawn from {@link #ALPHABET} (not Ascii85's or Z85's
 * alphabet); a final group of k &lt; 4 bytes becomes k + 1 digits.
 */
public final class DngBigTableEncoder {

    /** {@code kEncodeTable} in dng_big_table::EncodeAsString: digit value = index. */
    static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?`'|()[]{}@%$#";

    private static final int BTT_RGB_TABLE = 1;
    private static final int RGB_TABLE_VERSION = 1;

    private DngBigTableEncoder() {
    }

    /** The uncompressed stream of {@code dng_rgb_table::PutStream}. */
    public static byte[] toBinary(RgbTable table) {
        int n = table.divisions();
        ByteBuffer buf = ByteBuffer.allocate(44 + 6 * n * n * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(BTT_RGB_TABLE).putInt(RGB_TABLE_VERSION).putInt(3).putInt(n);
        int[] nop = new int[n];
        for (int i = 0; i < n; i++) {
            nop[i] = ((i * 0xFFFF + (n >> 1)) / (n - 1)) & 0xFFFF;
        }
        for (int r = 0; r < n; r++) {
            for (int g = 0; g < n; g++) {
                for (int b = 0; b < n; b++) {
                    buf.putShort((short) (table.sample(r, g, b, 0) - nop[r]));
                    buf.putShort((short) (table.sample(r, g, b, 1) - nop[g]));
                    buf.putShort((short) (table.sample(r, g, b, 2) - nop[b]));
                }
            }
        }
        buf.putInt(table.primaries().ordinal()).putInt(table.gamma().ordinal())
                .putInt(table.gamut().ordinal());
        buf.putDouble(table.minAmount()).putDouble(table.maxAmount());
        return buf.array();
    }

    /** The table id: MD5 of {@link #toBinary}, 32 upper-case hex digits. */
    public static String fingerprint(RgbTable table) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(toBinary(table));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    /** The XMP text form: size-prefixed zlib stream, then Adobe base85. */
    public static String encodeAsString(RgbTable table) {
        return base85(compress(toBinary(table)));
    }

    static byte[] compress(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(raw.length).array());
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static String base85(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length / 4 * 5 + 5);
        for (int i = 0; i < data.length; i += 4) {
            int bytes = Math.min(4, data.length - i);
            long x = 0;
            for (int k = 0; k < bytes; k++) {
                x |= (data[i + k] & 0xFFL) << (8 * k);
            }
            for (int digit = 0; digit <= bytes; digit++) {
                sb.append(ALPHABET.charAt((int) (x % 85)));
                x /= 85;
            }
        }
        return sb.toString();
    }
}
