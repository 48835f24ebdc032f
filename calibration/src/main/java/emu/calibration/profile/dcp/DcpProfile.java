package emu.calibration.profile.dcp;

import java.util.Objects;

/**
 * The content of a DNG Camera Profile (.dcp), as DNG 1.6 chapter 6 defines its tags. A profile
 * with one calibration illuminant has {@code illuminant2 == 0} and no second matrices or table.
 *
 * @param uniqueCameraModel UniqueCameraModel (50708): the camera the profile is for; editors
 *     list a profile only for raws of that camera
 * @param name ProfileName (50936)
 * @param copyright ProfileCopyright (50942)
 * @param embedPolicy ProfileEmbedPolicy (50941): 0 allow copying, 1 embed if used, 2 embed
 *     never, 3 no restrictions
 * @param illuminant1 CalibrationIlluminant1 (50778), an EXIF LightSource code
 * @param illuminant2 CalibrationIlluminant2 (50779), or 0 for a single-illuminant profile
 * @param colorMatrix1 ColorMatrix1 (50721): XYZ to camera RGB under illuminant 1, row-major
 * @param colorMatrix2 ColorMatrix2 (50722) or null
 * @param forwardMatrix1 ForwardMatrix1 (50964): white-balanced camera RGB to XYZ D50
 * @param forwardMatrix2 ForwardMatrix2 (50965) or null
 * @param hueSatMap1 ProfileHueSatMapData1 (50938), dims in 50937, encoding in 51107
 * @param hueSatMap2 ProfileHueSatMapData2 (50939) or null
 * @param toneCurve ProfileToneCurve (50940)
 * @param baselineExposureOffset BaselineExposureOffset (51109), stops
 */
public record DcpProfile(String uniqueCameraModel, String name, String copyright, int embedPolicy,
                         int illuminant1, int illuminant2, double[] colorMatrix1,
                         double[] colorMatrix2, double[] forwardMatrix1, double[] forwardMatrix2,
                         HueSatMap hueSatMap1, HueSatMap hueSatMap2, ProfileToneCurve toneCurve,
                         double baselineExposureOffset) {

    public DcpProfile {
        Objects.requireNonNull(uniqueCameraModel, "uniqueCameraModel");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(copyright, "copyright");
        Objects.requireNonNull(colorMatrix1, "colorMatrix1");
        Objects.requireNonNull(forwardMatrix1, "forwardMatrix1");
        Objects.requireNonNull(hueSatMap1, "hueSatMap1");
        Objects.requireNonNull(toneCurve, "toneCurve");
        if (embedPolicy < 0 || embedPolicy > 3) {
            throw new IllegalArgumentException("ProfileEmbedPolicy is 0..3, got " + embedPolicy);
        }
        boolean two = illuminant2 != 0;
        if (two != (colorMatrix2 != null) || two != (forwardMatrix2 != null)
                || two != (hueSatMap2 != null)) {
            throw new IllegalArgumentException("a second calibration illuminant needs its own colour"
                    + " matrix, forward matrix and hue/sat map, and only then");
        }
        if (hueSatMap2 != null && (hueSatMap2.hues() != hueSatMap1.hues()
                || hueSatMap2.sats() != hueSatMap1.sats() || hueSatMap2.vals() != hueSatMap1.vals()
                || hueSatMap2.srgbValue() != hueSatMap1.srgbValue())) {
            throw new IllegalArgumentException("both hue/sat maps share one ProfileHueSatMapDims and encoding");
        }
    }

    /** Whether the profile has two calibration illuminants. */
    public boolean dual() {
        return illuminant2 != 0;
    }
}
