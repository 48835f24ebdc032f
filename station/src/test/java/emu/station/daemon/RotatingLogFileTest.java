package emu.station.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {
    @TempDir Path dir;

    @Test
    void rotatesAtLineEndsAndKeepsOnlySoManyFiles() throws Exception {
        Path log = dir.resolve("station.log");
        byte[] line = ("x".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (RotatingLogFile f = new RotatingLogFile(log, 1024, 2)) {
            for (int i = 0; i < 60; i++) { // 6000 bytes: five rotations of ~1100 bytes
                f.write(line, 0, 50);
                f.write(line, 50, 50);
            }
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of("station.log", "station.log.1", "station.log.2"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String name : List.of("station.log.1", "station.log.2")) {
            String text = Files.readString(dir.resolve(name));
            assertEquals(1100, text.length(), name + ": rotated just past the limit, at a line end");
            assertTrue(text.lines().allMatch(l -> l.length() == 99), name + ": no torn lines");
        }
    }

    @Test
    void appendsToAnExistingLog() throws Exception {
        Path log = dir.resolve("station.log");
        Files.writeString(log, "before\n");
        try (RotatingLogFile f = new RotatingLogFile(log, 4096, 1)) {
            f.write("after\n".getBytes(StandardCharsets.US_ASCII), 0, 6);
        }
        assertEquals("before\nafter\n", Files.readString(log));
    }
}
