package emu.calibration.profile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.zip.InflaterInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * A reader for Camera Raw creative profiles written for the tests from the DNG SDK's reading
 * side only ({@code dng_big_table::ASCIItoBinary}, {@code DecodeFromBinary},
 * {@code dng_rgb_table::GetStream}, {@code ReadTableFromXMP}'s fingerprint check), sharing
 * nothing with the encoder: its own XML parsing, digit table, inflation and stream reading. It
 * is deliberately strict: every check the SDK makes on reading is made here too.
 */
final class IndependentXmpProfileDecoder {

    static final String CRS = "http://ns.adobe.com/camera-raw-settings/1.0/";

    /** What a decoded profile holds; samples are absolute 16-bit values, r slowest, b fastest. */
    record Decoded(String name, String group, String presetType, String tableId,
                   String computedMd5, int divisions, int[] samples, int primaries, int gamma,
                   int gamut, double minAmount, double maxAmount, Element description,
                   byte[] uncompressed) {
    }

    private IndependentXmpProfileDecoder() {
    }

    static Decoded decode(byte[] xmp) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xmp));
        Element desc = (Element) doc.getElementsByTagNameNS(
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description").item(0);
        String id = desc.getAttributeNS(CRS, "RGBTable");
        if (!id.matches("[0-9A-F]{32}")) {
            throw new IOException("crs:RGBTable is not a 32-digit upper-case MD5: " + id);
        }
        String text = desc.getAttributeNS(CRS, "Table_" + id);
        if (text.isEmpty()) {
            throw new IOException("no crs:Table_" + id);
        }
        byte[] packed = digitsToBytes(text);
        // First four bytes: uncompressed length, little-endian; then a zlib stream.
        long declared = (packed[0] & 0xFFL) | (packed[1] & 0xFFL) << 8
                | (packed[2] & 0xFFL) << 16 | (packed[3] & 0xFFL) << 24;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(packed, 4, packed.length - 4))) {
            in.transferTo(raw);
        }
        byte[] stream = raw.toByteArray();
        if (stream.length != declared) {
            throw new IOException("declared " + declared + " bytes, inflated " + stream.length);
        }
        String md5 = String.format("%032X",
                new BigInteger(1, MessageDigest.getInstance("MD5").digest(stream)));

        Reader r = new Reader(stream);
        if (r.u32() != 1) {
            throw new IOException("not an RGB table (type != 1)");
        }
        if (r.u32() != 1) {
            throw new IOException("RGB table version != 1");
        }
        if (r.u32() != 3) {
            throw new IOException("not a 3D table");
        }
        int n = (int) r.u32();
        if (n < 2 || n > 32) {
            throw new IOException("divisions " + n + " outside 2..32");
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = (int) (((long) i * 65535 + n / 2) / (n - 1));
        }
        int[] samples = new int[3 * n * n * n];
        int k = 0;
        for (int ri = 0; ri < n; ri++) {
            for (int gi = 0; gi < n; gi++) {
                for (int bi = 0; bi < n; bi++) {
                    samples[k++] = (r.u16() + identity[ri]) & 0xFFFF;
                    samples[k++] = (r.u16() + identity[gi]) & 0xFFFF;
                    samples[k++] = (r.u16() + identity[bi]) & 0xFFFF;
                }
            }
        }
        int primaries = (int) r.u32();
        int gamma = (int) r.u32();
        int gamut = (int) r.u32();
        if (primaries > 4 || gamma > 4 || gamut > 1) {
            throw new IOException("enum out of range: " + primaries + "/" + gamma + "/" + gamut);
        }
        double min = r.f64();
        double max = r.f64();
        if (min < 0 || min > 1 || max < 1) {
            throw new IOException("bad amount range " + min + ".." + max);
        }
        if (r.pos != stream.length) {
            throw new IOException((stream.length - r.pos) + " trailing bytes (flags not expected)");
        }
        return new Decoded(altText(desc, "Name"), altText(desc, "Group"),
                desc.getAttributeNS(CRS, "PresetType"), id, md5, n, samples, primaries, gamma,
                gamut, min, max, desc, stream);
    }

    /** Attribute names of the description in the crs namespace, for presence checks. */
    static boolean hasCrs(Element desc, String local) {
        NamedNodeMap attrs = desc.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (CRS.equals(a.getNamespaceURI()) && local.equals(a.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    private static String altText(Element desc, String local) {
        Element e = (Element) desc.getElementsByTagNameNS(CRS, local).item(0);
        return e == null ? null : e.getTextContent().trim();
    }

    /**
     * Adobe's XMP base85: characters outside the alphabet are skipped; five digits, least
     * significant first, make one little-endian 32-bit word; a tail of d digits yields d - 1 bytes.
     */
    static byte[] digitsToBytes(String text) {
        int[] value = new int[128];
        java.util.Arrays.fill(value, -1);
        String digits = "0123456789"                   // 0..9
                + "abcdefghijklmnopqrstuvwxyz"         // 10..35
                + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"         // 36..61
                + ".-:+=^!/*?`'|()[]{}@%$#";           // 62..84
        for (int i = 0; i < digits.length(); i++) {
            value[digits.charAt(i)] = i;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long word = 0;
        long weight = 1;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || value[c] < 0) {
                continue;
            }
            word += value[c] * weight;
            weight *= 85;
            if (++count == 5) {
                for (int b = 0; b < 4; b++) {
                    out.write((int) (word >>> (8 * b)) & 0xFF);
                }
                word = 0;
                weight = 1;
                count = 0;
            }
        }
        for (int b = 0; b < count - 1; b++) {
            out.write((int) (word >>> (8 * b)) & 0xFF);
        }
        return out.toByteArray();
    }

    private static final class Reader {
        private final byte[] s;
        private int pos;

        Reader(byte[] s) {
            this.s = s;
        }

        int u16() {
            int v = (s[pos] & 0xFF) | (s[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        long u32() {
            long v = 0;
            for (int i = 3; i >= 0; i--) {
                v = v << 8 | (s[pos + i] & 0xFF);
            }
            pos += 4;
            return v;
        }

        double f64() {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (s[pos + i] & 0xFF);
            }
            pos += 8;
            return Double.longBitsToDouble(v);
        }
    }
}
