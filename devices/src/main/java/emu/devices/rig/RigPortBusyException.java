package emu.devices.rig;

/** Another process (or another rig object) has the serial port open; serial ports are exclusive. */
public class RigPortBusyException extends RigException {
    public RigPortBusyException(String device, String message) {
        super(device, message);
    }
}
