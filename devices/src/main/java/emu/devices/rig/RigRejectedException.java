package emu.devices.rig;

import java.util.Optional;

/** The rig understood the request and refused it ({@code ERR <code>}), e.g. an unknown preset. */
public class RigRejectedException extends RigException {
    /** The protocol's error codes ({@code docs/rig-protocol.md}, "Error codes"). */
    public enum Code {
        BAD_CHECKSUM(1), BAD_SYNTAX(2), UNKNOWN_COMMAND(3), BAD_ARGUMENT(4), UNKNOWN_PRESET(5),
        HELLO_REQUIRED(6), VERSION_UNSUPPORTED(7), UNSUPPORTED(8), BUSY(9), FAULT(10), LINE_TOO_LONG(11);

        private final int number;

        Code(int number) {
            this.number = number;
        }

        /** The number sent on the wire. */
        public int number() {
            return number;
        }

        /** The code for a wire number; empty if unknown. */
        public static Optional<Code> of(int number) {
            for (Code c : values()) if (c.number == number) return Optional.of(c);
            return Optional.empty();
        }
    }

    private final Code code;

    public RigRejectedException(String device, Code code, String message) {
        super(device, message);
        this.code = code;
    }

    /** Why the rig refused. */
    public Code code() {
        return code;
    }
}
