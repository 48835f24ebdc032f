package emu.devices.camera;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturedFilesTest {
    @TempDir Path dir;

    @Test
    void writesCompleteFileWithChecksumAndNoTempLeft() throws Exception {
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        CapturedFile f = CapturedFiles.write(dir.resolve("sub"), "step-01", "/store/DCIM/DSC_0001.NEF", data);
        assertEquals(dir.resolve("sub/step-01.nef"), f.path());
        assertArrayEquals(data, Files.readAllBytes(f.path()));
        // FIPS 180-4 example "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", f.sha256());
        assertEquals(CapturedFile.Kind.RAW, f.kind());
        assertEquals(3, f.size());
        try (var s = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of(f.path()), s.toList());
        }
    }

    @Test
    void neverOverwrites() throws Exception {
        CapturedFiles.write(dir, "a", "X.JPG", new byte[] {1});
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> CapturedFiles.write(dir, "a", "Y.jpg", new byte[] {2}));
        assertTrue(e.getMessage().contains("a.jpg"), e.getMessage());
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("a.jpg")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void kindsByExtension() {
        assertEquals(CapturedFile.Kind.JPEG, CapturedFile.Kind.ofName("DSC_1.JPG"));
        assertEquals(CapturedFile.Kind.RAW, CapturedFile.Kind.ofName("IMG_1.CR3"));
        assertEquals(CapturedFile.Kind.OTHER, CapturedFile.Kind.ofName("IMG_1.HEIF"));
        assertEquals("s", CapturedFiles.fileName("s", "/x/noext"));
    }
}
