package emu.station.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a config file, located by file, line, column and dotted key, so that a
 * user can go straight to it. Line and column are 1-based.
 */
public record ConfigProblem(Path file, int line, int column, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        key = key == null ? "" : key;
    }

    /** {@code file:line:column: key: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
