package emu.calibration.lut;

import java.io.IOException;
import java.nio.file.Path;

/** A .cube file that breaks the format; the message names the file and line and what to fix. */
public final class CubeFormatException extends IOException {
    private final int line;

    CubeFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line the problem was found on (the last line + 1 for problems at end of file). */
    public int line() {
        return line;
    }
}
