package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing and the CRC-8 of the line protocol against the catalogue check value and the spec. */
class LineFrameTest {
    @Test
    void crc8MatchesTheCatalogueCheckValue() {
        // CRC-8/SMBUS check value (Rocksoft/Williams catalogue): "123456789" -> 0xF4
        assertEquals(0xF4, LineFrame.crc8("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void encodesTheWorkedExampleOfTheSpec() {
        // docs/rig-protocol.md, "Checksum": the worked example
        assertArrayEquals("1 HELLO 1*1E\n".getBytes(StandardCharsets.US_ASCII), LineFrame.of(1, "HELLO", "1").encode());
        assertEquals("0 READY*C8", new String(LineFrame.of(0, "READY").encode(), StandardCharsets.US_ASCII).trim());
    }

    @Test
    void parsesWhatItEncodesAndLowerCaseHex() {
        LineFrame f = LineFrame.of(42, "LEVELS", "0", "65535", "12");
        String line = new String(f.encode(), StandardCharsets.US_ASCII).trim();
        assertEquals(f, LineFrame.parse(line).frame().orElseThrow());
        assertEquals(f, LineFrame.parse(line.toLowerCase().replace("levels", "LEVELS")).frame().orElseThrow());
    }

    @Test
    void reportsDefectsWithTheSequenceNumberWhenReadable() {
        LineFrame.Parsed bad = LineFrame.parse("7 PRESET D65*00");
        assertEquals(LineFrame.Defect.BAD_CHECKSUM, bad.defect());
        assertEquals(7, bad.seqHint());
        assertEquals(LineFrame.Defect.NO_CHECKSUM, LineFrame.parse("7 PRESET D65").defect());
        assertEquals(LineFrame.Defect.NOT_ASCII, LineFrame.parse("7 \u0001PRESET*00").defect());
        String noVerb = "12*" + String.format("%02X", LineFrame.crc8("12".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(LineFrame.Defect.BAD_SYNTAX, LineFrame.parse(noVerb).defect());
        assertEquals(-1, LineFrame.parse("x7 OK*00").seqHint());
        assertEquals(-1, LineFrame.parse("007 OK*00").seqHint());
    }

    @Test
    void rejectsArgumentsThatWouldBreakTheFraming() {
        assertThrows(IllegalArgumentException.class, () -> LineFrame.of(1, "PRESET", "D 65"));
        assertThrows(IllegalArgumentException.class, () -> LineFrame.of(1, "PRESET", "a*b"));
        assertThrows(IllegalArgumentException.class, () -> new LineFrame(65536, "PING", List.of()));
    }
}
