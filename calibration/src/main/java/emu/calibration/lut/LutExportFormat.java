package emu.calibration.lut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file format a {@link ShapedLut} can be exported to. The export pipeline
 * ({@code emu.calibration.export}) holds the registry by name and asks each format, before any
 * baking, what it takes: {@link #sizeProblem}, {@link #takesShaper}, {@link #defaultSize}. The
 * answers are plain sentences about the format, never about where the request came from (a
 * config key, a CLI flag): the pipeline adds that.
 */
public interface LutExportFormat {

    /** The registry name, e.g. {@code cube}. */
    String name();

    /** The file name extension, without the dot. */
    String extension();

    /**
     * Whether this format stores a LUT of {@code cubeSize} points per axis.
     *
     * @return null when it does, else what it takes instead (e.g. "takes 2..256 points per axis")
     */
    default String sizeProblem(int cubeSize) {
        return Lut3D.sizeProblem(cubeSize);
    }

    /** The lattice size used when none is asked for: one that {@link #sizeProblem} accepts. */
    default int defaultSize() {
        return 33;
    }

    /**
     * Whether the format can carry a 1D shaper before its 3D table; encodings that need one
     * ({@code InputEncoding#needsShaper}) can only go to formats that can.
     */
    default boolean takesShaper() {
        return true;
    }

    /**
     * The same checks as one call, for a format's own {@link #write}.
     *
     * @throws IllegalArgumentException saying what the format needs instead
     */
    default void check(int cubeSize, boolean shaper) {
        String size = sizeProblem(cubeSize);
        String problems = (size == null ? "" : "the " + name() + " format " + size + ", not " + cubeSize)
                + (shaper && !takesShaper() ? (size == null ? "" : "; ") + "the " + name()
                        + " format cannot carry a 1D shaper" : "");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems);
        }
    }

    /**
     * Writes {@code lut} with its provenance to {@code file}, atomically.
     *
     * @return every file written ({@code file} first; some formats write companions)
     */
    List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException;
}
