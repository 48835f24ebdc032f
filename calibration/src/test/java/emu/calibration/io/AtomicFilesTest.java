package emu.calibration.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    private List<Path> files() throws IOException {
        try (var s = Files.list(dir.resolve("out"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAndReplacesWholeFiles() throws Exception {
        Path f = dir.resolve("out/model.json");
        AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "two, longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("two, longer", Files.readString(f));
        assertEquals(List.of(f), files(), "no temp files left");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTempFile() throws Exception {
        Path f = dir.resolve("out/lut.cube");
        byte[] old = "LUT_3D_SIZE 2".getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(f, old);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half a LUT".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(f));
        assertEquals(List.of(f), files());
    }
}
