package emu.calibration.profile;

import emu.calibration.fit.ColourModel;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.LutProvenance;
import emu.calibration.lut.ShapedLut;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An export format made from the model itself rather than from a baked LUT: a camera profile,
 * whose input is the camera's raw RGB (the model's own input), so it takes no LUT input
 * encoding. Its size is the format's own table resolution. The export pipeline
 * ({@code emu.calibration.export.Exporter}) calls {@link #write(ColourModel, String, int,
 * LutProvenance, Path)}; the LUT form of {@code write} refuses.
 */
public interface CameraProfileFormat extends LutExportFormat {

    /** The encoding name camera-profile items carry in plans and file names. */
    String CAMERA = "camera";

    /** Whether one file covers every light the model has (else one file per light). */
    boolean perModel();

    /** For a {@link #perModel} format: the lights its file is made for, as a name part. */
    default String lightsLabel(ColourModel model) {
        return String.join("+", model.illuminants());
    }

    /**
     * Writes the profile atomically.
     *
     * @param illuminant the light (ignored by {@link #perModel} formats)
     * @param size the format's table resolution ({@link #sizeProblem} accepted it)
     * @return the files and the profile's own error against the model
     */
    CameraProfiles.Written write(ColourModel model, String illuminant, int size, LutProvenance provenance,
                                 Path file) throws IOException;

    @Override
    default List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) {
        throw new IllegalArgumentException("the " + name() + " format is made from the model, not from a LUT");
    }
}
