package emu.station.scans;

import com.code_intelligence.jazzer.junit.FuzzTest;
import emu.calibration.io.AtomicFiles;
import emu.station.errors.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer on the scan-zip unpacking (issue 16, 2 and 3: zip-slip, garbage zips answered 500): any
 * bytes either unpack into the staging folder only, or are refused as bad input. An escape (a
 * file written outside the staging folder) or another exception is a finding.
 */
class ZipUnpackFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void unzip(byte[] data) throws IOException {
        Path root = Files.createTempDirectory("emu-zipfuzz-");
        try {
            Path zip = Files.write(root.resolve("in.zip"), data);
            Path staging = Files.createDirectories(root.resolve("staging"));
            try {
                LabDelivery.unzip(zip, staging, 4 << 20);
            } catch (InvalidInputException expected) {
                // refused: not a zip, a bad entry name, or too big unpacked
            }
            try (var s = Files.list(root)) {
                if (s.count() != 2) {
                    throw new AssertionError("the zip wrote outside its staging folder");
                }
            }
        } finally {
            AtomicFiles.deleteTree(root);
        }
    }
}
