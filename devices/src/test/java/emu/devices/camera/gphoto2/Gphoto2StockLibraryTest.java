package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraDriver;
import emu.devices.camera.CameraDrivers;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Debian's stock libgphoto2 (package libgphoto2-6, no virtual camera) with no camera attached, as on
 * CI. Runs in the default surefire JVM, never beside the vcamera build (two libgphoto2 builds cannot
 * share a process); a real camera plugged into the test machine would make it fail.
 */
class Gphoto2StockLibraryTest {
    static final Path STOCK = Path.of("/usr/lib/x86_64-linux-gnu/libgphoto2.so.6");

    private static CameraOptions stock() {
        assertTrue(Files.isRegularFile(STOCK), STOCK + " is missing: run scripts/install-test-deps.sh "
                + "(installs Debian's libgphoto2-6)");
        return CameraOptions.defaults().withLibraryPath(STOCK);
    }

    @Test
    void detectsNothingAndOpeningSaysSo() {
        CameraDriver gphoto2 = CameraDrivers.get("gphoto2");
        assertEquals(java.util.List.of(), gphoto2.detect(stock()));
        CameraNotFoundException e = assertThrows(CameraNotFoundException.class, () -> gphoto2.open(stock()));
        assertTrue(e.getMessage().startsWith("no camera to open; no camera detected: check the USB cable"),
                e.getMessage());
        assertEquals("auto-detected camera", e.device());
        assertEquals(java.util.List.of(), e.detected());
    }

    @Test
    void explicitModelAndPortWithNoCameraNamesBoth() {
        CameraNotFoundException e = assertThrows(CameraNotFoundException.class,
                () -> CameraDrivers.get("gphoto2").open(stock().withCamera("Nikon DSC D750", "usb:001,004")));
        assertTrue(e.getMessage().startsWith("no Nikon DSC D750 answered on usb:001,004"), e.getMessage());
        assertEquals("Nikon DSC D750 on usb:001,004", e.device());
        assertTrue(e.getMessage().contains("no camera detected"), e.getMessage());
    }

    @Test
    void unknownModelIsNamed() {
        CameraNotFoundException e = assertThrows(CameraNotFoundException.class,
                () -> CameraDrivers.get("gphoto2").open(stock().withCamera("Acme Photon 1", "usb:001,004")));
        assertTrue(e.getMessage().contains("knows no camera model 'Acme Photon 1'"), e.getMessage());
    }

    @Test
    void aSecondLibraryInTheSameProcessIsRefused() {
        Gphoto2Runtime.get(stock().libraryPath());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Gphoto2Runtime.get(java.util.Optional.of(Path.of("/opt/other/libgphoto2.so.6"))));
        assertTrue(e.getMessage().contains("already loaded from " + STOCK), e.getMessage());
    }
}
