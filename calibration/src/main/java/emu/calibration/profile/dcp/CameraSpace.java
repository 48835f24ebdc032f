package emu.calibration.profile.dcp;

import emu.calibration.color.ChromaticAdaptation;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;

/**
 * The colour spaces a DCP connects, and how the camera's raw RGB relates to the station's.
 *
 * <p>The model's input ("station RGB") is scene-linear Rec.709 with a fixed daylight balance
 * ({@code emu.calibration.fit.ColourModel}), what a raw developer makes of the camera's native
 * RGB with the camera's own D65 colour matrix CM (XYZ to native, as Adobe's and LibRaw's tables
 * give it): {@code station = M(XYZ to Rec.709) * CM^-1 * native} (LibRaw's {@code rgb_cam}; its
 * daylight multipliers cancel out). The DCP declares ColorMatrix = CM (both calibration lights,
 * the camera's matrix being one) and ForwardMatrix = {@code Bradford(D65 to D50) * M(Rec.709 to
 * XYZ) * M(XYZ to Rec.709) * CM^-1 * diag(CM * XYZ(D65))}, which maps the white-balanced neutral
 * (1, 1, 1) onto D50 as DNG 1.6 requires and gives, under D65, the station RGB's own colour.
 * Without a camera matrix the camera is taken to be the station's space itself (CM = M(XYZ to
 * Rec.709)): right for linear DNGs written from station RGB, as the tests' RawTherapee run does.
 *
 * <p>White balance as the DNG SDK does it ({@code dng_color_spec::SetWhiteXY}): the camera's
 * view of the light, {@code CM * XYZ(white xy)}, scaled so its largest channel is 1, divides the
 * native RGB before the forward matrix.
 */
public final class CameraSpace {

    /** ProPhoto (ROMM RGB, ISO 22028-2) with the DNG SDK's D50, xy (0.3457, 0.3585). */
    static final RgbSpace PROPHOTO = new RgbSpace("prophoto",
            new double[] {0.7347, 0.2653, 0.1596, 0.8404, 0.0366, 0.0001}, new double[] {0.3457, 0.3585});
    /** D50 XYZ, the profile connection white (the SDK's {@code PCStoXY}). */
    static final double[] D50 = PROPHOTO.whiteXyz();

    /** The station's own camera space as a colour matrix: XYZ to linear Rec.709. */
    public static final double[] STATION_MATRIX = RgbSpace.REC709.fromXyz();

    private static final double[] XYZ_D50_TO_PROPHOTO = PROPHOTO.fromXyz();
    private static final double[] PROPHOTO_TO_REC709 = Matrices.multiply(RgbSpace.REC709.fromXyz(),
            Matrices.multiply(ChromaticAdaptation.bradford(D50, RgbSpace.REC709.whiteXyz()),
                    PROPHOTO.toXyz()));
    private static final double[] REC709_TO_PROPHOTO = Matrices.invert(PROPHOTO_TO_REC709);

    private final double[] colorMatrix;
    private final double[] forwardMatrix;
    private final double[] stationToProPhoto;
    private final double[] proPhotoToStation;
    private final double[] neutral;
    private final double[] stationWhite;

    /** The station's camera space, white-balanced for a light of chromaticity {@code xy}. */
    public CameraSpace(double[] xy) {
        this(STATION_MATRIX, xy);
    }

    /**
     * A camera with colour matrix {@code colorMatrix} (XYZ to native RGB, row-major, for D65),
     * white-balanced for a light of chromaticity {@code xy}.
     */
    public CameraSpace(double[] colorMatrix, double[] xy) {
        if (colorMatrix.length != 9 || Math.abs(det(colorMatrix)) < 1e-9) {
            throw new IllegalArgumentException("a camera colour matrix is 9 numbers (XYZ to camera RGB,"
                    + " row by row) with an inverse; got " + java.util.Arrays.toString(colorMatrix));
        }
        this.colorMatrix = colorMatrix.clone();
        double[] toStation = Matrices.multiply(RgbSpace.REC709.fromXyz(), Matrices.invert(colorMatrix));
        double[] d65 = Matrices.apply(colorMatrix, RgbSpace.REC709.whiteXyz());
        forwardMatrix = Matrices.multiply(ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), D50),
                Matrices.multiply(RgbSpace.REC709.toXyz(), Matrices.multiply(toStation,
                        Matrices.diagonal(d65[0], d65[1], d65[2]))));
        double[] white = Matrices.apply(colorMatrix, Matrices.xyToXyz(xy[0], xy[1]));
        double max = Math.max(white[0], Math.max(white[1], white[2]));
        neutral = new double[] {white[0] / max, white[1] / max, white[2] / max};
        stationToProPhoto = Matrices.multiply(XYZ_D50_TO_PROPHOTO, Matrices.multiply(forwardMatrix,
                Matrices.multiply(Matrices.diagonal(1 / neutral[0], 1 / neutral[1], 1 / neutral[2]),
                        Matrices.invert(toStation))));
        proPhotoToStation = Matrices.invert(stationToProPhoto);
        double[] sw = Matrices.apply(toStation, white);
        double smax = Math.max(sw[0], Math.max(sw[1], sw[2]));
        stationWhite = new double[] {sw[0] / smax, sw[1] / smax, sw[2] / smax};
    }

    private static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** ColorMatrix: XYZ to the camera's native RGB. */
    public double[] colorMatrix() {
        return colorMatrix.clone();
    }

    /** ForwardMatrix: white-balanced native RGB to XYZ D50. */
    public double[] forwardMatrix() {
        return forwardMatrix.clone();
    }

    /** The camera's native RGB of the light's white, largest channel 1: a DNG's AsShotNeutral. */
    public double[] neutral() {
        return neutral.clone();
    }

    /** The light's white in station RGB, largest channel 1: how the model's input sees it. */
    public double[] stationWhite() {
        return stationWhite.clone();
    }

    /** Station RGB to native camera RGB (what a raw file holds). */
    public double[] toNative(double[] station) {
        return Matrices.apply(Matrices.invert(Matrices.multiply(RgbSpace.REC709.fromXyz(),
                Matrices.invert(colorMatrix))), station);
    }

    /** Station RGB to white-balanced linear ProPhoto, what the hue/sat map sees. */
    public double[] toProPhoto(double[] station) {
        return Matrices.apply(stationToProPhoto, station);
    }

    /** White-balanced linear ProPhoto to station RGB, the model's input. */
    public double[] fromProPhoto(double[] proPhoto) {
        return Matrices.apply(proPhotoToStation, proPhoto);
    }

    /** Linear ProPhoto (D50) to sRGB-encoded values (D65, Bradford), unclipped. */
    public static double[] proPhotoToSrgb(double[] p) {
        double[] lin = Matrices.apply(PROPHOTO_TO_REC709, p);
        for (int c = 0; c < 3; c++) {
            lin[c] = Math.signum(lin[c]) * Srgb.INSTANCE.encode(Math.abs(lin[c]));
        }
        return lin;
    }

    /** sRGB-encoded values (the film scan) to linear ProPhoto. */
    public static double[] srgbToProPhoto(double[] srgb) {
        double[] lin = new double[3];
        for (int c = 0; c < 3; c++) {
            lin[c] = Srgb.INSTANCE.decode(srgb[c]);
        }
        return Matrices.apply(REC709_TO_PROPHOTO, lin);
    }
}
