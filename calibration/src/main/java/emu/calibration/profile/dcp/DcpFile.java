package emu.calibration.profile.dcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Serialises a {@link DcpProfile} as a .dcp file: a little-endian TIFF-like file whose header is
 * "II", then the magic 0x4352 ("RC" instead of TIFF's 42), then the offset of its one IFD (DNG
 * 1.6 chapter 6, "Camera Profile File Format"). The IFD's entries are sorted by tag (TIFF 6.0
 * section 2); a value longer than 4 bytes lives after the IFD, on an even offset.
 * SRATIONAL matrices use denominator 10000 (as Adobe's profiles do: 1e-4 per coefficient).
 */
public final class DcpFile {

    /** TIFF field types (TIFF 6.0 section 2, plus FLOAT from the TIFF supplement). */
    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int SRATIONAL = 10;
    static final int FLOAT = 11;

    static final int UNIQUE_CAMERA_MODEL = 50708;
    static final int COLOR_MATRIX_1 = 50721;
    static final int COLOR_MATRIX_2 = 50722;
    static final int CALIBRATION_ILLUMINANT_1 = 50778;
    static final int CALIBRATION_ILLUMINANT_2 = 50779;
    static final int PROFILE_NAME = 50936;
    static final int HUE_SAT_MAP_DIMS = 50937;
    static final int HUE_SAT_MAP_DATA_1 = 50938;
    static final int HUE_SAT_MAP_DATA_2 = 50939;
    static final int TONE_CURVE = 50940;
    static final int EMBED_POLICY = 50941;
    static final int COPYRIGHT = 50942;
    static final int FORWARD_MATRIX_1 = 50964;
    static final int FORWARD_MATRIX_2 = 50965;
    static final int HUE_SAT_MAP_ENCODING = 51107;
    static final int BASELINE_EXPOSURE_OFFSET = 51109;

    private static final int RATIONAL_DENOMINATOR = 10000;

    private record Field(int tag, int type, int count, byte[] value) {
    }

    private DcpFile() {
    }

    /** The .dcp bytes. */
    public static byte[] write(DcpProfile p) {
        List<Field> f = new ArrayList<>();
        f.add(ascii(UNIQUE_CAMERA_MODEL, p.uniqueCameraModel()));
        f.add(srational(COLOR_MATRIX_1, p.colorMatrix1()));
        f.add(shorts(CALIBRATION_ILLUMINANT_1, p.illuminant1()));
        f.add(ascii(PROFILE_NAME, p.name()));
        f.add(longs(HUE_SAT_MAP_DIMS, p.hueSatMap1().hues(), p.hueSatMap1().sats(),
                p.hueSatMap1().vals()));
        f.add(floats(HUE_SAT_MAP_DATA_1, p.hueSatMap1().data()));
        f.add(floats(TONE_CURVE, p.toneCurve().points()));
        f.add(longs(EMBED_POLICY, p.embedPolicy()));
        f.add(ascii(COPYRIGHT, p.copyright()));
        f.add(srational(FORWARD_MATRIX_1, p.forwardMatrix1()));
        f.add(longs(HUE_SAT_MAP_ENCODING, p.hueSatMap1().srgbValue() ? 1 : 0));
        f.add(srational(BASELINE_EXPOSURE_OFFSET, new double[] {p.baselineExposureOffset()}));
        if (p.dual()) {
            f.add(srational(COLOR_MATRIX_2, p.colorMatrix2()));
            f.add(shorts(CALIBRATION_ILLUMINANT_2, p.illuminant2()));
            f.add(floats(HUE_SAT_MAP_DATA_2, p.hueSatMap2().data()));
            f.add(srational(FORWARD_MATRIX_2, p.forwardMatrix2()));
        }
        f.sort(Comparator.comparingInt(Field::tag));

        int ifd = 8;
        int data = ifd + 2 + 12 * f.size() + 4;
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(data).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 0x4352).putInt(ifd);
        head.putShort((short) f.size());
        for (Field e : f) {
            head.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
            if (e.value().length <= 4) {
                byte[] four = new byte[4];
                System.arraycopy(e.value(), 0, four, 0, e.value().length);
                head.put(four);
            } else {
                head.putInt(data + tail.size());
                tail.writeBytes(e.value());
                if (tail.size() % 2 == 1) {
                    tail.write(0);
                }
            }
        }
        head.putInt(0); // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream(data + tail.size());
        out.writeBytes(head.array());
        out.writeBytes(tail.toByteArray());
        return out.toByteArray();
    }

    private static Field ascii(int tag, String s) {
        if (s.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("tag " + tag + " is 7-bit ASCII text (DNG 1.6); '" + s
                    + "' has other characters");
        }
        byte[] b = (s + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Field(tag, ASCII, b.length, b);
    }

    private static Field shorts(int tag, int v) {
        return new Field(tag, SHORT, 1, le(2).putShort((short) v).array());
    }

    private static Field longs(int tag, int... v) {
        ByteBuffer b = le(4 * v.length);
        for (int x : v) {
            b.putInt(x);
        }
        return new Field(tag, LONG, v.length, b.array());
    }

    private static Field floats(int tag, float[] v) {
        ByteBuffer b = le(4 * v.length);
        for (float x : v) {
            b.putFloat(x);
        }
        return new Field(tag, FLOAT, v.length, b.array());
    }

    private static Field srational(int tag, double[] v) {
        ByteBuffer b = le(8 * v.length);
        for (double x : v) {
            b.putInt((int) Math.round(x * RATIONAL_DENOMINATOR)).putInt(RATIONAL_DENOMINATOR);
        }
        return new Field(tag, SRATIONAL, v.length, b.array());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
