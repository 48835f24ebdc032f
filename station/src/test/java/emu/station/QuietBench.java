package emu.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The station config the workflow tests share: the virtual bench (the defaults), data in
 * {@code dir/data}, a free HTTP port, lights that need no settling time, and no training unless a
 * test starts it, so nothing runs that the test did not ask for.
 */
public final class QuietBench {
    private QuietBench() {}

    /**
     * Writes {@code dir/config.toml} and returns its path.
     *
     * @param extraLines further TOML lines, in tables other than station, http, rig and training
     */
    public static Path config(Path dir, String... extraLines) throws IOException {
        String base = String.join("\n", "[station]", "data_dir = \"data\"", "[http]", "port = 0",
                "[rig]", "settle_seconds = 0.0", "[training]", "schedule = \"\"", "train_when_complete = false", "");
        return Files.writeString(dir.resolve("config.toml"), base + String.join("\n", extraLines) + "\n");
    }
}
