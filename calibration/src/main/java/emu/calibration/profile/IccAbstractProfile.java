package emu.calibration.profile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An ICC v4 abstract profile (device class {@code 'abst'}, CIELAB in and out) whose
 * {@code A2B0} is a {@code lutAToBType} ({@code 'mAB '}) holding the look as a CLUT between
 * identity curves: the form Photoshop's Color Lookup adjustment and LittleCMS-based
 * applications load as an "abstract" look. Written to ICC.1:2010 (profile version 4.3):
 *
 * <ul>
 *   <li>header (7.2): size, version 4.3, class 'abst', data colour space and PCS 'Lab ',
 *       creation date (UTC, from the caller so re-exports are identical), 'acsp', rendering
 *       intent perceptual, PCS illuminant D50 (0.9642, 1, 0.8249), profile ID = MD5 of the
 *       whole profile with the flags, rendering intent and ID fields zeroed (7.2.18);</li>
 *   <li>tag table (7.3) then tag data, each element starting on a 4-byte boundary and padded
 *       with zeros, the padding of the last one counted in the profile size (7.1.2, 7.2.2);</li>
 *   <li>required tags for abstract profiles (8.7): profileDescriptionTag and copyrightTag as
 *       {@code multiLocalizedUnicodeType} (10.15), mediaWhitePointTag as {@code XYZType}
 *       (10.31, D50 as 9.2.36 requires for v4), A2B0Tag;</li>
 *   <li>{@code lutAToBType} (10.12): A curves, then a CLUT with 16-bit precision whose first
 *       input channel (L*) varies slowest, then B curves; no matrix, no M curves. Curves are
 *       {@code curveType} with no entries, i.e. identity (10.6).</li>
 * </ul>
 * Lab values in the CLUT use the v4 16-bit PCS encoding (6.3.4.2, table 12): L* 0..100 and
 * a*, b* -128..127 mapped linearly onto 0..65535.
 */
public final class IccAbstractProfile {

    /** Lab extents of the v4 PCS encoding (ICC.1:2010 table 12). */
    private static final double L_MAX = 100.0;
    private static final double AB_MIN = -128.0;
    private static final double AB_SPAN = 255.0;
    /** D50 as the s15Fixed16 values ICC.1:2010 7.2.16 prescribes. */
    private static final double[] D50 = {0.9642, 1.0, 0.8249};

    private static final int HEADER = 128;

    private IccAbstractProfile() {
    }

    /**
     * Builds the profile.
     *
     * @param description profileDescriptionTag text (en-US)
     * @param copyright copyrightTag text (en-US)
     * @param created creation date written to the header
     * @param gridPoints CLUT points per axis, 2..255
     * @param labToLab maps row-major {@code n x 3} CIELAB (D50) rows to as many CIELAB rows;
     *     results are clipped to the encodable range
     * @return the profile bytes
     */
    public static byte[] build(String description, String copyright, Instant created,
                               int gridPoints, UnaryOperator<double[]> labToLab) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(copyright, "copyright");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(labToLab, "labToLab");
        if (gridPoints < 2 || gridPoints > 255) {
            throw new IllegalArgumentException("ICC CLUT grid " + gridPoints
                    + " is outside 2..255 points per axis (one byte in lutAToBType)");
        }
        byte[][] tags = {
            mluc(description), mluc(copyright), xyz(D50), lutAToB(gridPoints, labToLab)};
        String[] sigs = {"desc", "cprt", "wtpt", "A2B0"};

        int tableSize = 4 + 12 * tags.length;
        int[] offsets = new int[tags.length];
        int at = HEADER + tableSize;
        for (int i = 0; i < tags.length; i++) {
            offsets[i] = at;
            at += pad4(tags[i].length);
        }
        ByteBuffer p = ByteBuffer.allocate(at); // big-endian, zero-filled: padding and reserved
        p.putInt(0, at);
        p.putInt(8, 0x04300000);
        p.put(12, ascii("abst")).put(16, ascii("Lab ")).put(20, ascii("Lab "));
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
        // Flags, rendering intent and profile ID are zero at this point, as 7.2.18 requires.
        System.arraycopy(md5(bytes), 0, bytes, 84, 16);
        return bytes;
    }

    /** Encodes one Lab value to the v4 16-bit PCS number of channel {@code c}. */
    static int encodeLab(double v, int c) {
        double n = c == 0 ? v / L_MAX : (v - AB_MIN) / AB_SPAN;
        return (int) Math.round(Math.min(1.0, Math.max(0.0, n)) * 65535.0);
    }

    /** The Lab value at grid index {@code i} of {@code n} along channel {@code c}. */
    static double gridLab(int i, int n, int c) {
        double u = i / (double) (n - 1);
        return c == 0 ? u * L_MAX : AB_MIN + u * AB_SPAN;
    }

    private static byte[] lutAToB(int n, UnaryOperator<double[]> labToLab) {
        int points = n * n * n;
        double[] grid = new double[3 * points];
        int k = 0;
        for (int l = 0; l < n; l++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    grid[k++] = gridLab(l, n, 0);
                    grid[k++] = gridLab(a, n, 1);
                    grid[k++] = gridLab(b, n, 2);
                }
            }
        }
        double[] out = labToLab.apply(grid);
        if (out == null || out.length != grid.length) {
            throw new IllegalArgumentException("Lab look returned "
                    + (out == null ? "null" : out.length + " values") + " for " + grid.length);
        }
        byte[] curve = identityCurve();
        int curvesSize = 3 * curve.length;
        int clutSize = pad4(20 + 2 * 3 * points);
        int bCurves = 32;
        int clut = bCurves + curvesSize;
        int aCurves = clut + clutSize;
        ByteBuffer t = ByteBuffer.allocate(aCurves + curvesSize);
        t.put(ascii("mAB ")).putInt(0).put((byte) 3).put((byte) 3).putShort((short) 0);
        t.putInt(bCurves).putInt(0).putInt(0).putInt(clut).putInt(aCurves);
        for (int i = 0; i < 3; i++) {
            t.put(curve);
        }
        for (int i = 0; i < 3; i++) {
            t.put((byte) n);
        }
        t.position(clut + 16);
        t.put((byte) 2).put(new byte[3]);
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                throw new IllegalArgumentException("Lab look returned NaN at grid value " + i / 3);
            }
            t.putShort((short) encodeLab(out[i], i % 3));
        }
        t.position(aCurves);
        for (int i = 0; i < 3; i++) {
            t.put(curve);
        }
        return t.array();
    }

    private static byte[] identityCurve() {
        return ByteBuffer.allocate(12).put(ascii("curv")).putInt(0).putInt(0).array();
    }

    private static byte[] mluc(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        ByteBuffer b = ByteBuffer.allocate(28 + utf16.length);
        b.put(ascii("mluc")).putInt(0).putInt(1).putInt(12);
        b.put(ascii("enUS")).putInt(utf16.length).putInt(28).put(utf16);
        return b.array();
    }

    private static byte[] xyz(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0);
        for (double x : v) {
            b.putInt(s15Fixed16(x));
        }
        return b.array();
    }

    private static int s15Fixed16(double v) {
        return (int) Math.round(v * 65536.0);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static byte[] ascii(String four) {
        return four.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
