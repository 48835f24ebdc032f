package emu.calibration.io;

import java.io.IOException;
import java.nio.file.Path;

/** An image file that cannot be read or written as asked; the message names the file and the reason. */
public final class ImageFormatException extends IOException {

    public ImageFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public ImageFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
