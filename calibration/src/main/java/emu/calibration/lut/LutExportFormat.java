package emu.calibration.lut;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A file format a {@link ShapedLut} can be exported to; instances come from {@link LutExportFormats}. */
public interface LutExportFormat {

    /** The registry name, e.g. {@code cube}. */
    String name();

    /** The file name extension, without the dot. */
    String extension();

    /**
     * Checks, before any baking, that a LUT of this lattice size, with or without a shaper, can be
     * written in this format.
     *
     * @throws IllegalArgumentException saying what the format needs instead
     */
    void check(int cubeSize, boolean shaper);

    /**
     * Writes {@code lut} with its provenance to {@code file}, atomically.
     *
     * @return every file written ({@code file} first; some formats write companions)
     */
    List<Path> write(ShapedLut lut, LutProvenance provenance, Path file) throws IOException;
}
