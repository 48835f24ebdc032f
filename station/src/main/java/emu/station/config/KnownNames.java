package emu.station.config;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.Fitters;
import emu.calibration.export.ExportFormats;
import java.util.List;

/**
 * The names a config may use for fitters, LUT input encodings and export formats: read from the
 * calibration module's name -> implementation registries, so the config accepts exactly what the
 * fitting and export code can do.
 */
public final class KnownNames {
    /** Fitter names ({@code [training] candidates}). */
    public static final List<String> FITTERS = Fitters.names();
    /** LUT input encodings ({@code [exports] encodings}). */
    public static final List<String> ENCODINGS = InputEncoding.names();
    /** Export formats ({@code [exports] formats}). */
    public static final List<String> FORMATS = ExportFormats.names();

    private KnownNames() {}
}
