package emu.station.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.line.PlainLight;
import emu.devices.rig.line.PtyBridge;
import emu.devices.rig.line.SimFirmware;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `station rig ...` against the simulated firmware on the far end of a socat pty pair. */
class RigCommandTest {
    @TempDir Path dir;



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
            CliRun set = CliRun.of("rig", "set", "D65", "--port", host.toString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(0, set.exit(), set.err());
            assertTrue(set.out().contains("settled: D65"), set.out());
            assertTrue(ms >= 800, "returned after " + ms + " ms, before the firmware's 800 ms settle time");

            CliRun status = CliRun.of("rig", "status", "--port", host.toString());
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("ready:        yes"), status.out());
            assertTrue(status.out().contains("preset:       D65"), status.out());

            CliRun unknown = CliRun.of("rig", "set", "F11", "--port", host.toString());
            assertEquals(1, unknown.exit());
            assertEquals("error: rig serial-line:" + host + ": unknown preset 'F11'; the rig has: D65, A", unknown.err().trim());
        } finally {
            bridge.close();
        }
    }

    @Test
    void identifyAndPresetsOnTheInProcessSimulator() {
        CliRun id = CliRun.of("rig", "identify", "--driver", "sim");
        assertEquals(0, id.exit(), id.err());
        assertTrue(id.out().contains("model:     EMU-SIM-RIG"), id.out());
        CliRun presets = CliRun.of("rig", "presets");
        assertEquals("D65\nD50\nA\nFL11\nLED-B3", presets.out().trim().replace("\r", ""));
    }

    @Test
    void badUsageExitsTwoNamingTheProblem() {
        CliRun driver = CliRun.of("rig", "status", "--driver", "usb-magic");
        assertEquals(2, driver.exit());
        assertTrue(driver.err().contains("rig.driver = \"usb-magic\" is not one of [dmx-enttec, serial-line, sim]"), driver.err());
        CliRun missing = CliRun.of("rig", "status", "--port", dir.resolve("nothing").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertEquals(2, CliRun.of("rig").exit());
    }
}
