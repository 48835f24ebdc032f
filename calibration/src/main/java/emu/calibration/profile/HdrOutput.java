package emu.calibration.profile;

import emu.calibration.color.Hlg;
import emu.calibration.color.Matrices;
import emu.calibration.color.Pq;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HDR output transforms for film-look LUTs, by name ({@code pq}, {@code hlg}): they re-encode
 * the film scan values a model predicts as ITU-R BT.2100 signals with Rec.2020 primaries.
 *
 * <p>Highlight treatment. A lab scan is display-referred SDR: sRGB-encoded values whose 1.0 is
 * the film's own white after its shoulder. We keep that rendering and place it in the HDR
 * container without expanding it: decode the sRGB curve (IEC 61966-2-1), convert linear
 * Rec.709 to linear Rec.2020 (primaries matrix, same D65 white), and scale so scan white 1.0
 * is 203 cd/m2, the HDR reference white of ITU-R BT.2408-7 section 5.1. Nothing of the film
 * goes above 203 cd/m2 (the baker already clamps predictions to the scan's 0..1; a value above
 * 1.0 would stay linear here); no inverse tone mapping is applied, so an HDR grade keeps the
 * film's highlight roll-off and has its headroom free for what the colourist adds. Negative
 * linear values (outside Rec.2020) are clipped to 0.
 *
 * <ul>
 *   <li>{@code pq}: SMPTE ST 2084 inverse EOTF of the absolute luminance (cd/m2). Scan white
 *       encodes to 0.5806 (BT.2408 table 1: 58% PQ).</li>
 *   <li>{@code hlg}: the HLG inverse EOTF of BT.2100-2 table 5 for a 1000 cd/m2 nominal-peak
 *       display (gamma 1.2, black 0): inverse OOTF E = Fd / (Lw Ys^(gamma - 1)) with
 *       Ys = (Yd / Lw)^(1/gamma) and Yd the BT.2020 luminance of Fd, then the HLG OETF. Scan
 *       white encodes to 0.75 (BT.2408 section 5.1: 75% HLG = 203 cd/m2).</li>
 * </ul>
 */
public enum HdrOutput {
    PQ("pq", "Rec.2100 PQ (SMPTE ST 2084), Rec.2020, scan white at 203 cd/m2") {
        @Override
        void encodeNits(double[] fd) {
            for (int c = 0; c < 3; c++) {
                fd[c] = Pq.encodeNits(fd[c]);
            }
        }
    },
    HLG("hlg", "Rec.2100 HLG, Rec.2020, 1000 cd/m2 display, scan white at 203 cd/m2 (75%)") {
        @Override
        void encodeNits(double[] fd) {
            double yd = LUMA[0] * fd[0] + LUMA[1] * fd[1] + LUMA[2] * fd[2];
            double ys = Math.pow(yd / HLG_PEAK_NITS, 1 / HLG_GAMMA);
            double scale = ys > 0 ? 1 / (HLG_PEAK_NITS * Math.pow(ys, HLG_GAMMA - 1)) : 0;
            for (int c = 0; c < 3; c++) {
                fd[c] = Hlg.INSTANCE.encode(fd[c] * scale);
            }
        }
    };

    /** BT.2408-7 section 5.1: HDR reference (diffuse) white. */
    public static final double REFERENCE_WHITE_NITS = 203.0;
    /** BT.2100-2 table 5: nominal peak luminance the HLG system gamma 1.2 is defined for. */
    static final double HLG_PEAK_NITS = 1000.0;
    static final double HLG_GAMMA = 1.2;

    private static final double[] REC709_TO_REC2020 =
            RgbSpace.conversion(RgbSpace.REC709, RgbSpace.REC2020);
    /** Row Y of the Rec.2020 RGB -> XYZ matrix: BT.2100-2 table 4's 0.2627, 0.6780, 0.0593. */
    private static final double[] LUMA = Arrays.copyOfRange(RgbSpace.REC2020.toXyz(), 3, 6);

    private final String id;
    private final String description;

    HdrOutput(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The registry name. */
    public String id() {
        return id;
    }

    /** One line saying what the output values are, for provenance. */
    public String description() {
        return description;
    }

    /**
     * The output transform named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known outputs if there is none
     */
    public static HdrOutput get(String name) {
        for (HdrOutput o : values()) {
            if (o.id.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown HDR output '" + name + "'; known: " + names());
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(HdrOutput::id).toList();
    }

    /** Film scan values (sRGB-encoded, one triple) to this output's signal, in place. */
    public void apply(double[] rgb, int offset) {
        double[] lin = {Srgb.INSTANCE.decode(rgb[offset]), Srgb.INSTANCE.decode(rgb[offset + 1]),
            Srgb.INSTANCE.decode(rgb[offset + 2])};
        double[] fd = Matrices.apply(REC709_TO_REC2020, lin);
        for (int c = 0; c < 3; c++) {
            fd[c] = Math.max(0.0, fd[c]) * REFERENCE_WHITE_NITS;
        }
        encodeNits(fd);
        System.arraycopy(fd, 0, rgb, offset, 3);
    }

    /** Row-major {@code n x 3} film scan values to this output's signals, into a new array. */
    public double[] apply(double[] rgbRows) {
        double[] out = rgbRows.clone();
        for (int i = 0; i + 2 < out.length; i += 3) {
            apply(out, i);
        }
        return out;
    }

    /** Display light in cd/m2 (linear Rec.2020, one triple) to signal values, in place. */
    abstract void encodeNits(double[] fd);
}
