package emu.station.config;

import java.util.List;

/**
 * The names a config may use for fitters, LUT input encodings and export formats.
 *
 * <p>These are the one place the config validates such names. They mirror the name -> implementation
 * registries of the calibration module (fitter, encoding and export-format registries); once those
 * registries exist, these lists are to be read from them instead of being spelled out here.
 */
public final class KnownNames {
    /** Fitter names ({@code [training] candidates}). */
    public static final List<String> FITTERS = List.of("matrix", "polynomial", "root-polynomial", "rbf", "mlp");
    /** LUT input encodings ({@code [exports] encodings}). */
    public static final List<String> ENCODINGS =
            List.of("linear", "acescct", "rec709", "srgb", "logc3", "slog3", "pq", "hlg");
    /** Export formats ({@code [exports] formats}). */
    public static final List<String> FORMATS = List.of("cube", "haldclut", "clf", "ocio", "xmp", "icc", "bundle");

    private KnownNames() {}
}
