package emu.station.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer on {@code config.toml} (issue 16, 9: a Latin-1 byte gave "Input length = 1" and exit 1):
 * any bytes load or fail with a {@link ConfigException} (file:line:col, exit 2); anything else is
 * a finding.
 */
class ConfigFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void config(byte[] data) throws IOException {
        Path dir = Files.createTempDirectory("emu-cfgfuzz-");
        try {
            Path f = Files.write(dir.resolve("config.toml"), data);
            try {
                StationConfig.load(f);
            } catch (ConfigException expected) {
                // every problem named with its line and column
            }
        } finally {
            emu.calibration.io.AtomicFiles.deleteTree(dir);
        }
    }
}
