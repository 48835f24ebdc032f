package emu.calibration.profile;

import emu.calibration.profile.icc.IccBytes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An ICC v4 abstract profile (device class {@code 'abst'}, CIELAB in and out) whose
 * {@code A2B0} is a {@code lutAToBType} ({@code 'mAB '}) holding the look as a CLUT between
 * identity curves: the form Photoshop's Color Lookup adjustment and LittleCMS-based
 * applications load as an "abstract" look. Written to ICC.1:2010 (profile version 4.3; header,
 * tag table and text tags by {@link IccBytes}):
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
        byte[][] tags = {IccBytes.mluc(description), IccBytes.mluc(copyright),
            IccBytes.xyz(IccBytes.D50), lutAToB(gridPoints, labToLab)};
        return IccBytes.assemble(IccBytes.V4_3, "abst", "Lab ", "Lab ", created,
                new String[] {"desc", "cprt", "wtpt", "A2B0"}, tags);
    }

    /** Encodes one Lab value to the v4 16-bit PCS number of channel {@code c}. */
    static int encodeLab(double v, int c) {
        return IccBytes.labV4(v, c);
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
        int clutSize = IccBytes.pad4(20 + 2 * 3 * points);
        int bCurves = 32;
        int clut = bCurves + curvesSize;
        int aCurves = clut + clutSize;
        ByteBuffer t = ByteBuffer.allocate(aCurves + curvesSize);
        t.put(IccBytes.ascii("mAB ")).putInt(0).put((byte) 3).put((byte) 3).putShort((short) 0);
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
        return ByteBuffer.allocate(12).put(IccBytes.ascii("curv")).putInt(0).putInt(0).array();
    }
}
