package emu.devices.rig.line;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@link SimFirmware} with a {@link PlainLight} as its own process, on the far end of a
 * serial line:
 * <pre>
 *   java -cp ... emu.devices.rig.line.SimFirmwareMain --link /tmp/rig [options]
 *   java -cp ... emu.devices.rig.line.SimFirmwareMain --port /tmp/rig.far [options]
 *   socat pty,raw,echo=0,link=/tmp/rig EXEC:'java -cp ... emu.devices.rig.line.SimFirmwareMain --stdio'
 * </pre>
 * {@code --link} starts socat itself and serves the new pty through socat's stdin/stdout: when
 * this process dies, however it dies, socat reads end-of-file and the pty vanishes, as a USB
 * serial device does when unplugged. {@code --stdio} is the same with socat as the parent.
 * {@code --port} opens one end of an existing socat pty pair with plain file streams (socat has
 * set it raw; a blocking read needs no polling); there the pty outlives this process, so the host
 * sees a dead firmware only as request timeouts.
 * Options: {@code --presets D65,D50,A,FL11,LED-B3} {@code --channels 4} {@code --settle-ms 300}
 * {@code --model NAME} {@code --fw VERSION} {@code --no-shutter} {@code --drive-delay-ms 0}.
 * Exits 0 when the line ends, 2 on bad arguments (with a message), 1 on an I/O error.
 */
public final class SimFirmwareMain {
    private SimFirmwareMain() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("sim-firmware: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        String port = null;
        String link = null;
        boolean stdio = false;
        List<String> presets = emu.devices.rig.RigDrivers.SIM_PRESETS;
        int channels = 4;
        long settleMs = 300;
        long driveDelayMs = 0;
        String model = "EMU-SIM-RIG";
        String fw = "1.0.0";
        boolean shutter = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = value(args, ++i, a);
                case "--link" -> link = value(args, ++i, a);
                case "--stdio" -> stdio = true;
                case "--presets" -> presets = Arrays.asList(value(args, ++i, a).split(","));
                case "--channels" -> channels = (int) number(value(args, ++i, a), a);
                case "--settle-ms" -> settleMs = number(value(args, ++i, a), a);
                case "--drive-delay-ms" -> driveDelayMs = number(value(args, ++i, a), a);
                case "--model" -> model = value(args, ++i, a);
                case "--fw" -> fw = value(args, ++i, a);
                case "--no-shutter" -> shutter = false;
                default -> throw new IllegalArgumentException("unknown option '" + a + "' (see the class doc for usage)");
            }
        }
        if ((port != null ? 1 : 0) + (link != null ? 1 : 0) + (stdio ? 1 : 0) != 1)
            throw new IllegalArgumentException("give exactly one of --link PATH, --port PATH and --stdio");
        SimFirmware firmware = new SimFirmware(new PlainLight(presets, channels, Duration.ofMillis(settleMs)),
                model, fw, shutter, Duration.ofMillis(driveDelayMs));
        try {
            if (stdio) {
                firmware.serve(System.in, System.out);
            } else if (link != null) {
                try (PtyBridge bridge = PtyBridge.stdio(Path.of(link))) {
                    System.err.println("sim-firmware: serving on " + link);
                    firmware.serve(bridge.process().getInputStream(), bridge.process().getOutputStream());
                }
            } else {
                try (InputStream in = new FileInputStream(port); OutputStream out = new FileOutputStream(port)) {
                    System.err.println("sim-firmware: serving on " + port);
                    firmware.serve(in, out);
                }
            }
            return 0;
        } catch (IOException e) {
            System.err.println("sim-firmware: line " + (port != null ? port : link != null ? link : "stdio") + " ended: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static long number(String s, String option) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a non-negative integer, got '" + s + "'");
        }
    }
}
