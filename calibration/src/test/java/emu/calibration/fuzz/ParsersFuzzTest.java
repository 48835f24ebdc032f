package emu.calibration.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import emu.calibration.io.ImageFiles;
import emu.calibration.lut.CubeFile;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.pairs.PairsFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the parsers that take files from outside (issue 16): a
 * .cube, a pairs CSV, an image (TIFF/PNG/JPEG, as scans and captures arrive). The contract: bad
 * input is refused with the parser's own exception naming the file (an {@link IOException} or
 * {@link PairsFormatException}); anything else thrown (NPE, index out of bounds, OOM, a hang) is
 * a finding. In a normal build each method runs its seeds in
 * {@code src/test/resources/emu/calibration/fuzz/ParsersFuzzTestInputs/<method>/} (every crash
 * found is kept there); {@code bench/fuzz.sh} fuzzes each for a bounded time.
 */
class ParsersFuzzTest {
    private static final Path TMP;

    static {
        try {
            TMP = Files.createTempDirectory("emu-fuzz-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void cubeFile(byte[] data) throws IOException {
        Path f = TMP.resolve("fuzz.cube");
        Files.write(f, data);
        try {
            CubeFile.read(f);
        } catch (IOException expected) {
            // CubeFormatException (file:line) or a read error: refused cleanly
        }
    }

    @FuzzTest(maxDuration = "30s")
    void pairsCsv(byte[] data) throws IOException {
        try {
            PairsCsv.read(new StringReader(new String(data, StandardCharsets.UTF_8)), "fuzz.csv");
        } catch (PairsFormatException expected) {
            // refused with line numbers
        }
    }

    @FuzzTest(maxDuration = "30s")
    void image(byte[] data) throws IOException {
        Path f = TMP.resolve("fuzz.tif");
        Files.write(f, data);
        try {
            ImageFiles.read(f);
        } catch (IOException expected) {
            // ImageFormatException naming the file
        }
    }
}
