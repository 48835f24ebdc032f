package emu.devices.camera;

import java.util.Objects;

/** A camera seen by detection: its model name and the port it sits on. */
public record DetectedCamera(String model, String port) {
    public DetectedCamera {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(port, "port");
    }

    @Override
    public String toString() {
        return model + " on " + port;
    }
}
