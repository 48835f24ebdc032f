package emu.calibration.profile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lightroom / Camera Raw creative profile: one XMP file whose {@code crs:RGBTable} names an
 * {@link RgbTable} by its MD5 id and whose {@code crs:Table_<id>} carries the table itself, as
 * the DNG SDK's {@code dng_big_table::WriteToXMP} writes it (namespace
 * {@code http://ns.adobe.com/camera-raw-settings/1.0/}). {@code crs:PresetType="Look"} makes
 * Camera Raw list it in the profile browser under {@code crs:Group}.
 *
 * <p>What the table means: Camera Raw applies a creative profile's table to the photo after the
 * base rendering, in the table's own space (here sRGB primaries and curve, clipped). So the look
 * baked into it takes the digital photo's sRGB-encoded display values as the camera's view and
 * returns the film scan's values: the same input convention as the {@code srgb} LUT encoding.
 * The table clips to 0..1, so the profile declares no support for HDR editing.
 *
 * @param name the profile name shown in the browser, e.g. {@code "Portra 400 - D65"}
 * @param group the group it is listed under, e.g. the stock's name
 * @param copyright free text, may be empty
 * @param table the look
 */
public record CreativeProfileXmp(String name, String group, String copyright, RgbTable table) {

    /** crs:Version / crs:ProcessVersion of the Camera Raw release that introduced RGB tables. */
    private static final String CRS_VERSION = "10.3";
    private static final String PROCESS_VERSION = "11.0";

    public CreativeProfileXmp {
        requireText(name, "name");
        requireText(group, "group");
        Objects.requireNonNull(copyright, "copyright");
        Objects.requireNonNull(table, "table");
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("creative profile " + what + " must not be empty");
        }
    }

    /**
     * The profile's UUID: derived from its group, name and table id, so exporting the same model
     * twice yields byte-identical files while two different looks never share an id.
     */
    public String uuid() {
        String key = group + "\n" + name + "\n" + DngBigTableEncoder.fingerprint(table);
        UUID u = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().withUpperCase().toHexDigits(u.getMostSignificantBits())
                + HexFormat.of().withUpperCase().toHexDigits(u.getLeastSignificantBits());
    }

    /** The XMP document, UTF-8 text. */
    public String toXmp() {
        String id = DngBigTableEncoder.fingerprint(table);
        StringBuilder x = new StringBuilder(64 * 1024);
        x.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"emu-station\">\n")
         .append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
         .append("  <rdf:Description rdf:about=\"\"\n")
         .append("    xmlns:crs=\"http://ns.adobe.com/camera-raw-settings/1.0/\"\n");
        attr(x, "PresetType", "Look");
        attr(x, "Cluster", "");
        attr(x, "UUID", uuid());
        attr(x, "SupportsAmount", "True");
        attr(x, "SupportsColor", "True");
        attr(x, "SupportsMonochrome", "False");
        attr(x, "SupportsHighDynamicRange", "False");
        attr(x, "SupportsNormalDynamicRange", "True");
        attr(x, "SupportsSceneReferred", "True");
        attr(x, "SupportsOutputReferred", "True");
        attr(x, "CameraModelRestriction", "");
        attr(x, "Copyright", copyright);
        attr(x, "ContactInfo", "");
        attr(x, "Version", CRS_VERSION);
        attr(x, "ProcessVersion", PROCESS_VERSION);
        attr(x, "ConvertToGrayscale", "False");
        attr(x, "RGBTable", id);
        attr(x, "Table_" + id, DngBigTableEncoder.encodeAsString(table));
        x.append("   crs:HasSettings=\"True\">\n");
        alt(x, "Name", name);
        alt(x, "Group", group);
        x.append("  </rdf:Description>\n")
         .append(" </rdf:RDF>\n")
         .append("</x:xmpmeta>\n");
        return x.toString();
    }

    private static void attr(StringBuilder x, String key, String value) {
        x.append("   crs:").append(key).append("=\"").append(escape(value)).append("\"\n");
    }

    private static void alt(StringBuilder x, String key, String value) {
        x.append("   <crs:").append(key).append(">\n")
         .append("    <rdf:Alt>\n")
         .append("     <rdf:li xml:lang=\"x-default\">").append(escape(value)).append("</rdf:li>\n")
         .append("    </rdf:Alt>\n")
         .append("   </crs:").append(key).append(">\n");
    }

    /** XML 1.0 escaping for attribute values and text (the base85 alphabet has no & or <). */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException("control character U+"
                                + Integer.toHexString(c) + " cannot appear in XMP text: " + s);
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
