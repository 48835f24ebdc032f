package emu.calibration.profile;

import emu.calibration.fit.ColourModel;
import emu.calibration.lut.LutProvenance;
import emu.calibration.profile.dcp.CalibrationLight;
import emu.calibration.profile.dcp.CameraSpace;
import emu.calibration.profile.dcp.DcpBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The camera-profile formats: {@code dcp} (one DNG camera profile per model, both calibration
 * lights in it) and {@code icc-input} (one ICC input profile per light, v4 plus a v2
 * companion). See {@link CameraProfiles} and docs/profiles.md.
 */
public final class CameraProfileFormats {

    /** UniqueCameraModel when none is given; editors match it against the raw's own. */
    public static final String DEFAULT_CAMERA = "emu-station camera";

    private CameraProfileFormats() {
    }

    /** Both formats, for the export registry (the dcp for {@link #DEFAULT_CAMERA}). */
    public static List<CameraProfileFormat> all() {
        return List.of(new Dcp(DEFAULT_CAMERA, CameraSpace.STATION_MATRIX), new IccInput());
    }

    /**
     * The dcp format for a named camera (the raw's UniqueCameraModel, as exiftool shows it) with
     * its D65 colour matrix (XYZ to camera RGB, row-major: a DNG's ColorMatrix for D65), or
     * null for raws in the station's own camera space.
     */
    public static CameraProfileFormat dcp(String camera, double[] colorMatrix) {
        return new Dcp(camera, colorMatrix == null ? CameraSpace.STATION_MATRIX : colorMatrix);
    }

    /**
     * {@code dcp}: size = value divisions of the 3D hue/saturation map (90 hues x 25 saturations
     * x size values); 33 holds the test film within 0.5 CIEDE2000 mean on colours.
     */
    static final class Dcp implements CameraProfileFormat {
        private final String camera;
        private final double[] colorMatrix;

        Dcp(String camera, double[] colorMatrix) {
            if (camera == null || camera.isBlank()) {
                throw new IllegalArgumentException("the DCP's camera model (UniqueCameraModel) must not be empty");
            }
            this.camera = camera;
            new CameraSpace(colorMatrix, CalibrationLight.of("D65").orElseThrow().xy()); // checks it
            this.colorMatrix = colorMatrix.clone();
        }

        @Override
        public String name() {
            return "dcp";
        }

        @Override
        public String extension() {
            return "dcp";
        }

        @Override
        public String sizeProblem(int size) {
            return size < 2 || size > 200 ? "takes 2..200 value divisions for its hue/saturation map" : null;
        }

        @Override
        public boolean perModel() {
            return true;
        }

        @Override
        public String lightsLabel(ColourModel model) {
            try {
                return String.join("+", CalibrationLight.choose(model.illuminants()).stream()
                        .map(CalibrationLight::name).toList());
            } catch (IllegalArgumentException noExifLight) {
                // write() refuses the model with the reason; the name only has to exist
                return String.join("+", model.illuminants());
            }
        }

        @Override
        public CameraProfiles.Written write(ColourModel model, String illuminant, int size, LutProvenance p,
                                            Path file) throws IOException {
            String name = ProfileFormats.group(p) + " (emu-station)";
            String copyright = "emu-station film profile: stock " + p.stock() + ", set " + p.set()
                    + ", model " + p.modelVersion();
            return CameraProfiles.writeDcp(model, new DcpBuilder.Grid(90, 25, size), colorMatrix, camera, ascii(name),
                    ascii(copyright), file);
        }

        /** DCP text tags are 7-bit ASCII: other characters become '?'. */
        private static String ascii(String s) {
            return s.replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    /** {@code icc-input}: size = CLUT points per axis. */
    static final class IccInput implements CameraProfileFormat {
        @Override
        public String name() {
            return "icc-input";
        }

        @Override
        public String extension() {
            return "icc";
        }

        @Override
        public String sizeProblem(int size) {
            return size < 2 || size > 255 ? "stores 2..255 CLUT points per axis" : null;
        }

        @Override
        public boolean perModel() {
            return false;
        }

        @Override
        public CameraProfiles.Written write(ColourModel model, String illuminant, int size, LutProvenance p,
                                            Path file) throws IOException {
            String description = ProfileFormats.profileName(p).replaceAll("[^\\x20-\\x7e]", "?");
            return CameraProfiles.writeIccInput(model, illuminant, size, description,
                    ProfileFormats.copyright(p).replaceAll("[^\\x20-\\x7e]", "?"), file);
        }
    }
}
