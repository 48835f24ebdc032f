package emu.station.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (2): a row pointing at {@code exports/link.cube}, a symlink to a system file, was served
 * because the check compared path text. Downloads, thumbnails, previews and model pages all resolve
 * a row's file through {@link FilesUi.inside}.
 */
class DownloadConfinementTest {
    @TempDir Path dir;

    @Test
    void aRowsFileLinkedOutsideTheDataDirectoryIsNotFound() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path system = Files.writeString(dir.resolve("passwd"), "root:x:0:0");
        Files.createDirectories(data.resolve("exports"));
        Files.createSymbolicLink(data.resolve("exports/link.cube"), system);
        Path real = Files.writeString(data.resolve("exports/real.cube"), "LUT_3D_SIZE 2");
        assertEquals(Optional.empty(), FilesUi.inside(data, "exports/link.cube"));
        assertEquals(Optional.empty(), FilesUi.inside(data, "../passwd"));
        assertTrue(FilesUi.inside(data, "exports/real.cube").isPresent());
        assertEquals(real.toRealPath(), FilesUi.inside(data, "exports/real.cube").get());
    }
}
