package emu.devices.rig.dmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fixture definitions: config shape, 8/16-bit slot mapping, errors naming the config key. */
class DmxFixtureTest {
    @Test
    void mapsEightBitValuesToSixteenBitsAndBack() {
        DmxFixture f = EnttecProRigTest.fixture();
        assertArrayEquals(new int[] {65535, 0, 65535}, f.levels16("A"));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xFF}, f.slots(f.levels16("A"), 1.0));
    }

    @Test
    void buildsFromTheConfigShapeWithUnnamedChannelsAtZero() {
        // [rig.dmx] bits = 16; [rig.dmx.fixtures.D65] channels = { 1 = 65535, 3 = 12000 }; [rig.dmx.fixtures.A] channels = { 5 = 258 }
        Map<String, Map<Integer, Integer>> config = new LinkedHashMap<>();
        config.put("D65", Map.of(1, 65535, 3, 12000));
        config.put("A", Map.of(5, 258));
        DmxFixture f = DmxFixture.fromConfig(16, config);
        assertEquals(List.of("D65", "A"), List.copyOf(f.presets().keySet()));
        assertEquals(3, f.channels().size());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x2E, (byte) 0xE0, 0, 0}, f.slots(f.levels16("D65"), 1.0));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2}, f.slots(f.levels16("A"), 1.0));
        DmxFixture eight = DmxFixture.fromConfig(8, Map.of("D50", Map.of(2, 128)));
        assertArrayEquals(new byte[] {0, (byte) 128}, eight.slots(eight.levels16("D50"), 1.0));
    }

    @Test
    void errorsNameTheConfigKey() {
        assertEquals("rig.dmx.fixtures.D65.channels.1 = 300 is outside 0..255 (rig.dmx.bits = 8)",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig(8, Map.of("D65", Map.of(1, 300)))).getMessage());
        assertEquals("rig.dmx: fixture DMX-16bit-2ch: channel ch2 overlaps another at slot 2",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig(16, Map.of("D65", Map.of(1, 5, 2, 5)))).getMessage());
        assertEquals("rig.dmx.fixtures: channel ch512 at slot 512 (16 bits) does not fit slots 1..512",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig(16, Map.of("D65", Map.of(512, 5)))).getMessage());
        assertEquals("rig.dmx.fixtures is empty: add a [rig.dmx.fixtures.NAME] table per illuminant",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig(16, Map.of())).getMessage());
        assertEquals("rig.dmx.bits must be 8 or 16, got 12",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig(12, Map.of("A", Map.of(1, 1)))).getMessage());
    }

    @Test
    void aSixteenBitChannelMayEndOnTheLastSlot() {
        DmxFixture f = DmxFixture.fromConfig(16, Map.of("X", Map.of(511, 0xFF01)));
        byte[] slots = f.slots(f.levels16("X"), 1.0);
        assertEquals(512, slots.length);
        assertEquals((byte) 0xFF, slots[510]);
        assertEquals((byte) 0x01, slots[511]);
    }
}
