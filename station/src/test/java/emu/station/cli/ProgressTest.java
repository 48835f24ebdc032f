package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    @Test
    void plainLinesOncePerTenPercent() {
        try (Progress p = new Progress("shooting", 50, out, false)) {
            for (int i = 0; i < 50; i++) {
                p.advance();
            }
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(11, lines.size(), lines::toString);
        assertEquals("shooting: 0/50 (0%)", lines.get(0));
        assertEquals("shooting: 5/50 (10%)", lines.get(1));
        assertEquals("shooting: 50/50 (100%)", lines.get(10));
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r")));
    }

    @Test
    void aBarRedrawsInPlaceAndEndsTheLine() {
        try (Progress p = new Progress("fit", 4, out, true)) {
            p.advanceTo(2);
            p.advanceTo(99); // clamped
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("\rfit [###############---------------]  50% 2/4"), s);
        assertTrue(s.endsWith("100% 4/4" + System.lineSeparator()), s);
    }

    @Test
    void negativeTotalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Progress("x", -1, out, false));
    }
}
