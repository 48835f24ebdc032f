package emu.calibration.lut;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A complete colour transform as the export formats carry it: an optional per-channel
 * {@link Lut1D} shaper whose output feeds a {@link Lut3D}. Without a shaper this is a plain 3D
 * LUT (the Adobe .cube form, a HaldCLUT); with one it is the Resolve .cube shaper form or a CLF
 * LUT1D + LUT3D chain. Immutable.
 */
public final class ShapedLut {
    /** Pixels per parallel task: large enough that scheduling costs nothing, small enough to balance. */
    private static final int CHUNK = 1 << 14;

    private final Lut1D shaper;
    private final Lut3D cube;

    public ShapedLut(Optional<Lut1D> shaper, Lut3D cube) {
        this.shaper = shaper.orElse(null);
        this.cube = Objects.requireNonNull(cube, "cube");
    }

    /** A plain 3D LUT without a shaper. */
    public ShapedLut(Lut3D cube) {
        this(Optional.empty(), cube);
    }

    public Optional<Lut1D> shaper() {
        return Optional.ofNullable(shaper);
    }

    public Lut3D cube() {
        return cube;
    }

    /** Maps pixels {@code from..to} of interleaved RGB in place on the calling thread. */
    public void apply(float[] rgb, int from, int to, LutInterpolation interpolation) {
        if (shaper != null) {
            for (int k = 3 * from; k < 3 * to; k += 3) {
                rgb[k] = shape(rgb[k], 0);
                rgb[k + 1] = shape(rgb[k + 1], 1);
                rgb[k + 2] = shape(rgb[k + 2], 2);
            }
        }
        interpolation.apply(cube, rgb, from, to);
    }

    /** Channel {@code c} of an input through the shaper (unchanged without one): what the cube is indexed by. */
    float shape(float v, int c) {
        return shaper == null ? v : shaper.apply(v, c);
    }

    /** Maps all pixels of interleaved RGB in place, split over the common fork-join pool. */
    public void applyParallel(float[] rgb, LutInterpolation interpolation) {
        if (rgb.length % 3 != 0) {
            throw new IllegalArgumentException("interleaved RGB needs a multiple of 3 values, got " + rgb.length);
        }
        int pixels = rgb.length / 3;
        int tasks = (pixels + CHUNK - 1) / CHUNK;
        if (tasks <= 1 || ForkJoinPool.getCommonPoolParallelism() <= 1) {
            apply(rgb, 0, pixels, interpolation);
            return;
        }
        IntStream.range(0, tasks).parallel()
                .forEach(t -> apply(rgb, t * CHUNK, Math.min(pixels, (t + 1) * CHUNK), interpolation));
    }

    /** One RGB point through shaper and cube. */
    public float[] apply(float r, float g, float b, LutInterpolation interpolation) {
        float[] v = {r, g, b};
        apply(v, 0, 1, interpolation);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShapedLut s && Objects.equals(s.shaper, shaper) && s.cube.equals(cube);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shaper, cube);
    }
}
