package emu.calibration.profile.icc;

import emu.calibration.color.ChromaticAdaptation;
import emu.calibration.color.Cielab;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;
import emu.calibration.fit.ColourModel;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An ICC input profile (device class 'scnr', data colour space RGB, PCS CIELAB D50) whose A2B0
 * takes the camera's RGB to the film's rendering, for Capture One and LittleCMS / ArgyllCMS
 * hosts: camera RGB is the model's input (scene-linear Rec.709, the camera's daylight balance,
 * 0..1), the PCS value is the film scan's colour (sRGB display values, D65, Bradford-adapted to
 * D50 as the PCS requires).
 *
 * <ul>
 *   <li>v4 (ICC.1:2010): A2B0 is {@code lutAToBType} (10.12): A curves = the sRGB encoding
 *       (IEC 61966-2-1) tabulated on 4096 points as {@code curveType}, so the CLUT's grid is
 *       dense in the shadows where the eye is; a CLUT with 16-bit precision; identity B curves.
 *       Tags: desc, cprt (mluc), wtpt (D50), chad (the Bradford D65 to D50 matrix, 9.2.15:
 *       the scan's white is D65), A2B0. Lab in the v4 16-bit encoding (6.3.4.2).</li>
 *   <li>v2 (ICC.1:2001-04): A2B0 is {@code lut16Type} (6.5.8): identity matrix, the same
 *       4096-entry input tables, the CLUT, 2-entry identity output tables. Tags: desc
 *       (textDescriptionType), cprt (textType), wtpt (D50), A2B0. Lab in the legacy 16-bit
 *       encoding of lut16Type (L* 0..100 on 0..0xFF00, a*, b* -128..127.996 on 0..0xFFFF).</li>
 * </ul>
 * In both the first input channel (R) varies slowest in the CLUT.
 */
public final class IccInputProfile {

    /** Which ICC version to write. */
    public enum Version { V2, V4 }

    /** Entries of each input curve (lut16Type's maximum). */
    public static final int CURVE_ENTRIES = 4096;

    private static final double[] REC709_TO_XYZ_D50 = Matrices.multiply(
            ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), IccBytes.D50),
            RgbSpace.REC709.toXyz());

    private IccInputProfile() {
    }

    /** The film's rendering as PCS Lab (D50): model, sRGB decode, Bradford D65 to D50. */
    public static UnaryOperator<double[]> modelLab(ColourModel model, String illuminant) {
        Objects.requireNonNull(model, "model");
        return camera -> {
            double[] film = model.predict(camera, illuminant);
            double[] out = new double[film.length];
            double[] lin = new double[3];
            for (int i = 0; i + 2 < film.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    lin[c] = Srgb.INSTANCE.decode(film[i + c]);
                }
                System.arraycopy(Cielab.fromXyz(Matrices.apply(REC709_TO_XYZ_D50, lin), IccBytes.D50),
                        0, out, i, 3);
            }
            return out;
        };
    }

    /** The input curve: camera value 0..1 to CLUT coordinate 0..1. */
    static double shape(double linear) {
        return Srgb.INSTANCE.encode(Math.min(1, Math.max(0, linear)));
    }

    /** The camera value at CLUT coordinate {@code u}. */
    static double unshape(double u) {
        return Srgb.INSTANCE.decode(u);
    }

    /**
     * Samples {@code cameraToLab} on the CLUT grid: row-major Lab, R slowest.
     *
     * @throws IllegalArgumentException on a grid outside 2..255 or NaN results
     */
    public static double[] sample(int n, UnaryOperator<double[]> cameraToLab) {
        if (n < 2 || n > 255) {
            throw new IllegalArgumentException("ICC CLUT grid " + n
                    + " is outside 2..255 points per axis (one byte in the CLUT header)");
        }
        double[] grid = new double[3 * n * n * n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            for (int g = 0; g < n; g++) {
                for (int b = 0; b < n; b++) {
                    grid[k++] = unshape(r / (double) (n - 1));
                    grid[k++] = unshape(g / (double) (n - 1));
                    grid[k++] = unshape(b / (double) (n - 1));
                }
            }
        }
        double[] lab = cameraToLab.apply(grid);
        if (lab == null || lab.length != grid.length) {
            throw new IllegalArgumentException("camera-to-Lab returned the wrong number of values");
        }
        for (int i = 0; i < lab.length; i++) {
            if (Double.isNaN(lab[i])) {
                throw new IllegalArgumentException("camera-to-Lab returned NaN at grid point " + i / 3);
            }
        }
        return lab;
    }

    /** Builds the profile from a CLUT made by {@link #sample}. */
    public static byte[] build(Version version, String description, String copyright,
                               Instant created, int n, double[] clutLab) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(copyright, "copyright");
        if (clutLab.length != 3 * n * n * n) {
            throw new IllegalArgumentException("CLUT of " + n + "^3 needs " + 3 * n * n * n + " values");
        }
        if (version == Version.V4) {
            double[] chad = ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), IccBytes.D50);
            return IccBytes.assemble(IccBytes.V4_3, "scnr", "RGB ", "Lab ", created,
                    new String[] {"desc", "cprt", "wtpt", "chad", "A2B0"},
                    new byte[][] {IccBytes.mluc(description), IccBytes.mluc(copyright),
                        IccBytes.xyz(IccBytes.D50), IccBytes.sf32(chad), lutAToB(n, clutLab)});
        }
        return IccBytes.assemble(IccBytes.V2_4, "scnr", "RGB ", "Lab ", created,
                new String[] {"desc", "cprt", "wtpt", "A2B0"},
                new byte[][] {IccBytes.textDescription(description), IccBytes.text(copyright),
                    IccBytes.xyz(IccBytes.D50), lut16(n, clutLab)});
    }

    /** lut16Type's legacy Lab (ICC.1:2001-04 6.5.8, table 39/40). */
    static int encodeV2(double v, int c) {
        double code = c == 0 ? v * 652.80 : (v + 128.0) * 256.0;
        return (int) Math.round(Math.min(c == 0 ? 0xFF00 : 0xFFFF, Math.max(0, code)));
    }

    private static char[] inputCurve() {
        char[] t = new char[CURVE_ENTRIES];
        for (int i = 0; i < CURVE_ENTRIES; i++) {
            t[i] = (char) Math.round(shape(i / (double) (CURVE_ENTRIES - 1)) * 65535.0);
        }
        return t;
    }

    private static byte[] lut16(int n, double[] lab) {
        char[] curve = inputCurve();
        ByteBuffer t = ByteBuffer.allocate(52 + 2 * 3 * CURVE_ENTRIES + 2 * lab.length + 2 * 3 * 2);
        t.put(IccBytes.ascii("mft2")).putInt(0).put((byte) 3).put((byte) 3).put((byte) n).put((byte) 0);
        for (int i = 0; i < 9; i++) {
            t.putInt(IccBytes.s15Fixed16(i % 4 == 0 ? 1 : 0));
        }
        t.putShort((short) CURVE_ENTRIES).putShort((short) 2);
        for (int c = 0; c < 3; c++) {
            for (char v : curve) {
                t.putChar(v);
            }
        }
        for (int i = 0; i < lab.length; i++) {
            t.putChar((char) encodeV2(lab[i], i % 3));
        }
        for (int c = 0; c < 3; c++) {
            t.putChar((char) 0).putChar((char) 0xFFFF);
        }
        return t.array();
    }

    private static byte[] lutAToB(int n, double[] lab) {
        char[] curve = inputCurve();
        int identity = 12;
        int table = 12 + 2 * CURVE_ENTRIES;
        int bCurves = 32;
        int clut = bCurves + 3 * identity;
        int clutSize = IccBytes.pad4(20 + 2 * lab.length);
        int aCurves = clut + clutSize;
        ByteBuffer t = ByteBuffer.allocate(aCurves + 3 * table);
        t.put(IccBytes.ascii("mAB ")).putInt(0).put((byte) 3).put((byte) 3).putShort((short) 0);
        t.putInt(bCurves).putInt(0).putInt(0).putInt(clut).putInt(aCurves);
        for (int c = 0; c < 3; c++) {
            t.put(IccBytes.ascii("curv")).putInt(0).putInt(0);
        }
        for (int c = 0; c < 3; c++) {
            t.put((byte) n);
        }
        t.position(clut + 16);
        t.put((byte) 2).put(new byte[3]);
        for (int i = 0; i < lab.length; i++) {
            t.putChar((char) IccBytes.labV4(lab[i], i % 3));
        }
        t.position(aCurves);
        for (int c = 0; c < 3; c++) {
            t.put(IccBytes.ascii("curv")).putInt(0).putInt(CURVE_ENTRIES);
            for (char v : curve) {
                t.putChar(v);
            }
        }
        return t.array();
    }

    /**
     * The station's own application of the profile's CLUT to camera RGB (input curve, then
     * trilinear interpolation of the grid's Lab, unquantised): to state the profile's own
     * error against the model.
     */
    public static double[] apply(int n, double[] clutLab, double[] camera) {
        double[] out = new double[camera.length];
        for (int i = 0; i + 2 < camera.length; i += 3) {
            int[] i0 = new int[3];
            double[] f = new double[3];
            for (int c = 0; c < 3; c++) {
                double u = shape(camera[i + c]) * (n - 1);
                i0[c] = Math.min((int) u, n - 2);
                f[c] = u - i0[c];
            }
            for (int corner = 0; corner < 8; corner++) {
                double w = 1;
                int at = 0;
                for (int c = 0; c < 3; c++) {
                    int bit = (corner >> (2 - c)) & 1;
                    w *= bit == 1 ? f[c] : 1 - f[c];
                    at = at * n + i0[c] + bit;
                }
                for (int c = 0; c < 3; c++) {
                    out[i + c] += w * clutLab[3 * at + c];
                }
            }
        }
        return out;
    }
}
