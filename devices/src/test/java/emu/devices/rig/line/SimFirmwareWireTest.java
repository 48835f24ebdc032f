package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated firmware's handling of bad input, byte for byte, as docs/rig-protocol.md sections 2-4 require. */
class SimFirmwareWireTest {
    private static String serve(String input) throws Exception {
        SimFirmware fw = new SimFirmware(new PlainLight(List.of("D65"), 2, Duration.ZERO));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fw.serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String line(int seq, String verb, String... args) {
        return new String(LineFrame.of(seq, verb, args).encode(), StandardCharsets.US_ASCII);
    }

    @Test
    void answersBadInputAsTheSpecSays() throws Exception {
        String in = line(1, "HELLO", "1")
                + "2 PING*00\n"                                   // wrong checksum, readable seq
                + "\u0000\u00ff garbage\n"                        // unreadable: no answer
                + "3 PING " + "x".repeat(2000) + "*00\n"          // longer than 1024 bytes
                + "\r\n"                                          // empty line: ignored
                + line(4, "PING").replace("\n", "\r\n")           // CRLF accepted
                + line(0, "PING");                                // seq 0 is for events only: no answer
        String expected = line(1, "OK", "1")
                + line(2, "ERR", "1", "BAD_CHECKSUM")
                + line(3, "ERR", "11", "LINE_TOO_LONG")
                + line(4, "OK");
        assertEquals(expected, serve(in));
    }

    @Test
    void everythingButHelloNeedsHelloFirst() throws Exception {
        assertEquals(line(7, "ERR", "6", "HELLO_REQUIRED") + line(8, "OK", "1") + line(9, "OK", "D65"),
                serve(line(7, "PRESETS") + line(8, "HELLO", "1") + line(9, "PRESETS")));
    }
}
