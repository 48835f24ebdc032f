package emu.devices.rig;

import emu.devices.rig.dmx.EnttecProRig;
import emu.devices.rig.line.LineRig;
import emu.devices.rig.line.PlainLight;
import emu.devices.rig.line.SimFirmware;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rig drivers by name ({@code rig.driver} in config.toml): {@code sim} (the simulated
 * firmware in-process, with a {@link PlainLight}), {@code serial-line} (the line protocol over a
 * serial port) and {@code dmx-enttec} (a DMX fixture through an Enttec DMX USB Pro). Immutable;
 * {@link #with} gives a copy with one driver replaced, e.g. a {@code sim} with a spectral light.
 */
public final class RigDrivers {
    /** Opens a rig from settings. */
    @FunctionalInterface
    public interface Driver {
        IlluminantRig open(RigSettings settings) throws RigException;
    }

    /** Presets of the plain simulated light: the plan's usual illuminants. */
    public static final List<String> SIM_PRESETS = List.of("D65", "D50", "A", "FL11", "LED-B3");

    private final Map<String, Driver> drivers;

    private RigDrivers(Map<String, Driver> drivers) {
        this.drivers = Map.copyOf(drivers);
    }

    public static RigDrivers standard() {
        Map<String, Driver> m = new LinkedHashMap<>();
        m.put("sim", s -> new SimFirmware(new PlainLight(SIM_PRESETS, 4, Duration.ofMillis(300)))
                .connectInProcess("sim", lineOptions(s)));
        m.put("serial-line", s -> {
            String port = requirePort(s);
            String device = "serial-line:" + port;
            return LineRig.open(device, () -> SerialPortLink.open(device, port, s.baud()), lineOptions(s));
        });
        m.put("dmx-enttec", s -> {
            String port = requirePort(s);
            String device = "dmx-enttec:" + port;
            var fixture = s.fixture().orElseThrow(() -> new IllegalArgumentException(
                    "rig.driver = \"dmx-enttec\" needs [rig.dmx] bits and a [rig.dmx.fixtures.NAME] table per illuminant"));
            return EnttecProRig.open(device, () -> SerialPortLink.open(device, port, s.baud()), fixture, s.settle(), s.timeout());
        });
        return new RigDrivers(m);
    }

    /** A copy with {@code name} bound to {@code driver}. */
    public RigDrivers with(String name, Driver driver) {
        Map<String, Driver> m = new LinkedHashMap<>(drivers);
        m.put(name, driver);
        return new RigDrivers(m);
    }

    public Set<String> names() {
        return new TreeSet<>(drivers.keySet());
    }

    /**
     * Opens the rig the settings name.
     *
     * @throws IllegalArgumentException for an unknown driver or missing settings, naming the key
     */
    public IlluminantRig open(RigSettings settings) throws RigException {
        Driver d = drivers.get(settings.driver());
        if (d == null)
            throw new IllegalArgumentException("rig.driver = \"" + settings.driver() + "\" is not one of " + names());
        return d.open(settings);
    }

    /** Host-side line protocol timing from the settings. */
    public static LineRig.Options lineOptions(RigSettings s) {
        return LineRig.Options.defaults().withRequestTimeout(s.timeout()).withMinSettle(s.settle());
    }

    private static String requirePort(RigSettings s) {
        if (s.port().isBlank())
            throw new IllegalArgumentException("rig.port is missing: driver " + s.driver() + " needs a serial port, e.g. /dev/ttyACM0");
        return s.port();
    }
}
