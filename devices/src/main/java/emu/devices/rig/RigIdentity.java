package emu.devices.rig;

import java.util.Objects;

/**
 * What a rig says it is: model, firmware version, number of 16-bit channels, whether it has a
 * shutter-release output, and the protocol version agreed with it (0 where there is none, DMX).
 */
public record RigIdentity(String model, String firmware, int channels, boolean shutterRelease, int protocolVersion) {
    public RigIdentity {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
    }
}
