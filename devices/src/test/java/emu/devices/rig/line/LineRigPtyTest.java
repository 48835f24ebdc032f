package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigStatus;
import emu.devices.rig.RigTimeoutException;
import emu.devices.rig.SerialPortLink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host client over a real socat pty pair: the simulated firmware process, then a scripted peer. */
class LineRigPtyTest {
    @TempDir Path dir;
    private PtyBridge bridge;
    private Path host;
    private Path far;
    private Process firmware;
    private ScriptedPeer peer;
    private LineRig rig;

    @BeforeEach
    void ptys() throws IOException {
        host = dir.resolve("host");
        far = dir.resolve("far");
        bridge = PtyBridge.pair(host, far);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (rig != null) rig.close();
        } finally {
            bridge.close();
            if (peer != null) peer.close();
            if (firmware != null) {
                firmware.destroyForcibly();
                firmware.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private LineRig open(LineRig.Options options) throws Exception {
        String path = host.toString();
        rig = LineRig.open("serial-line:" + path, () -> SerialPortLink.open("serial-line:" + path, path, 115200), options);
        return rig;
    }

    @Test
    void drivesTheSimulatedFirmwareProcessOverThePty() throws Exception {
        firmware = new ProcessBuilder(FirmwareProcess.firmware("--port", far.toString(), "--presets", "D65,A,LED-B3",
                "--channels", "5", "--settle-ms", "200")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        open(LineRig.Options.defaults().withRequestTimeout(Duration.ofSeconds(5)).withMinSettle(Duration.ofMillis(100)));
        assertEquals(new RigIdentity("EMU-SIM-RIG", "1.0.0", 5, true, 1), rig.identify());
        assertEquals(List.of("D65", "A", "LED-B3"), rig.presets());
        rig.setOn(true);
        rig.setPreset("LED-B3");
        rig.awaitSettled(Duration.ofSeconds(5));
        RigStatus s = rig.status();
        assertTrue(s.ready());
        assertEquals(Optional.of("LED-B3"), s.preset());
        rig.setChannels(new int[] {1, 2, 3, 4, 65535});
        rig.pulseShutter(Duration.ofMillis(5));
        assertEquals(Optional.empty(), rig.status().preset());
    }

    @Test
    void discardsGarbageBadChecksumsOverlongLinesAndStaleReplies() throws Exception {
        peer = new ScriptedPeer(far, (req, p) -> {
            int seq = req.seq();
            p.raw("\u0000\u00ffnoise\n");                    // garbage
            p.raw(seq + " OK WRONG*00\n");                   // right seq, bad checksum
            p.raw("A".repeat(3000) + "\n");                  // longer than a line may be
            p.reply(seq - 1, "OK", "STALE");                 // a late reply to an earlier request
            p.raw("\r\n");                                   // an empty line
            p.reply(0, "READY");                             // an event in between
            p.reply(seq, "OK", "D65", "A");
        });
        open(LineRig.Options.defaults());
        assertEquals(List.of("D65", "A"), rig.presets());
        assertEquals(1, peer.requests.size(), "answered on the first try, no retry needed");
    }

    @Test
    void aPartialLineCostsOneRetry() throws Exception {
        peer = new ScriptedPeer(far, (req, p) -> {
            if (p.requests.size() == 1) p.raw(req.seq() + " OK D6");    // cut off: no checksum, no newline
            else p.reply(req.seq(), "OK", "D65", "A");
        });
        open(LineRig.Options.defaults().withRequestTimeout(Duration.ofMillis(300)));
        assertEquals(List.of("D65", "A"), rig.presets());
        // try 1: cut off; try 2: its reply is glued to the fragment and fails the checksum; try 3 is clean
        assertEquals(3, peer.requests.size());
        assertEquals(3, peer.requests.stream().mapToInt(LineFrame::seq).distinct().count(), "each try has its own seq");
    }

    @Test
    void aBadChecksumReportedByTheRigIsResent() throws Exception {
        peer = new ScriptedPeer(far, (req, p) -> {
            if (p.requests.size() == 1) p.reply(req.seq(), "ERR", "1", "BAD_CHECKSUM");
            else p.reply(req.seq(), "OK");
        });
        open(LineRig.Options.defaults());
        rig.setPreset("D65");
        assertEquals(2, peer.requests.size());
    }

    @Test
    void aRestartedRigAskingForHelloIsRenegotiatedAndTheRequestRepeated() throws Exception {
        peer = new ScriptedPeer(far, (req, p) -> {
            if (p.requests.size() == 1) p.reply(req.seq(), "ERR", "6", "HELLO_REQUIRED");
            else p.reply(req.seq(), "OK", "D65");
        });
        open(LineRig.Options.defaults());
        assertEquals(1, peer.hellos.get());
        assertEquals(List.of("D65"), rig.presets());
        assertEquals(2, peer.hellos.get());
        assertEquals(2, peer.requests.size());
    }

    @Test
    void everyRequestTimesOut() throws Exception {
        peer = new ScriptedPeer(far, (req, p) -> { });
        open(new LineRig.Options(Duration.ofMillis(200), 1, Duration.ZERO, Duration.ofMillis(250)));
        RigTimeoutException e = assertThrows(RigTimeoutException.class, () -> rig.presets());
        assertEquals("rig serial-line:" + host + ": no reply to 'PRESETS' within 200 ms (2 tries)", e.getMessage());
        assertEquals(2, peer.requests.size());
        // the shutter pulse is not idempotent: one try only
        assertThrows(RigTimeoutException.class, () -> rig.pulseShutter(Duration.ofMillis(10)));
        assertEquals(3, peer.requests.size());
    }
}
