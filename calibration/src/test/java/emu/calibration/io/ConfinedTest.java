package emu.calibration.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-path confinement on a real file system with real symlinks (issue 16, 2). */
class ConfinedTest {
    @TempDir Path dir;

    @Test
    void symlinksAndDotDotLeadingOutsideAreRefusedAndInsideOnesAllowed() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path outside = Files.writeString(dir.resolve("system-file"), "secret");
        Files.createDirectories(data.resolve("exports"));
        Path real = Files.writeString(data.resolve("exports/a.cube"), "LUT");
        Files.createSymbolicLink(data.resolve("exports/link.cube"), outside);
        Files.createSymbolicLink(data.resolve("exports/ok.cube"), real);
        Files.createSymbolicLink(data.resolve("outdir"), dir);

        assertEquals(Optional.of(real.toRealPath()), Confined.existing(data, "exports/a.cube"));
        assertEquals(Optional.of(real.toRealPath()), Confined.existing(data, "exports/ok.cube"), "a link staying inside");
        assertEquals(Optional.empty(), Confined.existing(data, "exports/link.cube"), "a link to a system file");
        assertEquals(Optional.empty(), Confined.existing(data, "outdir/system-file"), "a linked folder leading out");
        assertEquals(Optional.empty(), Confined.existing(data, "../system-file"));
        assertEquals(Optional.empty(), Confined.existing(data, outside.toString()), "an absolute path");
        assertEquals(Optional.empty(), Confined.existing(data, "exports/none.cube"));
        assertEquals(Optional.empty(), Confined.existing(data, "exports/a.cube\0"));
        assertTrue(Confined.isInside(data, data.resolve("exports/ok.cube")));
        assertFalse(Confined.isInside(data, data.resolve("exports/link.cube")));
    }

    @Test
    void archiveEntryNamesMustBePlainRelativePaths() {
        assertEquals("roll/R1_F01.tif", Confined.entryName("roll/R1_F01.tif"));
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "a\\..\\x", "", "a//b", "./a", "a/\u0000b"}) {
            assertThrows(IllegalArgumentException.class, () -> Confined.entryName(bad), bad);
        }
    }
}
