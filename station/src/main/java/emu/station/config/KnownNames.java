package emu.station.config;

import emu.calibration.color.InputEncoding;
import emu.calibration.export.ExportFormats;
import java.util.List;

/**
 * The names a config may use for LUT input encodings and export formats: read from the calibration module's
 * name -> implementation registries, so the config accepts exactly what the export code can do. ({@code [training]
 * candidates} are candidate specs, checked by calibration's {@code Candidate.parse} as {@code station fit} checks them.)
 */
public final class KnownNames {
    /** LUT input encodings ({@code [exports] encodings}). */
    public static final List<String> ENCODINGS = InputEncoding.names();
    /** Export formats ({@code [exports] formats}). */
    public static final List<String> FORMATS = ExportFormats.names();

    private KnownNames() {}
}
