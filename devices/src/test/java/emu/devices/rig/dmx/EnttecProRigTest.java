package emu.devices.rig.dmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigRejectedException;
import emu.devices.rig.SerialPortLink;
import emu.devices.rig.line.PtyBridge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DMX driver over a real socat pty, with a peer on the far end decoding every frame. */
class EnttecProRigTest {
    @TempDir Path dir;
    private PtyBridge bridge;
    private EnttecPeer peer;
    private EnttecProRig rig;

    /** Red and green 16-bit (coarse, fine) at slots 3-4 and 5-6, white 8-bit at slot 7. */
    static DmxFixture fixture() {
        Map<String, int[]> presets = new LinkedHashMap<>();
        presets.put("D65", new int[] {0x1234, 0xABCD, 200});
        presets.put("A", new int[] {65535, 0, 255});
        return new DmxFixture("Panel-RGW", List.of(new DmxFixture.Channel("red", 3, 16), new DmxFixture.Channel("green", 5, 16),
                new DmxFixture.Channel("white", 7, 8)), presets);
    }

    @BeforeEach
    void open() throws Exception {
        Path host = dir.resolve("host");
        Path far = dir.resolve("far");
        bridge = PtyBridge.pair(host, far);
        peer = new EnttecPeer(far);
        String device = "dmx-enttec:" + host;
        rig = EnttecProRig.open(device, () -> SerialPortLink.open(device, host.toString(), 115200), fixture(),
                Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    @AfterEach
    void close() throws Exception {
        try {
            if (rig != null) rig.close();
        } finally {
            bridge.close();
            peer.close();
        }
    }

    /** 0x7E, label 6, length 25 (start code + the 24-slot minimum), start code 0, slots, 0xE7. */
    private static byte[] dmxFrame(int... slots) {
        byte[] f = new byte[4 + 25 + 1];
        f[0] = 0x7E;
        f[1] = 6;
        f[2] = 25;
        f[3] = 0;
        f[4] = 0;
        for (int i = 0; i < slots.length; i++) f[5 + i] = (byte) slots[i];
        f[f.length - 1] = (byte) 0xE7;
        return f;
    }

    @Test
    void asksForSerialAndParametersThenIdentifies() throws Exception {
        assertArrayEquals(new byte[] {0x7E, 10, 0, 0, (byte) 0xE7}, peer.frames.get(0), "label 10: get serial number");
        assertArrayEquals(new byte[] {0x7E, 3, 2, 0, 0, 0, (byte) 0xE7}, peer.frames.get(1), "label 3: get parameters");
        assertEquals(new RigIdentity("Panel-RGW", "enttec-pro-1.68-sn12345678", 3, false, 0), rig.identify());
        assertEquals(List.of("D65", "A"), rig.presets());
    }

    @Test
    void sendsExactlyTheFixtureValuesForAPreset() throws Exception {
        rig.setOn(true);
        rig.setPreset("D65");
        rig.awaitSettled(Duration.ofSeconds(1));
        assertArrayEquals(dmxFrame(), peer.dmx(1), "on, but no preset yet");
        assertArrayEquals(dmxFrame(0, 0, 0x12, 0x34, 0xAB, 0xCD, 200), peer.dmx(2));
        rig.setIntensity(0.5);
        // 0x1234/2 = 0x091A; 0xABCD/2 = 21990.5 -> 21991 = 0x55E7; white 200*257/2 = 25700 -> 100 in 8 bits
        assertArrayEquals(dmxFrame(0, 0, 0x09, 0x1A, 0x55, 0xE7, 100), peer.dmx(3));
        rig.setOn(false);
        assertArrayEquals(dmxFrame(), peer.dmx(4));
        rig.setOn(true);
        rig.setIntensity(1.0);
        rig.setChannels(new int[] {1, 65535, 65535});
        assertArrayEquals(dmxFrame(0, 0, 0x00, 0x01, 0xFF, 0xFF, 0xFF), peer.dmx(7));
    }

    @Test
    void restoresTheLightAfterTheWidgetComesBack() throws Exception {
        rig.setOn(true);
        rig.setPreset("A");
        assertArrayEquals(dmxFrame(0, 0, 0xFF, 0xFF, 0, 0, 0xFF), peer.dmx(2));
        bridge.close();                       // the widget is unplugged: its pty vanishes
        peer.close();
        Path host = dir.resolve("host");
        bridge = PtyBridge.pair(host, dir.resolve("far"));
        peer = new EnttecPeer(dir.resolve("far"));
        // reconnect: serial number, parameters, then the last universe again, unasked
        assertArrayEquals(dmxFrame(0, 0, 0xFF, 0xFF, 0, 0, 0xFF), peer.dmx(1));
        assertEquals(10, peer.frames.get(0)[1]);
        assertEquals(3, peer.frames.get(1)[1]);
        assertEquals(java.util.Optional.of("A"), rig.status().preset());
    }

    @Test
    void skipsGarbageBeforeTheWidgetsReplies() throws Exception {
        peer.beforeEveryReply = new byte[] {0x00, 0x13, (byte) 0xE7, 0x7E, 3, (byte) 0xFF, (byte) 0xFF};
        assertEquals("enttec-pro-1.68-sn12345678", rig.identify().firmware());
        assertTrue(rig.status().faults().isEmpty());
    }

    @Test
    void unknownPresetAndShutterAreRefused() {
        RigRejectedException e = assertThrows(RigRejectedException.class, () -> rig.setPreset("F11"));
        assertEquals("rig dmx-enttec:" + dir.resolve("host") + ": unknown preset 'F11'; fixture Panel-RGW has: D65, A", e.getMessage());
        assertEquals(RigRejectedException.Code.UNSUPPORTED,
                assertThrows(RigRejectedException.class, () -> rig.pulseShutter(Duration.ofMillis(50))).code());
    }
}
