package emu.devices.rig.dmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmxFixtureTest {
    @Test
    void mapsEightBitValuesToSixteenBitsAndBack() {
        DmxFixture f = EnttecProRigTest.fixture();
        assertArrayEquals(new int[] {65535, 0, 65535}, f.levels16("A"));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0xFF}, f.slots(f.levels16("A"), 1.0));
    }

    @Test
    void errorsNameTheConfigKey() {
        Map<String, List<Long>> ok = Map.of("D65", List.of(1L));
        assertEquals("rig.fixture.channels[0] = \"red\": write NAME:8 or NAME:16, e.g. \"red:16\"",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig("P", 1, List.of("red"), ok)).getMessage());
        assertEquals("rig.fixture: preset 'D65' channel red value 300 is outside 0..255",
                assertThrows(IllegalArgumentException.class,
                        () -> DmxFixture.fromConfig("P", 1, List.of("red:8"), Map.of("D65", List.of(300L)))).getMessage());
        assertEquals("rig.fixture: preset 'D65' has 1 values, the fixture has 2 channels",
                assertThrows(IllegalArgumentException.class,
                        () -> DmxFixture.fromConfig("P", 1, List.of("red:8", "blue:8"), ok)).getMessage());
        assertEquals("rig.fixture.presets is empty: name at least one illuminant",
                assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig("P", 1, List.of("red:8"), Map.of())).getMessage());
    }

    @Test
    void theFootprintMustFitTheUniverse() {
        List<String> sixteen = List.of("w:16");
        Map<String, List<Long>> p = Map.of("X", List.of(65535L));
        byte[] slots = DmxFixture.fromConfig("P", 511, sixteen, p).slots(new int[] {0xFF01}, 1.0);
        assertEquals(512, slots.length);
        assertEquals((byte) 0xFF, slots[510]);
        assertEquals((byte) 0x01, slots[511]);
        assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig("P", 512, sixteen, p));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 257; i++) many.add("c" + i + ":16");
        assertThrows(IllegalArgumentException.class, () -> DmxFixture.fromConfig("P", 1, many, Map.of()));
    }
}
