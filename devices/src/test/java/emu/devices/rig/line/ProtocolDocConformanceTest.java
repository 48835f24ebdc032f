package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.RigFault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/rig-protocol.md and the simulated firmware agree: every wire line's checksum, every request -> reply example. */
class ProtocolDocConformanceTest {
    private static final Path DOC = Path.of("..", "docs", "rig-protocol.md");
    private static final Pattern WIRE = Pattern.compile("(?<![\\w`])(\\d{1,5} [A-Z][A-Za-z0-9_=.,+\\- ]*\\*[0-9A-F]{2})(?![0-9A-Za-z])");
    private static final Pattern EXAMPLE = Pattern.compile("^(\\d+ .*?\\*[0-9A-F]{2})\\s+->\\s+(\\d+ .*?\\*[0-9A-F]{2})", Pattern.MULTILINE);

    private static String doc() throws Exception {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    @Test
    void everyWireLineInTheSpecHasAValidChecksum() throws Exception {
        Matcher m = WIRE.matcher(doc());
        int n = 0;
        while (m.find()) {
            LineFrame.Parsed p = LineFrame.parse(m.group(1));
            assertTrue(p.frame().isPresent(), "doc line '" + m.group(1) + "': " + p.defect());
            n++;
        }
        assertTrue(n >= 40, "found only " + n + " wire lines in " + DOC);
    }

    @Test
    void theFirmwareAnswersEveryExampleAsTheSpecSays() throws Exception {
        Matcher m = EXAMPLE.matcher(doc());
        int n = 0;
        while (m.find()) {
            String request = m.group(1);
            String expected = m.group(2);
            PlainLight light = new PlainLight(List.of("D65", "D50", "A", "F11"), 4, Duration.ZERO);
            boolean shutter = !expected.contains("UNSUPPORTED SHUTTER");
            SimFirmware fw = new SimFirmware(light, "EMU-SIM-RIG", "1.0.0", shutter, Duration.ZERO);
            assertEquals("1 OK 1", fw.handle("1 HELLO 1*1E").toString());
            if (expected.contains("FAULT OVERTEMP")) light.setFault(RigFault.OVERTEMP, true);
            if (request.contains("STATUS")) continue; // temperature and hours depend on the light's history
            String reply = new String(fw.handle(request).encode(), StandardCharsets.US_ASCII).trim();
            assertEquals(expected, reply, "reply to '" + request + "'");
            n++;
        }
        assertTrue(n >= 13, "found only " + n + " examples in " + DOC);
    }
}
