package emu.devices.camera.gphoto2;

import emu.devices.camera.CameraBusyException;
import emu.devices.camera.CameraClaimedException;
import emu.devices.camera.CameraDisconnectedException;
import emu.devices.camera.CameraException;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.CameraNotFoundException;
import java.util.List;

/**
 * libgphoto2 result codes (gphoto2-result.h, gphoto2-port-result.h) -> our exception types, with
 * messages that name the device and the remedy.
 */
final class Gphoto2Errors {
    static final int GP_ERROR_NOT_SUPPORTED = -6;
    static final int GP_ERROR_IO = -7;
    static final int GP_ERROR_TIMEOUT = -10;
    static final int GP_ERROR_IO_READ = -34;
    static final int GP_ERROR_IO_WRITE = -35;
    static final int GP_ERROR_IO_USB_CLEAR_HALT = -51;
    static final int GP_ERROR_IO_USB_FIND = -52;
    static final int GP_ERROR_IO_USB_CLAIM = -53;
    static final int GP_ERROR_MODEL_NOT_FOUND = -105;
    static final int GP_ERROR_FILE_NOT_FOUND = -108;
    /** What the ptp2 driver turns PTP response 0x2019 (Device Busy) into. */
    static final int GP_ERROR_CAMERA_BUSY = -110;

    private Gphoto2Errors() {}

    /**
     * The exception for result {@code rc} of {@code what} on {@code device}.
     *
     * @param libraryText libgphoto2's text for the code ({@code gp_result_as_string})
     * @param contextText the last error the context reported during the call, or empty
     */
    static CameraException toException(int rc, String device, String what, String libraryText, String contextText) {
        String detail = "libgphoto2 " + rc + " '" + libraryText + "'"
                + (contextText.isBlank() ? "" : ": " + contextText.strip());
        String msg = what + " on " + device + " failed (" + detail + ")";
        return switch (rc) {
            case GP_ERROR_CAMERA_BUSY -> new CameraBusyException(device, msg
                    + "; the camera stayed busy (PTP Device Busy 0x2019): it may be writing to its card or "
                    + "metering; wait and retry the step");
            case GP_ERROR_IO_USB_CLAIM -> new CameraClaimedException(device, msg
                    + "; another process holds the camera's USB interface. On a desktop it is usually GVfs's "
                    + "camera monitor: stop it with `systemctl --user stop gvfs-gphoto2-volume-monitor` "
                    + "(keep it off with `systemctl --user mask gvfs-gphoto2-volume-monitor`, or remove the "
                    + "gvfs-backends package), unmount the camera in the file manager, or find the holder "
                    + "with `lsof /dev/bus/usb/*/*`; then reconnect");
            case GP_ERROR_MODEL_NOT_FOUND -> new CameraNotFoundException(device, msg, List.of(), null);
            case GP_ERROR_IO_USB_FIND -> new CameraDisconnectedException(device, msg
                    + "; the camera is not on the USB bus (unplugged, switched off or asleep)");
            case GP_ERROR_IO, GP_ERROR_TIMEOUT, GP_ERROR_IO_READ, GP_ERROR_IO_WRITE, GP_ERROR_IO_USB_CLEAR_HALT ->
                    new CameraIoException(device, msg + "; check the USB cable and that the camera is awake");
            default -> new CameraException(device, msg);
        };
    }
}
