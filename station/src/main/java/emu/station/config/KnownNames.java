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
    /**
     * Fitter names ({@code [training] candidates}; also its default). Not {@code grid}: it fits per light only
     * ({@code grid:illuminant=per}), which a bare name cannot say, and it is not a default candidate (a
     * {@code station fit --candidates} spec can name it).
     */
    public static final List<String> FITTERS = Fitters.names().stream().filter(n -> !n.equals("grid")).toList();
    /** LUT input encodings ({@code [exports] encodings}). */
    public static final List<String> ENCODINGS = InputEncoding.names();
    /** Export formats ({@code [exports] formats}). */
    public static final List<String> FORMATS = ExportFormats.names();

    private KnownNames() {}
}
