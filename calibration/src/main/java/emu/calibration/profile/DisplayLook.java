package emu.calibration.profile;

import emu.calibration.color.ChromaticAdaptation;
import emu.calibration.color.Cielab;
import emu.calibration.color.InputEncoding;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import java.util.Objects;

/**
 * A baked film look seen from a photo editor: the editor hands over a display-referred image
 * (sRGB-encoded values, or CIELAB for an ICC abstract profile) and expects the film's rendering
 * back. Both profile formats take their table from here, so an .xmp and an .icc made from one
 * LUT agree.
 *
 * <p>The editor's sRGB values are read as the camera's view through the {@code srgb} LUT input
 * encoding (IEC 61966-2-1 decoded, Rec.709 primaries), re-encoded into whatever input encoding
 * the LUT was baked for, and looked up with tetrahedral interpolation. Baking with
 * {@code --encoding srgb} avoids that re-encoding. The look is only known on the sRGB cube:
 * values outside 0..1 are clipped before the lookup (see {@link #onLab} for how the ICC form
 * carries colours outside it).
 */
public final class DisplayLook {

    /** ICC.1:2010 7.2.16: the PCS illuminant D50. */
    static final double[] D50 = {0.9642, 1.0, 0.8249};

    private static final InputEncoding SRGB = InputEncoding.get("srgb");
    private static final double[] REC709_TO_XYZ_D50 = Matrices.multiply(
            ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), D50),
            RgbSpace.REC709.toXyz());
    private static final double[] XYZ_D50_TO_REC709 = Matrices.invert(REC709_TO_XYZ_D50);

    private final ShapedLut lut;
    private final InputEncoding input;

    /**
     * @param lut the baked look; its output is the film scan encoding (sRGB display values)
     * @param inputEncoding the input encoding {@code lut} was baked for
     * @throws IllegalArgumentException if the encoding is unknown
     */
    public DisplayLook(ShapedLut lut, String inputEncoding) {
        this.lut = Objects.requireNonNull(lut, "lut");
        this.input = InputEncoding.get(inputEncoding);
    }

    /** Row-major {@code n x 3} sRGB-encoded values to the film's values, into a new array. */
    public double[] onSrgb(double[] srgb) {
        double[] clipped = new double[srgb.length];
        for (int i = 0; i < srgb.length; i++) {
            clipped[i] = Math.min(1.0, Math.max(0.0, srgb[i]));
        }
        double[] coded = input == SRGB ? clipped
                : input.fromRec709Linear(SRGB.toRec709Linear(clipped));
        float[] px = new float[coded.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) coded[i];
        }
        lut.apply(px, 0, px.length / 3, LutInterpolations.TETRAHEDRAL);
        double[] out = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i];
        }
        return out;
    }

    /**
     * Row-major {@code n x 3} CIELAB (D50, the ICC PCS) to CIELAB after the look: Lab -> XYZ
     * (CIE 15:2004) -> Bradford D50 -> D65 -> linear Rec.709 -> sRGB, the look, and back.
     * A colour outside the sRGB cube gets the look's shift (in linear light) at its clipped
     * sRGB colour: the result is continuous across the cube's surface, so the CLUT cells that
     * straddle it interpolate smoothly, and colours the look leaves alone stay as they were.
     */
    public double[] onLab(double[] lab) {
        double[] linear = new double[lab.length];
        double[] srgb = new double[lab.length];
        double[] v = new double[3];
        for (int i = 0; i + 2 < lab.length; i += 3) {
            System.arraycopy(lab, i, v, 0, 3);
            Matrices.apply(XYZ_D50_TO_REC709, Cielab.toXyz(v, D50), 0, linear, i);
            for (int c = 0; c < 3; c++) {
                srgb[i + c] = Srgb.INSTANCE.encode(linear[i + c]);
            }
        }
        double[] film = onSrgb(srgb);
        double[] out = new double[lab.length];
        double[] lin = new double[3];
        for (int i = 0; i + 2 < film.length; i += 3) {
            for (int c = 0; c < 3; c++) {
                double clipped = Srgb.INSTANCE.decode(Math.min(1.0, Math.max(0.0, srgb[i + c])));
                lin[c] = Srgb.INSTANCE.decode(film[i + c]) + (linear[i + c] - clipped);
            }
            System.arraycopy(Cielab.fromXyz(Matrices.apply(REC709_TO_XYZ_D50, lin), D50), 0,
                    out, i, 3);
        }
        return out;
    }
}
