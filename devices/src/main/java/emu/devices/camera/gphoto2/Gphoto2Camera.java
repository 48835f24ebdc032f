package emu.devices.camera.gphoto2;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import emu.devices.camera.Camera;
import emu.devices.camera.CameraInfo;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.CameraSetting;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CaptureRequest;
import emu.devices.camera.CaptureTarget;
import emu.devices.camera.CaptureResult;
import emu.devices.camera.CapturedFile;
import emu.devices.camera.CapturedFiles;
import emu.devices.camera.DetectedCamera;
import emu.devices.camera.ExposureChoice;
import emu.devices.camera.Exposures;
import emu.devices.camera.SettingNames;
import emu.devices.camera.ShutterSpeed;
import emu.devices.camera.StorageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera driven by libgphoto2. Every library call goes through the runtime's watchdog thread; a
 * "device busy" answer is retried with backoff, a download that fails with an I/O error is retried,
 * and when the camera disappears (unplugged, hung) the session is dropped and the next call
 * reconnects to the same model and port. Every gp object is freed on every path.
 *
 * <p>This class is the {@link Camera} contract (describe, settings, capture with its exposure choice,
 * downloads retried, files kept or deleted); the session and its reconnection are
 * {@link Gphoto2Session}, the settings' widgets {@link Gphoto2Widgets}, the shot's events and the
 * camera's files and storage {@link Gphoto2Files}.
 */
public final class Gphoto2Camera implements Camera {
    private static final Logger LOG = LoggerFactory.getLogger(Gphoto2Camera.class);
    /** sizeof(CameraText), gphoto2-camera.h. */
    private static final int CAMERA_TEXT_SIZE = 32 * 1024;

    private final Gphoto2Runtime rt;
    private final LibGphoto2 lib;
    private final CameraOptions options;
    private final String model;
    private final String port;
    private final String device;
    private final RetryPolicy ioRetry;
    private final Gphoto2Session session;
    private final Gphoto2Widgets widgets;
    private final Gphoto2Files files;

    private Gphoto2Camera(Gphoto2Runtime rt, CameraOptions options, String model, String port) {
        this.rt = rt;
        this.lib = rt.lib;
        this.options = options;
        this.model = model;
        this.port = port;
        this.session = new Gphoto2Session(rt, model, port, options.callTimeout(),
                new RetryPolicy(options.busyRetries(), options.busyBackoff()));
        this.device = session.device();
        this.ioRetry = new RetryPolicy(options.ioRetries(), options.busyBackoff());
        this.widgets = new Gphoto2Widgets(rt, device);
        this.files = new Gphoto2Files(rt, device, options.callTimeout());
    }

    /**
     * Connects to the camera {@code options} names, or the only one auto-detected.
     *
     * @throws CameraNotFoundException listing the detected cameras when there is none or several
     */
    public static Gphoto2Camera open(Gphoto2Runtime rt, CameraOptions options) {
        String model;
        String port;
        if (options.model().isPresent()) {
            model = options.model().get();
            port = options.port().orElseThrow();
        } else {
            List<DetectedCamera> found = rt.autodetect(options.callTimeout());
            if (found.size() != 1) {
                throw new CameraNotFoundException(options.device(), found.isEmpty() ? "no camera to open"
                        : found.size() + " cameras detected, which to use is ambiguous", found, null);
            }
            model = found.get(0).model();
            port = found.get(0).port();
        }
        Gphoto2Camera c = new Gphoto2Camera(rt, options, model, port);
        c.session.connect(() -> options.captureTarget().ifPresent(c::applyCaptureTarget));
        return c;
    }

    @Override
    public CameraInfo describe() {
        String serial = optionalValue("serialnumber");
        String firmware = optionalValue("deviceversion");
        String summary = op("reading the summary", c -> {
            Memory text = new Memory(CAMERA_TEXT_SIZE);
            text.clear();
            int rc = lib.gp_camera_get_summary(c, text, rt.context);
            if (rc == Gphoto2Errors.GP_ERROR_NOT_SUPPORTED) {
                return "";
            }
            rt.check(rc, device, "reading the summary");
            return text.getString(0, StandardCharsets.UTF_8.name());
        });
        return new CameraInfo(model, port, serial, firmware, summary);
    }

    @Override
    public List<CameraSetting> settings() {
        return op("reading the configuration", widgets::all);
    }

    @Override
    public CameraSetting setting(String name) {
        for (String candidate : SettingNames.candidates(name)) {
            Optional<CameraSetting> s = op("reading setting '" + candidate + "'", c -> widgets.readSingle(c, candidate));
            if (s.isPresent()) {
                return s.get();
            }
        }
        List<String> known = settings().stream().map(CameraSetting::name).sorted().toList();
        throw new CameraSettingException(device, "no setting '" + name + "' on " + device + "; it has: "
                + String.join(", ", known));
    }

    @Override
    public void set(String name, String value) {
        CameraSetting s = setting(name);
        s.checkAccepts(device, value);
        op("setting " + s.name() + " = " + value, c -> {
            widgets.write(c, s, value);
            return null;
        });
        String now = setting(s.name()).value();
        if (!Gphoto2Widgets.sameValue(s.type(), now, value)) {
            throw new CameraSettingException(device, device + " reports " + s.name() + " = '" + now
                    + "' after it was set to '" + value + "' (the mode dial or a lens may prevent it)");
        }
        LOG.info("{}: {} = {}", device, s.name(), value);
    }

    @Override
    public List<StorageInfo> storageInfo() {
        return op("reading storage information", files::storage);
    }

    @Override
    public CaptureResult capture(CaptureRequest request) {
        for (Map.Entry<String, String> e : request.fixed().entrySet()) {
            hold(e.getKey(), e.getValue());
        }
        ExposureChoice choice = chooseExposure(request.exposure());
        Optional<ShutterSpeed> used = shutterSpeed();
        double seconds = used.map(ShutterSpeed::seconds).orElse(0.0);
        Duration timeout = options.callTimeout().plusMillis((long) (seconds * 1000));
        List<String> cameraPaths = op("capturing", timeout, files::shoot);
        List<CapturedFile> files = new ArrayList<>();
        for (String path : cameraPaths) {
            byte[] data = ioRetry.run("downloading " + path + " from " + device, CameraIoException.class,
                    () -> download(path));
            files.add(CapturedFiles.write(request.directory(), request.baseName(), path, data));
            if (!options.keepOnCamera()) {
                delete(path);
            }
        }
        files.sort(Comparator.comparing(f -> f.kind() != CapturedFile.Kind.RAW));
        LOG.info("{}: captured {} at {}", device, files.stream().map(f -> f.path().getFileName().toString())
                .collect(Collectors.joining(", ")), used.map(ShutterSpeed::label).orElse("?"));
        return new CaptureResult(files, used, choice == null ? 0 : choice.requestedEv(),
                choice == null ? 0 : choice.achievedEv());
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return device;
    }

    /** Drops the session and connects again now (what the next call would do after a disconnect). */
    void reconnect() {
        session.reconnect();
    }

    /** Sets capturetarget to the camera's choice for {@code target}; a camera without the setting keeps its own. */
    private void applyCaptureTarget(CaptureTarget target) {
        Optional<CameraSetting> s = op("reading capturetarget", c -> widgets.readSingle(c, SettingNames.CAPTURE_TARGET));
        if (s.isEmpty()) {
            LOG.warn("{} has no capturetarget setting; capture_target = {} is not applied", device, target.key());
            return;
        }
        String choice = target.choiceAmong(s.get().choices()).orElseThrow(() -> new CameraSettingException(device,
                device + " offers no capture target for '" + target.key() + "'; its choices: "
                        + String.join(", ", s.get().choices())));
        if (!choice.equals(s.get().value())) {
            set(SettingNames.CAPTURE_TARGET, choice);
        }
    }

    private <T> T op(String what, Function<Pointer, T> body) {
        return session.op(what, body);
    }

    private <T> T op(String what, Duration timeout, Function<Pointer, T> body) {
        return session.op(what, timeout, body);
    }

    /** A status value the camera may not have (serial number, firmware): empty when absent. */
    private String optionalValue(String name) {
        return op("reading setting '" + name + "'", c -> widgets.readSingle(c, name)).map(CameraSetting::value).orElse("");
    }

    /** Sets {@code name} to {@code value} unless it already is; {@link #set} verifies the read-back. */
    private void hold(String name, String value) {
        CameraSetting s = setting(name);
        if (!Gphoto2Widgets.sameValue(s.type(), s.value(), value)) {
            set(s.name(), value);
        }
    }

    private ExposureChoice chooseExposure(CaptureRequest.Exposure exposure) {
        if (exposure instanceof CaptureRequest.Exposure.Explicit e) {
            List<ShutterSpeed> speeds = shutterSpeeds();
            ShutterSpeed s = speeds.stream().filter(x -> x.label().equals(e.speed().label())).findFirst()
                    .or(() -> speeds.stream().filter(x -> x.seconds() == e.speed().seconds()).findFirst())
                    .orElseThrow(() -> new CameraSettingException(device, device + " offers no shutter speed "
                            + e.speed().label() + "; it offers " + speeds.stream().map(ShutterSpeed::label)
                            .collect(Collectors.joining(", "))));
            hold(SettingNames.SHUTTER_SPEED, s.label());
            return null;
        }
        if (exposure instanceof CaptureRequest.Exposure.Relative r) {
            ExposureChoice c = Exposures.nearestWithin(device, shutterSpeeds(), r.base(), r.ev(), r.toleranceEv());
            hold(SettingNames.SHUTTER_SPEED, c.speed().label());
            return c;
        }
        return null;
    }

    /**
     * The shot as {@link #capture} takes it from a camera that cannot {@code gp_camera_capture}: the camera
     * paths of the new file(s). Package-private so the virtual camera, which can do both, tests this path.
     */
    List<String> triggerCapture() {
        return op("triggering the shutter", options.callTimeout(), files::trigger);
    }

    /** The bytes of the camera file at {@code path}, checked against the size the camera lists. */
    byte[] download(String path) {
        return op("downloading " + path, c -> files.download(c, path));
    }

    private void delete(String path) {
        op("deleting " + path, c -> {
            files.delete(c, path);
            return null;
        });
    }
}
