package emu.calibration.profile.dcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a .dcp back with nothing from the writer: the TIFF 6.0 IFD walk with DNG 1.6's "IIRC"
 * header, every field decoded by its type into numbers or text. Written from the specs for the
 * tests, so a writer bug is not mirrored by a shared helper.
 */
final class IndependentDcpDecoder {

    /** One IFD entry: its type, count and values (numbers) or text (ASCII). */
    record Tag(int type, int count, double[] values, String text) {
    }

    private IndependentDcpDecoder() {
    }

    static Map<Integer, Tag> decode(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file[0] != 'I' || file[1] != 'I' || b.getShort(2) != 0x4352) {
            throw new IllegalArgumentException("not a DCP: header is not II + 0x4352 (\"IIRC\")");
        }
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xFFFF;
        Map<Integer, Tag> tags = new LinkedHashMap<>();
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            if (tag <= previous) {
                throw new IllegalArgumentException("IFD entries not in ascending tag order at " + tag);
            }
            previous = tag;
            int type = b.getShort(e + 2);
            int count = b.getInt(e + 4);
            int size = switch (type) {
                case 1, 2, 7 -> 1;
                case 3 -> 2;
                case 4, 9, 11 -> 4;
                case 5, 10, 12 -> 8;
                default -> throw new IllegalArgumentException("tag " + tag + ": unknown type " + type);
            };
            int at = size * count <= 4 ? e + 8 : b.getInt(e + 8);
            if (at % 2 != 0) {
                throw new IllegalArgumentException("tag " + tag + ": value at odd offset " + at);
            }
            if (type == 2) {
                String s = new String(file, at, count, StandardCharsets.US_ASCII);
                if (!s.endsWith("\0")) {
                    throw new IllegalArgumentException("tag " + tag + ": ASCII not NUL-terminated");
                }
                tags.put(tag, new Tag(type, count, null, s.substring(0, s.length() - 1)));
                continue;
            }
            double[] v = new double[count];
            for (int k = 0; k < count; k++) {
                int p = at + k * size;
                v[k] = switch (type) {
                    case 3 -> b.getShort(p) & 0xFFFF;
                    case 4 -> b.getInt(p) & 0xFFFFFFFFL;
                    case 9 -> b.getInt(p);
                    case 11 -> b.getFloat(p);
                    case 5 -> (b.getInt(p) & 0xFFFFFFFFL) / (double) (b.getInt(p + 4) & 0xFFFFFFFFL);
                    case 10 -> b.getInt(p) / (double) b.getInt(p + 4);
                    case 12 -> b.getDouble(p);
                    default -> file[p] & 0xFF;
                };
            }
            tags.put(tag, new Tag(type, count, v, null));
        }
        if (b.getInt(ifd + 2 + 12 * n) != 0) {
            throw new IllegalArgumentException("a DCP has exactly one IFD");
        }
        return tags;
    }
}
