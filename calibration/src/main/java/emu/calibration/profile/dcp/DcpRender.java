package emu.calibration.profile.dcp;

/**
 * The station's own application of a {@link DcpProfile}: what a DNG raw converter computes for
 * a camera RGB value white-balanced for one of the profile's calibration illuminants. Order as
 * in the DNG SDK's render pipeline (dng_render.cpp): camera RGB, white balance and
 * ForwardMatrix to XYZ D50, linear ProPhoto, ProfileHueSatMap, BaselineExposureOffset (with the
 * user's exposure, here 0), ProfileToneCurve (RefBaselineRGBTone), then the output space (sRGB
 * here, as the station scores film scans). Used to state each profile's own error against the
 * model, and by the tests as the reference a consumer must reproduce.
 */
public final class DcpRender {

    private final CameraSpace camera;
    private final HueSatMap map;
    private final ProfileToneCurve tone;
    private final double exposure;

    /**
     * @param which 1 or 2: which calibration illuminant the white balance is set to
     * @param xy that light's chromaticity
     */
    public DcpRender(DcpProfile profile, int which, double[] xy) {
        if (which != 1 && !(which == 2 && profile.dual())) {
            throw new IllegalArgumentException("the profile has no calibration illuminant " + which);
        }
        this.camera = new CameraSpace(which == 1 ? profile.colorMatrix1() : profile.colorMatrix2(), xy);
        this.map = which == 1 ? profile.hueSatMap1() : profile.hueSatMap2();
        this.tone = profile.toneCurve();
        this.exposure = Math.pow(2, profile.baselineExposureOffset());
    }

    /**
     * Row-major {@code n x 3} station RGB (the model's input; the raw's native RGB through the
     * profile's colour matrix, {@link CameraSpace}) to sRGB-encoded output.
     */
    public double[] render(double[] cameraRgb) {
        double[] out = new double[cameraRgb.length];
        double[] v = new double[3];
        double[] hsv = new double[3];
        for (int i = 0; i + 2 < cameraRgb.length; i += 3) {
            System.arraycopy(cameraRgb, i, v, 0, 3);
            double[] p = camera.toProPhoto(v);
            if (p[0] >= 0 && p[1] >= 0 && p[2] >= 0) {
                // Like the SDK (and RawTherapee's rgb2hsvdcp), the table applies to
                // non-negative colours only.
                HueSatMap.rgbToHsv(p[0], p[1], p[2], hsv);
                map.apply(hsv);
                HueSatMap.hsvToRgb(hsv[0], hsv[1], hsv[2], p);
            }
            for (int c = 0; c < 3; c++) {
                p[c] = Math.max(0, p[c] * exposure);
            }
            tone.apply(p);
            System.arraycopy(CameraSpace.proPhotoToSrgb(p), 0, out, i, 3);
        }
        return out;
    }
}
