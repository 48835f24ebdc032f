package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraBusyException;
import emu.devices.camera.CameraClaimedException;
import emu.devices.camera.CameraDisconnectedException;
import emu.devices.camera.CameraException;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.CameraNotFoundException;
import org.junit.jupiter.api.Test;

/** Result codes a real camera gives (the virtual one cannot be made to): mapped from the numbers alone. */
class Gphoto2ErrorsTest {
    private static final String DEV = "Canon EOS 5D on usb:001,007";

    @Test
    void usbClaimNamesGvfsAndHowToStopIt() {
        CameraException e = Gphoto2Errors.toException(-53, DEV, "connecting", "Could not claim the USB device",
                "Could not claim interface 0 (Device or resource busy).");
        assertInstanceOf(CameraClaimedException.class, e);
        assertTrue(e.getMessage().startsWith("connecting on " + DEV + " failed (libgphoto2 -53"), e.getMessage());
        assertTrue(e.getMessage().contains("gvfs-gphoto2-volume-monitor"), e.getMessage());
        assertTrue(e.getMessage().contains("systemctl --user stop gvfs-gphoto2-volume-monitor"), e.getMessage());
        assertTrue(e.getMessage().contains("Could not claim interface 0"), e.getMessage());
        assertEquals(DEV, e.device());
    }

    @Test
    void kindsByCode() {
        assertInstanceOf(CameraBusyException.class, Gphoto2Errors.toException(-110, DEV, "capturing", "busy", "PTP Device Busy"));
        assertInstanceOf(CameraNotFoundException.class, Gphoto2Errors.toException(-105, DEV, "connecting", "x", ""));
        assertInstanceOf(CameraDisconnectedException.class, Gphoto2Errors.toException(-52, DEV, "connecting", "x", ""));
        for (int io : new int[] {-7, -10, -34, -35, -51}) {
            assertInstanceOf(CameraIoException.class, Gphoto2Errors.toException(io, DEV, "downloading", "x", ""));
        }
        CameraException other = Gphoto2Errors.toException(-6, DEV, "capturing", "Unsupported operation", "");
        assertEquals(CameraException.class, other.getClass());
        assertEquals("capturing on " + DEV + " failed (libgphoto2 -6 'Unsupported operation')", other.getMessage());
    }
}
