package emu.devices.camera;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExposuresTest {
    /** A 1/3-stop scale as Nikon bodies list it. */
    private static final List<ShutterSpeed> THIRDS = ShutterSpeed.parseAll(List.of(
            "1/1000", "1/800", "1/640", "1/500", "1/400", "1/320", "1/250", "1/200", "1/160", "1/125", "1/100",
            "1/80", "1/60", "1/50", "1/40", "1/30", "1/25", "1/20", "1/15"));
    private static final ShutterSpeed BASE = ShutterSpeed.parse("1/125").orElseThrow();

    @Test
    void wholeStopsLandOnTheNominalSpeeds() {
        assertEquals("1/125", Exposures.nearest("cam", THIRDS, BASE, 0).speed().label());
        assertEquals("1/60", Exposures.nearest("cam", THIRDS, BASE, 1).speed().label());
        assertEquals("1/30", Exposures.nearest("cam", THIRDS, BASE, 2).speed().label());
        assertEquals("1/250", Exposures.nearest("cam", THIRDS, BASE, -1).speed().label());
        assertEquals("1/500", Exposures.nearest("cam", THIRDS, BASE, -2).speed().label());
    }

    @Test
    void reportsTheEvActuallyAchieved() {
        ExposureChoice c = Exposures.nearest("cam", THIRDS, BASE, 1);
        assertEquals(1, c.requestedEv());
        // 1/60 is nominally +1 EV from 1/125 but really log2(125/60) = 1.059
        assertEquals(Math.log(125.0 / 60) / Math.log(2), c.achievedEv(), 1e-12);
        assertEquals(c.achievedEv() - 1, c.errorEv(), 1e-12);
    }

    @Test
    void nearestIsMeasuredInStopsNotSeconds() {
        List<ShutterSpeed> two = ShutterSpeed.parseAll(List.of("1/100", "1/25"));
        // +1 EV from 1/100 wants 1/50: 1 stop from 1/100, 1 stop from 1/25 -> tie -> the shorter
        assertEquals("1/100", Exposures.nearest("cam", two, ShutterSpeed.parse("1/100").orElseThrow(), 1)
                .speed().label());
        // +1.2 EV: 0.8 stop from 1/25, 1.2 from 1/100 (in seconds 1/100 would be nearer to 0.023 s)
        assertEquals("1/25", Exposures.nearest("cam", two, ShutterSpeed.parse("1/100").orElseThrow(), 1.2)
                .speed().label());
    }

    @Test
    void outOfRangeClampsOrFailsWithTolerance() {
        assertEquals("1/15", Exposures.nearest("cam", THIRDS, BASE, 6).speed().label());
        CameraSettingException e = assertThrows(CameraSettingException.class,
                () -> Exposures.nearestWithin("Nikon D750 on usb:1", THIRDS, BASE, 6, 0.5));
        assertTrue(e.getMessage().contains("Nikon D750 on usb:1"), e.getMessage());
        assertTrue(e.getMessage().contains("1/1000..1/15"), e.getMessage());
        assertEquals("Nikon D750 on usb:1", e.device());
    }

    @Test
    void noTimedSpeedIsAnError() {
        assertThrows(CameraSettingException.class, () -> Exposures.nearest("cam", List.of(), BASE, 0));
        assertThrows(IllegalArgumentException.class, () -> Exposures.nearest("cam", THIRDS, BASE, Double.NaN));
    }
}
