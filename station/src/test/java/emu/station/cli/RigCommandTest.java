package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.line.PlainLight;
import emu.devices.rig.line.PtyBridge;
import emu.devices.rig.line.SimFirmware;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `station rig ...` against the simulated firmware on the far end of a socat pty pair. */
class RigCommandTest {
    @TempDir Path dir;

    private record Run(int code, String out, String err) {}

    private static Run station(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void setReturnsOnceTheRigReportsSettled() throws Exception {
        Path host = dir.resolve("rig");
        Path far = dir.resolve("rig.firmware");
        PtyBridge bridge = PtyBridge.pair(host, far);
        try (InputStream in = new FileInputStream(far.toFile());
             OutputStream out = new FileOutputStream(far.toFile())) {
            SimFirmware firmware = new SimFirmware(new PlainLight(List.of("D65", "A"), 4, Duration.ofMillis(800)));
            Thread t = new Thread(() -> {
                try {
                    firmware.serve(in, out);
                } catch (Exception e) {
                    // the pty closed at the end of the test
                }
            });
            t.setDaemon(true);
            t.start();

            long t0 = System.nanoTime();
            Run set = station("rig", "set", "D65", "--port", host.toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, set.code(), set.err());
            assertTrue(set.out().contains("settled: D65"), set.out());
            assertTrue(ms >= 800, "returned after " + ms + " ms, before the firmware's 800 ms settle time");

            Run status = station("rig", "status", "--port", host.toString());
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("ready:        yes"), status.out());
            assertTrue(status.out().contains("preset:       D65"), status.out());

            Run unknown = station("rig", "set", "F11", "--port", host.toString());
            assertEquals(1, unknown.code());
            assertEquals("error: rig serial-line:" + host + ": unknown preset 'F11'; the rig has: D65, A", unknown.err().trim());
        } finally {
            bridge.close();
        }
    }

    @Test
    void identifyAndPresetsOnTheInProcessSimulator() {
        Run id = station("rig", "identify", "--driver", "sim");
        assertEquals(0, id.code(), id.err());
        assertTrue(id.out().contains("model:     EMU-SIM-RIG"), id.out());
        Run presets = station("rig", "presets");
        assertEquals("D65\nD50\nA\nFL11\nLED-B3", presets.out().trim().replace("\r", ""));
    }

    @Test
    void badUsageExitsTwoNamingTheProblem() {
        Run driver = station("rig", "status", "--driver", "usb-magic");
        assertEquals(2, driver.code());
        assertTrue(driver.err().contains("rig.driver = \"usb-magic\" is not one of [dmx-enttec, serial-line, sim]"), driver.err());
        Run missing = station("rig", "status", "--port", dir.resolve("nothing").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(2, station("rig").code());
    }
}
