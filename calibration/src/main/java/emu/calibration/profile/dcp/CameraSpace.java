package emu.calibration.profile.dcp;

import emu.calibration.color.ChromaticAdaptation;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.calibration.color.Srgb;

/**
 * The colour spaces a DCP connects, and the camera the station's model speaks for.
 *
 * <p>The model's input is scene-linear Rec.709 RGB with a fixed daylight balance
 * ({@code emu.calibration.fit.ColourModel}); the profile declares that space as the camera's
 * native one: ColorMatrix = XYZ to linear Rec.709 (no adaptation: a light's white reaches the
 * camera as its own colour, as in the station's pairs), ForwardMatrix = linear Rec.709 to XYZ
 * D50 through Bradford D65 to D50, which maps the white-balanced neutral (1, 1, 1) onto D50 as
 * DNG 1.6 requires. A raw converter that hands the profile this camera space (a linear DNG
 * written from the station's camera RGB, as the RawTherapee test does) renders exactly what the
 * tables were built for.
 *
 * <p>White balance as the DNG SDK does it ({@code dng_color_spec::SetWhiteXY}): the camera's
 * view of the light, {@code ColorMatrix * XYZ(white xy)}, scaled so its largest channel is 1,
 * divides the camera RGB before the forward matrix.
 */
public final class CameraSpace {

    /** ProPhoto (ROMM RGB, ISO 22028-2) with the DNG SDK's D50, xy (0.3457, 0.3585). */
    static final RgbSpace PROPHOTO = new RgbSpace("prophoto",
            new double[] {0.7347, 0.2653, 0.1596, 0.8404, 0.0366, 0.0001}, new double[] {0.3457, 0.3585});
    /** D50 XYZ, the profile connection white (the SDK's {@code PCStoXY}). */
    static final double[] D50 = PROPHOTO.whiteXyz();

    /** ColorMatrix: XYZ to camera (linear Rec.709). */
    public static final double[] COLOR_MATRIX = RgbSpace.REC709.fromXyz();
    /** ForwardMatrix: white-balanced camera to XYZ D50. */
    public static final double[] FORWARD_MATRIX = Matrices.multiply(
            ChromaticAdaptation.bradford(RgbSpace.REC709.whiteXyz(), D50), RgbSpace.REC709.toXyz());

    private static final double[] XYZ_D50_TO_PROPHOTO = PROPHOTO.fromXyz();
    private static final double[] PROPHOTO_TO_REC709 = Matrices.multiply(RgbSpace.REC709.fromXyz(),
            Matrices.multiply(ChromaticAdaptation.bradford(D50, RgbSpace.REC709.whiteXyz()),
                    PROPHOTO.toXyz()));
    private static final double[] REC709_TO_PROPHOTO = Matrices.invert(PROPHOTO_TO_REC709);

    private final double[] cameraToProPhoto;
    private final double[] proPhotoToCamera;
    private final double[] neutral;

    /** The camera as white-balanced for a light of chromaticity {@code xy}. */
    public CameraSpace(double[] xy) {
        double[] white = Matrices.apply(COLOR_MATRIX, Matrices.xyToXyz(xy[0], xy[1]));
        double max = Math.max(white[0], Math.max(white[1], white[2]));
        neutral = new double[] {white[0] / max, white[1] / max, white[2] / max};
        cameraToProPhoto = Matrices.multiply(XYZ_D50_TO_PROPHOTO, Matrices.multiply(FORWARD_MATRIX,
                Matrices.diagonal(1 / neutral[0], 1 / neutral[1], 1 / neutral[2])));
        proPhotoToCamera = Matrices.invert(cameraToProPhoto);
    }

    /** The camera RGB of the light's white, largest channel 1: a DNG's AsShotNeutral for it. */
    public double[] neutral() {
        return neutral.clone();
    }

    /** Camera RGB to white-balanced linear ProPhoto, what the hue/sat map sees. */
    public double[] toProPhoto(double[] camera) {
        return Matrices.apply(cameraToProPhoto, camera);
    }

    public double[] fromProPhoto(double[] proPhoto) {
        return Matrices.apply(proPhotoToCamera, proPhoto);
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
