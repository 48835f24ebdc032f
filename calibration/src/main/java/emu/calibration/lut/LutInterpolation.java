package emu.calibration.lut;

/**
 * A way to read a {@link Lut3D} between its lattice points. Implementations come from
 * {@link LutInterpolations} by name.
 *
 * <p>Inputs outside the LUT's domain are clamped to it (what ffmpeg's {@code lut3d}, OCIO and
 * Resolve do); a NaN input reads the first lattice point so a NaN pixel never spreads.
 */
public interface LutInterpolation {

    /** The registry name, e.g. {@code tetrahedral}. */
    String name();

    /**
     * Maps pixels {@code from} (inclusive) to {@code to} (exclusive) of an interleaved RGB array in
     * place: channel {@code c} of pixel {@code p} is {@code rgb[3 * p + c]}.
     */
    void apply(Lut3D lut, float[] rgb, int from, int to);

    /** One point, for probes and tests. */
    default float[] apply(Lut3D lut, float r, float g, float b) {
        float[] v = {r, g, b};
        apply(lut, v, 0, 1);
        return v;
    }
}
