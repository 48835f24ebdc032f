package emu.devices.rig;

import emu.devices.rig.dmx.DmxFixture;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and drive the rig: the {@code [rig]} table of {@code config.toml}.
 *
 * @param driver a {@link RigDrivers} name: {@code sim}, {@code serial-line}, {@code dmx-enttec}
 * @param port serial device or pty link (unused by {@code sim})
 * @param baud line speed; the line protocol fixes 115200, the Enttec widget ignores it
 * @param settle minimum settle time after every change ({@code settle_seconds})
 * @param shutterPulse shutter-release pulse length for film shots ({@code shutter_pulse_ms})
 * @param timeout wait for each reply from the rig
 * @param fixture the DMX fixture ({@code [rig.dmx]}, see {@link DmxFixture#fromConfig}), required by {@code dmx-enttec}
 */
public record RigSettings(String driver, String port, int baud, Duration settle, Duration shutterPulse,
                          Duration timeout, Optional<DmxFixture> fixture) {
    public static final int DEFAULT_BAUD = 115200;

    public RigSettings {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(fixture, "fixture");
        if (baud <= 0) throw new IllegalArgumentException("rig.baud must be positive, got " + baud);
        if (settle.isNegative()) throw new IllegalArgumentException("rig.settle_seconds must not be negative, got " + settle);
        long ms = shutterPulse.toMillis();
        if (ms < 1 || ms > 10000) throw new IllegalArgumentException("rig.shutter_pulse_ms must be 1..10000, got " + ms);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("rig timeout must be positive, got " + timeout);
    }

    /** The simulated rig, 115200 baud, no minimum settle, 100 ms shutter pulse, 1 s timeout. */
    public static RigSettings defaults() {
        return new RigSettings("sim", "", DEFAULT_BAUD, Duration.ZERO, Duration.ofMillis(100), Duration.ofSeconds(1), Optional.empty());
    }

    public RigSettings withDriver(String d) {
        return new RigSettings(d, port, baud, settle, shutterPulse, timeout, fixture);
    }

    public RigSettings withPort(String p) {
        return new RigSettings(driver, p, baud, settle, shutterPulse, timeout, fixture);
    }

    public RigSettings withBaud(int b) {
        return new RigSettings(driver, port, b, settle, shutterPulse, timeout, fixture);
    }

    public RigSettings withSettle(Duration s) {
        return new RigSettings(driver, port, baud, s, shutterPulse, timeout, fixture);
    }

    public RigSettings withFixture(DmxFixture f) {
        return new RigSettings(driver, port, baud, settle, shutterPulse, timeout, Optional.of(f));
    }
}
