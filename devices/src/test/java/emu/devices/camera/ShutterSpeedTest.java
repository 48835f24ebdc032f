package emu.devices.camera;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShutterSpeedTest {
    @Test
    void parsesTheFormsDriversReport() {
        assertEquals(1.0 / 4000, ShutterSpeed.parse("1/4000").orElseThrow().seconds(), 1e-12);
        assertEquals(0.3, ShutterSpeed.parse("0.3").orElseThrow().seconds(), 1e-12);
        assertEquals(30, ShutterSpeed.parse("30").orElseThrow().seconds(), 1e-12);
        assertEquals(2.5, ShutterSpeed.parse("2.5s").orElseThrow().seconds(), 1e-12);
        assertEquals(1.0 / 125, ShutterSpeed.parse("1/125s").orElseThrow().seconds(), 1e-12);
        assertEquals(10.0 / 13, ShutterSpeed.parse("10/13").orElseThrow().seconds(), 1e-12);
        assertEquals("1/125s", ShutterSpeed.parse("1/125s").orElseThrow().label());
    }

    @Test
    void untimedSpeedsHaveNoDuration() {
        for (String s : new String[] {"Bulb", "bulb", "Time", "x 200", "Auto", "", "0", "1/0", "-1"}) {
            assertTrue(ShutterSpeed.parse(s).isEmpty(), s);
        }
        assertTrue(ShutterSpeed.parse(null).isEmpty());
    }

    @Test
    void parseAllSortsFastestFirstAndDropsUntimedAndDuplicates() {
        List<ShutterSpeed> all = ShutterSpeed.parseAll(List.of("30", "Bulb", "1/60", "1/4000", "0.5", "1/2"));
        assertEquals(List.of("1/4000", "1/60", "0.5", "30"), all.stream().map(ShutterSpeed::label).toList());
    }

    @Test
    void stopsAreLog2OfTheTimeRatio() {
        ShutterSpeed base = ShutterSpeed.parse("1/125").orElseThrow();
        assertEquals(1.0, ShutterSpeed.parse("1/60").orElseThrow().stopsFrom(base), 0.06);
        assertEquals(-2.0, ShutterSpeed.parse("1/500").orElseThrow().stopsFrom(base), 1e-12);
    }

    @Test
    void rejectsNonPositiveDurations() {
        assertThrows(IllegalArgumentException.class, () -> new ShutterSpeed("x", 0));
    }
}
