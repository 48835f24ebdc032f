package emu.station.daemon;

import java.nio.file.Path;

/** Another station process holds the data directory. */
public final class DataDirInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DataDirInUseException(Path dir, String holder) {
        super("data directory " + dir + " is in use by " + holder
                + ": stop that station first, or give this one another data_dir "
                + "(in a data root shared by several benches: another [station] bench_name)");
    }
}
