package emu.station.cli;

import emu.devices.rig.IlluminantRig;
import emu.devices.rig.RigDrivers;
import emu.devices.rig.RigException;
import emu.devices.rig.RigIdentity;
import emu.devices.rig.RigSettings;
import emu.devices.rig.RigStatus;
import emu.devices.rig.line.PlainLight;
import emu.devices.rig.line.PtyBridge;
import emu.devices.rig.line.SimFirmware;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code station rig identify | presets | set NAME | status | sim-firmware}: the illuminant rig
 * from the command line (driver and port from options until config.toml is wired in).
 */
@Command(name = "rig", mixinStandardHelpOptions = true, description = "Illuminant rig identify, presets, set, status.",
        subcommands = {RigCommand.Identify.class, RigCommand.Presets.class, RigCommand.Set.class, RigCommand.Status.class,
                RigCommand.SimFirmwareCmd.class})
final class RigCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a rig command is required: identify, presets, set NAME, status or sim-firmware");
    }

    /** Where the rig is. */
    static final class Connection {
        @Option(names = "--driver", paramLabel = "NAME",
                description = "sim, serial-line or dmx-enttec (default: serial-line with --port, else sim)")
        String driver;

        @Option(names = "--port", paramLabel = "PATH", description = "serial port or pty link, e.g. /dev/ttyACM0 or /tmp/rig")
        String port;

        @Option(names = "--baud", defaultValue = "115200", description = "line speed (default: ${DEFAULT-VALUE})")
        int baud;

        @Option(names = "--settle", defaultValue = "0", paramLabel = "SECONDS",
                description = "minimum settle time after a change, on top of the rig's ready flag (default: ${DEFAULT-VALUE})")
        double settleSeconds;

        IlluminantRig open() throws RigException {
            if (!(settleSeconds >= 0)) throw new IllegalArgumentException("--settle must be >= 0 seconds, got " + settleSeconds);
            String d = driver != null ? driver : port != null ? "serial-line" : "sim";
            RigSettings s = RigSettings.defaults().withDriver(d).withPort(port == null ? "" : port).withBaud(baud)
                    .withSettle(Duration.ofMillis(Math.round(settleSeconds * 1000)));
            return RigDrivers.standard().open(s);
        }
    }

    @Command(name = "identify", mixinStandardHelpOptions = true, description = "Model, firmware, channels, shutter output.")
    static final class Identify implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws RigException {
            try (IlluminantRig rig = connection.open()) {
                RigIdentity id = rig.identify();
                PrintWriter out = spec.commandLine().getOut();
                out.println("device:    " + rig.device());
                out.println("model:     " + id.model());
                out.println("firmware:  " + id.firmware());
                out.println("channels:  " + id.channels());
                out.println("shutter:   " + (id.shutterRelease() ? "yes" : "no"));
                out.println("protocol:  " + (id.protocolVersion() == 0 ? "none (DMX)" : Integer.toString(id.protocolVersion())));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "presets", mixinStandardHelpOptions = true, description = "The rig's named illuminants, one a line.")
    static final class Presets implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws RigException {
            try (IlluminantRig rig = connection.open()) {
                rig.presets().forEach(spec.commandLine().getOut()::println);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Switch to a preset, turn the output on and return once the rig reports settled.")
    static final class Set implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "preset (illuminant) name, see `station rig presets`")
        String name;

        @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
                description = "give up if not settled by then (default: ${DEFAULT-VALUE})")
        double timeoutSeconds;

        @Override
        public Integer call() throws RigException {
            if (!(timeoutSeconds > 0)) throw new IllegalArgumentException("--timeout must be > 0 seconds, got " + timeoutSeconds);
            try (IlluminantRig rig = connection.open()) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("set " + name + " on " + rig.device() + "; waiting for the rig to settle");
                out.flush();
                long t0 = System.nanoTime();
                rig.light(name, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
                out.printf(Locale.ROOT, "settled: %s after %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Ready, output, preset, temperature, hours, faults.")
    static final class Status implements Callable<Integer> {
        @Mixin Connection connection;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws RigException {
            try (IlluminantRig rig = connection.open()) {
                RigStatus s = rig.status();
                PrintWriter out = spec.commandLine().getOut();
                out.println("device:       " + rig.device());
                out.println("ready:        " + (s.ready() ? "yes" : "no"));
                out.println("output:       " + (s.on() ? "on" : "off"));
                out.printf(Locale.ROOT, "intensity:    %.2f%%%n", s.intensity() * 100);
                out.println("preset:       " + s.preset().orElse("- (raw levels)"));
                out.println("temperature:  " + (Double.isNaN(s.temperatureC()) ? "n/a" : String.format(Locale.ROOT, "%.1f C", s.temperatureC())));
                out.println("hours:        " + (Double.isNaN(s.hours()) ? "n/a" : String.format(Locale.ROOT, "%.3f", s.hours())));
                out.println("faults:       " + (s.faults().isEmpty() ? "none" : s.faults().toString()));
                return s.faulted() ? ExitCodes.FAILURE : ExitCodes.OK;
            }
        }
    }

    @Command(name = "sim-firmware", mixinStandardHelpOptions = true,
            description = "Run the simulated rig firmware behind a fresh pty (socat) until interrupted, "
                    + "e.g. for `station rig set D65 --port /tmp/rig`.")
    static final class SimFirmwareCmd implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--link", required = true, paramLabel = "PATH", description = "pty link for the host side, e.g. /tmp/rig")
        Path link;

        @Option(names = "--presets", split = ",", paramLabel = "NAMES", description = "preset names (default: D65,D50,A,FL11,LED-B3)")
        List<String> presets = RigDrivers.SIM_PRESETS;

        @Option(names = "--channels", defaultValue = "4", description = "number of 16-bit channels (default: ${DEFAULT-VALUE})")
        int channels;

        @Option(names = "--settle-ms", defaultValue = "1500", description = "time to settle after a change (default: ${DEFAULT-VALUE})")
        long settleMs;

        @Override
        public Integer call() throws IOException {
            if (settleMs < 0) throw new IllegalArgumentException("--settle-ms must be >= 0, got " + settleMs);
            SimFirmware firmware = new SimFirmware(new PlainLight(presets, channels, Duration.ofMillis(settleMs)));
            PrintWriter out = spec.commandLine().getOut();
            // socat serves the pty from our pipes: if this process dies, even by SIGKILL, the pty goes too
            try (PtyBridge bridge = PtyBridge.stdio(link)) {
                Runtime.getRuntime().addShutdownHook(new Thread(bridge::close));
                out.println("simulated rig firmware on " + link + " (presets " + String.join(",", presets) + "); Ctrl-C to stop");
                out.flush();
                firmware.serve(bridge.process().getInputStream(), bridge.process().getOutputStream());
            }
            return ExitCodes.OK;
        }
    }
}
