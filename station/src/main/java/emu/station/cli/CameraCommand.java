package emu.station.cli;

import emu.devices.camera.Camera;
import emu.devices.camera.CameraDriver;
import emu.devices.camera.CameraDrivers;
import emu.devices.camera.CameraInfo;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.CameraSetting;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CaptureTarget;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.DetectedCamera;
import emu.devices.camera.StorageInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code station camera detect | summary | config | capture}: the bench camera from the command line,
 * through the same {@link Camera} API the shoot runner uses. The options mirror the {@code [camera]}
 * table of config.toml (driver, model, port, library_path, capture_target, keep_on_camera).
 */
@Command(name = "camera", mixinStandardHelpOptions = true, description = "Camera detect, summary, config, capture.",
        subcommands = {CameraCommand.Detect.class, CameraCommand.Summary.class, CameraCommand.Config.class,
                CameraCommand.Capture.class})
final class CameraCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a camera command is required: detect, summary, config or capture");
    }

    /** Which camera and library; shared by every camera subcommand. */
    static final class Connection {
        @Option(names = "--driver", defaultValue = "gphoto2", description = "Camera driver (default: ${DEFAULT-VALUE}).")
        String driver;
        @Option(names = "--model", description = "Camera model as libgphoto2 names it, e.g. \"Nikon DSC D750\" "
                + "(with --port; both empty = auto-detect).")
        String model;
        @Option(names = "--port", description = "Port, e.g. usb:001,004 (see `station camera detect`).")
        String port;
        @Option(names = "--library-path", description = "libgphoto2.so.6, or the folder holding it (default: the system's).")
        Path libraryPath;
        @Option(names = "--timeout", defaultValue = "30", description = "Seconds one camera call may take (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        CameraOptions options(CommandLine cmd) {
            if (timeoutSeconds <= 0) {
                throw new CommandLine.ParameterException(cmd, "--timeout must be > 0 seconds, not " + timeoutSeconds);
            }
            try {
                return CameraOptions.defaults().withCamera(model, port).withLibraryPath(libraryPath)
                        .withCallTimeout(Duration.ofSeconds(timeoutSeconds));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }

        CameraDriver driver(CommandLine cmd) {
            try {
                return CameraDrivers.get(driver);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true, description = "List the cameras the driver sees.")
    static final class Detect implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Connection connection;

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            List<DetectedCamera> found = connection.driver(cmd).detect(connection.options(cmd));
            if (found.isEmpty()) {
                cmd.getErr().println("no camera detected: check the USB cable, that the camera is on and not asleep");
                return ExitCodes.FAILURE;
            }
            for (DetectedCamera c : found) {
                cmd.getOut().println(c.model() + "\t" + c.port());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true, description = "Model, serial, firmware, storage and the camera's own summary.")
    static final class Summary implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Connection connection;

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            PrintWriter out = cmd.getOut();
            try (Camera camera = connection.driver(cmd).open(connection.options(cmd))) {
                CameraInfo info = camera.describe();
                out.println("model:    " + info.model());
                out.println("port:     " + info.port());
                out.println("serial:   " + info.serial());
                out.println("firmware: " + info.firmware());
                for (StorageInfo s : camera.storageInfo()) {
                    out.printf("storage:  %s %s, %s free of %s%n", s.path(), s.description(), mib(s.freeBytes()),
                            mib(s.capacityBytes()));
                }
                if (!info.summary().isBlank()) {
                    out.println();
                    out.println(info.summary().strip());
                }
            }
            return ExitCodes.OK;
        }

        private static String mib(long bytes) {
            return bytes < 0 ? "?" : (bytes >> 20) + " MiB";
        }
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "List every setting (path, value, type, choices), or change some with --set.")
    static final class Config implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Connection connection;
        @Option(names = "--set", paramLabel = "NAME=VALUE",
                description = "Set a setting and print its new value; repeatable, applied in order.")
        List<String> assignments = new ArrayList<>();

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            List<String[]> sets = new ArrayList<>();
            for (String a : assignments) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.ParameterException(cmd, "--set takes NAME=VALUE, e.g. --set iso=100, not '" + a + "'");
                }
                sets.add(new String[] {a.substring(0, eq).strip(), a.substring(eq + 1)});
            }
            PrintWriter out = cmd.getOut();
            try (Camera camera = connection.driver(cmd).open(connection.options(cmd))) {
                if (sets.isEmpty()) {
                    for (CameraSetting s : camera.settings()) {
                        out.println(s.path() + " = " + s.value() + "  [" + s.type().name().toLowerCase()
                                + (s.readOnly() ? ", read-only" : "") + "]"
                                + (s.choices().isEmpty() ? "" : "  choices: " + String.join(" | ", s.choices()))
                                + s.range().map(r -> "  range: " + r.min() + ".." + r.max() + " step " + r.step()).orElse(""));
                    }
                    return ExitCodes.OK;
                }
                for (String[] kv : sets) {
                    camera.set(kv[0], kv[1]);
                    CameraSetting now = camera.setting(kv[0]);
                    out.println(now.name() + " = " + now.value());
                }
                return ExitCodes.OK;
            } catch (CameraSettingException e) {
                cmd.getErr().println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
    }

    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = "Take one picture at the current settings and download it (RAW+JPEG pairs both) into --out.")
    static final class Capture implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin Connection connection;
        @Option(names = "--out", required = true, description = "Folder for the file(s); created if missing.")
        Path out;
        @Option(names = "--name", description = "File name without extension (default: capture-<date>-<time>).")
        String name;
        @Option(names = "--capture-target", paramLabel = "ram|card",
                description = "Where the camera keeps the shot until download (default: as the camera is set).")
        String captureTarget;
        @Option(names = "--keep-on-camera", description = "Keep the file(s) on the camera after download.")
        boolean keepOnCamera;

        @Override
        public Integer call() {
            CommandLine cmd = spec.commandLine();
            String base = name != null ? name
                    : "capture-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            CaptureRequest request;
            try {
                request = CaptureRequest.asSet(out, base);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, "--name: " + e.getMessage());
            }
            CameraOptions options;
            try {
                options = connection.options(cmd).withCaptureTarget(
                        captureTarget == null ? null : CaptureTarget.fromKey(captureTarget), keepOnCamera);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, "--capture-target: " + e.getMessage());
            }
            try (Camera camera = connection.driver(cmd).open(options)) {
                CaptureResult r = camera.capture(request);
                for (CapturedFile f : r.files()) {
                    cmd.getOut().println(f.path() + "  " + f.size() + " bytes  sha256 " + f.sha256()
                            + "  (" + f.cameraPath() + (keepOnCamera ? ", kept on camera" : "") + ")");
                }
                r.shutterSpeed().ifPresent(s -> cmd.getOut().println("shutter speed: " + s.label()));
                return ExitCodes.OK;
            } catch (CameraSettingException e) {
                cmd.getErr().println("error: " + e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
    }
}
