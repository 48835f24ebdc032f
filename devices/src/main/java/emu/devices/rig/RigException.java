package emu.devices.rig;

/**
 * Base of every rig error. The message always starts with the device ({@code rig <device>: ...})
 * so a log line or CLI error says which rig failed.
 */
public class RigException extends Exception {
    private final String device;
    private final String detail;

    public RigException(String device, String message) {
        this(device, message, null);
    }

    public RigException(String device, String message, Throwable cause) {
        super("rig " + device + ": " + message, cause);
        this.device = device;
        this.detail = message;
    }

    /** The message without the {@code rig <device>: } prefix, for wrapping in another rig error. */
    public String detail() {
        return detail;
    }

    /** The device named in the message. */
    public String device() {
        return device;
    }
}
