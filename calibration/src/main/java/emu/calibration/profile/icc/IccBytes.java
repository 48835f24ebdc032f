package emu.calibration.profile.icc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The parts every ICC profile the station writes shares (ICC.1:2010 = v4.3, ICC.1:2001-04 =
 * v2.4): the 128-byte header, the tag table and tag data, and the small tag types.
 *
 * <ul>
 *   <li>header (7.2): size, version, device class, data colour space, PCS, creation date (UTC,
 *       from the caller so re-exports are identical), 'acsp', rendering intent perceptual, PCS
 *       illuminant D50; for v4 the profile ID = MD5 of the whole profile with the flags,
 *       rendering intent and ID fields zeroed (7.2.18); v2 leaves the ID zero;</li>
 *   <li>tag table (7.3) then tag data, each element on a 4-byte boundary and zero-padded, the
 *       padding of the last one counted in the profile size (7.1.2, 7.2.2).</li>
 * </ul>
 */
public final class IccBytes {

    /** D50 as the s15Fixed16 values ICC.1:2010 7.2.16 prescribes. */
    public static final double[] D50 = {0.9642, 1.0, 0.8249};
    /** Header version fields. */
    public static final int V2_4 = 0x02400000;
    public static final int V4_3 = 0x04300000;

    private static final int HEADER = 128;

    private IccBytes() {
    }

    /**
     * Assembles a profile.
     *
     * @param sigs tag signatures, in the order the tags are written
     * @param tags the tags' encoded bytes
     */
    public static byte[] assemble(int version, String deviceClass, String colourSpace, String pcs,
                                  Instant created, String[] sigs, byte[][] tags) {
        int tableSize = 4 + 12 * tags.length;
        int[] offsets = new int[tags.length];
        int at = HEADER + tableSize;
        for (int i = 0; i < tags.length; i++) {
            offsets[i] = at;
            at += pad4(tags[i].length);
        }
        ByteBuffer p = ByteBuffer.allocate(at); // big-endian, zero-filled: padding and reserved
        p.putInt(0, at);
        p.putInt(8, version);
        p.put(12, ascii(deviceClass)).put(16, ascii(colourSpace)).put(20, ascii(pcs));
        ZonedDateTime t = created.atZone(ZoneOffset.UTC);
        p.position(24);
        p.putShort((short) t.getYear()).putShort((short) t.getMonthValue())
                .putShort((short) t.getDayOfMonth()).putShort((short) t.getHour())
                .putShort((short) t.getMinute()).putShort((short) t.getSecond());
        p.put(36, ascii("acsp"));
        p.position(68);
        for (double v : D50) {
            p.putInt(s15Fixed16(v));
        }
        p.position(HEADER);
        p.putInt(tags.length);
        for (int i = 0; i < tags.length; i++) {
            p.put(ascii(sigs[i])).putInt(offsets[i]).putInt(tags[i].length);
        }
        for (int i = 0; i < tags.length; i++) {
            p.put(offsets[i], tags[i]);
        }
        byte[] bytes = p.array();
        if (version >= V4_3) {
            // Flags, rendering intent and profile ID are zero at this point, as 7.2.18 requires.
            System.arraycopy(md5(bytes), 0, bytes, 84, 16);
        }
        return bytes;
    }

    /** {@code multiLocalizedUnicodeType} (v4 10.15), one en-US record. */
    public static byte[] mluc(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        ByteBuffer b = ByteBuffer.allocate(28 + utf16.length);
        b.put(ascii("mluc")).putInt(0).putInt(1).putInt(12);
        b.put(ascii("enUS")).putInt(utf16.length).putInt(28).put(utf16);
        return b.array();
    }

    /**
     * v2 {@code textDescriptionType} (ICC.1:2001-04 6.5.17): the ASCII description with its NUL,
     * empty Unicode and ScriptCode parts (67 bytes of ScriptCode description).
     */
    public static byte[] textDescription(String text) {
        byte[] a = asciiText(text);
        ByteBuffer b = ByteBuffer.allocate(12 + a.length + 8 + 3 + 67);
        b.put(ascii("desc")).putInt(0).putInt(a.length).put(a);
        return b.array(); // Unicode language/count, ScriptCode code/count and text stay zero
    }

    /** v2 {@code textType} (ICC.1:2001-04 6.5.18): 7-bit ASCII with a NUL. */
    public static byte[] text(String text) {
        byte[] a = asciiText(text);
        return ByteBuffer.allocate(8 + a.length).put(ascii("text")).putInt(0).put(a).array();
    }

    /** {@code XYZType} with one value. */
    public static byte[] xyz(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0);
        for (double x : v) {
            b.putInt(s15Fixed16(x));
        }
        return b.array();
    }

    /** {@code s15Fixed16ArrayType} (10.22), e.g. the 'chad' matrix. */
    public static byte[] sf32(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * v.length).put(ascii("sf32")).putInt(0);
        for (double x : v) {
            b.putInt(s15Fixed16(x));
        }
        return b.array();
    }

    /** One Lab value as the v4 16-bit PCS number of channel {@code c} (ICC.1:2010 6.3.4.2, table 12), clipped. */
    public static int labV4(double v, int c) {
        double u = c == 0 ? v / 100.0 : (v + 128.0) / 255.0;
        return (int) Math.round(Math.min(1, Math.max(0, u)) * 65535.0);
    }

    public static int s15Fixed16(double v) {
        return (int) Math.round(v * 65536.0);
    }

    public static int pad4(int n) {
        return (n + 3) & ~3;
    }

    public static byte[] ascii(String four) {
        return four.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] asciiText(String text) {
        if (text.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("ICC v2 text is 7-bit ASCII; '" + text
                    + "' has other characters");
        }
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
