package emu.devices.camera;

import java.util.Objects;

/**
 * The shutter speed chosen for a bracket step and how close it came.
 *
 * @param speed       the camera's speed to set
 * @param requestedEv exposure asked for, in stops relative to the base speed (+1 = twice the light)
 * @param achievedEv  exposure {@code speed} gives relative to the base speed
 */
public record ExposureChoice(ShutterSpeed speed, double requestedEv, double achievedEv) {
    public ExposureChoice {
        Objects.requireNonNull(speed, "speed");
    }

    /** {@code achieved - requested}, in stops. */
    public double errorEv() {
        return achievedEv - requestedEv;
    }
}
