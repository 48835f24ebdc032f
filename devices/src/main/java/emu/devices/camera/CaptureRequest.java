package emu.devices.camera;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One bracket step to shoot: where the files go, their base name, the exposure, and the settings
 * that must hold (aperture, ISO, ...) which the camera sets if needed and verifies before the shot.
 *
 * @param directory  target folder (created if missing); files are {@code baseName + "." + ext}
 * @param baseName   file name without extension: letters, digits, {@code . _ -}
 * @param exposure   how to choose the shutter speed
 * @param fixed      setting name -> value to hold for the shot, in order of application
 */
public record CaptureRequest(Path directory, String baseName, Exposure exposure, Map<String, String> fixed) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** How the shutter speed of a step is chosen. */
    public sealed interface Exposure {
        /** Whatever the camera is set to. */
        record AsSet() implements Exposure {}

        /** This speed exactly (must be one the camera offers). */
        record Explicit(ShutterSpeed speed) implements Exposure {
            public Explicit {
                Objects.requireNonNull(speed, "speed");
            }
        }

        /** The camera's nearest speed to {@code ev} stops from {@code base}, within {@code toleranceEv}. */
        record Relative(ShutterSpeed base, double ev, double toleranceEv) implements Exposure {
            public Relative {
                Objects.requireNonNull(base, "base");
                if (!Double.isFinite(ev) || !(toleranceEv >= 0)) {
                    throw new IllegalArgumentException("relative exposure needs finite ev and tolerance >= 0, got "
                            + ev + ", " + toleranceEv);
                }
            }
        }
    }

    public CaptureRequest {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(exposure, "exposure");
        if (baseName == null || !NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("capture base name '" + baseName
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        fixed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    }

    /** A step at whatever the camera is set to. */
    public static CaptureRequest asSet(Path directory, String baseName) {
        return new CaptureRequest(directory, baseName, new Exposure.AsSet(), Map.of());
    }

    /** A step {@code ev} stops from {@code base}, refusing a speed more than 1/2 stop off. */
    public static CaptureRequest relative(Path directory, String baseName, ShutterSpeed base, double ev) {
        return new CaptureRequest(directory, baseName, new Exposure.Relative(base, ev, 0.5), Map.of());
    }

    /** The same request holding {@code name = value} too. */
    public CaptureRequest holding(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(fixed);
        m.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new CaptureRequest(directory, baseName, exposure, m);
    }

    /** The requested EV, empty unless relative. */
    public Optional<Double> requestedEv() {
        return exposure instanceof Exposure.Relative r ? Optional.of(r.ev()) : Optional.empty();
    }
}
