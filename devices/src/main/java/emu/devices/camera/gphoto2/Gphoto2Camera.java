package emu.devices.camera.gphoto2;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.FloatByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import emu.devices.camera.Camera;
import emu.devices.camera.CameraBusyException;
import emu.devices.camera.CameraDisconnectedException;
import emu.devices.camera.CameraException;
import emu.devices.camera.CameraInfo;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraOptions;
import emu.devices.camera.CameraSetting;
import emu.devices.camera.CameraSettingException;
import emu.devices.camera.CameraTimeoutException;
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
 */
public final class Gphoto2Camera implements Camera {
    private static final Logger LOG = LoggerFactory.getLogger(Gphoto2Camera.class);
    /** sizeof(CameraText), gphoto2-camera.h. */
    private static final int CAMERA_TEXT_SIZE = 32 * 1024;
    /** sizeof(CameraStorageInformation) and member offsets on LP64 (gphoto2-filesys.h). */
    private static final int SI_SIZE = 808, SI_BASEDIR = 4, SI_LABEL = 260, SI_DESCRIPTION = 516,
            SI_CAPACITY = 784, SI_FREE = 792, SI_FREE_IMAGES = 800;
    private static final int SI_LABEL_BIT = 1 << 1, SI_DESCRIPTION_BIT = 1 << 2, SI_CAPACITY_BIT = 1 << 6,
            SI_FREE_BIT = 1 << 7, SI_FREE_IMAGES_BIT = 1 << 8;
    /** CameraFileInfo on LP64: file.fields at 88, file.size at 96; GP_FILE_INFO_SIZE = 1 << 2. */
    private static final int FI_SIZE = 272, FI_FILE_FIELDS = 88, FI_FILE_SIZE = 96, FI_SIZE_BIT = 1 << 2;
    /** How long to keep listening for the second file of a RAW+JPEG pair after the first arrived. */
    private static final int PAIR_WAIT_MS = 500;
    private static final int GP_ERROR_BAD_PARAMETERS = -2;

    private final Gphoto2Runtime rt;
    private final LibGphoto2 lib;
    private final CameraOptions options;
    private final String model;
    private final String port;
    private final String device;
    private final RetryPolicy busyRetry;
    private final RetryPolicy ioRetry;
    /** The libgphoto2 Camera*, null while disconnected. */
    private Pointer cam;
    private boolean closed;

    private Gphoto2Camera(Gphoto2Runtime rt, CameraOptions options, String model, String port) {
        this.rt = rt;
        this.lib = rt.lib;
        this.options = options;
        this.model = model;
        this.port = port;
        this.device = model + " on " + port;
        this.busyRetry = new RetryPolicy(options.busyRetries(), options.busyBackoff());
        this.ioRetry = new RetryPolicy(options.ioRetries(), options.busyBackoff());
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
        c.connect();
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
        return op("reading the configuration", c -> {
            PointerByReference root = new PointerByReference();
            rt.check(lib.gp_camera_get_config(c, root, rt.context), device, "reading the configuration");
            try {
                List<CameraSetting> out = new ArrayList<>();
                walk(root.getValue(), "", out);
                return out;
            } finally {
                lib.gp_widget_free(root.getValue());
            }
        });
    }

    @Override
    public CameraSetting setting(String name) {
        for (String candidate : SettingNames.candidates(name)) {
            Optional<CameraSetting> s = op("reading setting '" + candidate + "'", c -> readSingle(c, candidate));
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
            PointerByReference w = new PointerByReference();
            rt.check(lib.gp_camera_get_single_config(c, s.name(), w, rt.context), device, "reading " + s.name());
            try {
                rt.check(lib.gp_widget_set_value(w.getValue(), encode(s.type(), value)), device,
                        "setting " + s.name() + " = " + value);
                rt.check(lib.gp_camera_set_single_config(c, s.name(), w.getValue(), rt.context), device,
                        "setting " + s.name() + " = " + value);
            } finally {
                lib.gp_widget_free(w.getValue());
            }
            return null;
        });
        String now = setting(s.name()).value();
        if (!sameValue(s.type(), now, value)) {
            throw new CameraSettingException(device, device + " reports " + s.name() + " = '" + now
                    + "' after it was set to '" + value + "' (the mode dial or a lens may prevent it)");
        }
        LOG.info("{}: {} = {}", device, s.name(), value);
    }

    @Override
    public List<StorageInfo> storageInfo() {
        return op("reading storage information", c -> {
            PointerByReference arr = new PointerByReference();
            IntByReference n = new IntByReference();
            rt.check(lib.gp_camera_get_storageinfo(c, arr, n, rt.context), device, "reading storage information");
            Pointer p = arr.getValue();
            try {
                List<StorageInfo> out = new ArrayList<>();
                for (int i = 0; i < n.getValue(); i++) {
                    Pointer s = p.share((long) i * SI_SIZE);
                    int f = s.getInt(0);
                    String desc = (f & SI_DESCRIPTION_BIT) != 0 ? s.getString(SI_DESCRIPTION)
                            : (f & SI_LABEL_BIT) != 0 ? s.getString(SI_LABEL) : "";
                    out.add(new StorageInfo(s.getString(SI_BASEDIR), desc,
                            (f & SI_CAPACITY_BIT) != 0 ? s.getLong(SI_CAPACITY) * 1024 : -1,
                            (f & SI_FREE_BIT) != 0 ? s.getLong(SI_FREE) * 1024 : -1,
                            (f & SI_FREE_IMAGES_BIT) != 0 ? s.getLong(SI_FREE_IMAGES) : -1));
                }
                return out;
            } finally {
                if (p != null) {
                    Native.free(Pointer.nativeValue(p));
                }
            }
        });
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
        List<String> cameraPaths = op("capturing", timeout, this::shoot);
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
    public synchronized void close() {
        if (!closed) {
            closed = true;
            drop();
        }
    }

    @Override
    public String toString() {
        return device;
    }

    /** Drops the session and connects again now (what the next call would do after a disconnect). */
    void reconnect() {
        drop();
        session();
    }

    // --- session -------------------------------------------------------------------------------

    private void connect() {
        cam = rt.call(device, "connecting", options.callTimeout(), this::connectNow);
        LOG.info("connected to {} through {}", device, rt.library());
        options.captureTarget().ifPresent(this::applyCaptureTarget);
    }

    /** Sets capturetarget to the camera's choice for {@code target}; a camera without the setting keeps its own. */
    private void applyCaptureTarget(CaptureTarget target) {
        Optional<CameraSetting> s = op("reading capturetarget", c -> readSingle(c, SettingNames.CAPTURE_TARGET));
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

    /** Abilities and port lookup, new, set_abilities (by value), set_port_info, init; on the library thread. */
    private Pointer connectNow() {
        LibGphoto2.CameraAbilities abilities = new LibGphoto2.CameraAbilities();
        PointerByReference ref = new PointerByReference();
        rt.check(lib.gp_abilities_list_new(ref), device, "allocating the abilities list");
        Pointer al = ref.getValue();
        try {
            rt.check(lib.gp_abilities_list_load(al, rt.context), device, "loading camera drivers");
            int i = lib.gp_abilities_list_lookup_model(al, model);
            if (i < 0) {
                throw new CameraNotFoundException(device, "libgphoto2 (" + rt.library() + ") knows no camera model '"
                        + model + "' (" + lib.gp_abilities_list_count(al) + " models loaded; is CAMLIBS right?)",
                        rt.autodetectNow(), null);
            }
            rt.check(lib.gp_abilities_list_get_abilities(al, i, abilities.getPointer()), device, "reading abilities");
            abilities.read();
        } finally {
            lib.gp_abilities_list_free(al);
        }
        rt.check(lib.gp_port_info_list_new(ref), device, "allocating the port list");
        Pointer pl = ref.getValue();
        try {
            rt.check(lib.gp_port_info_list_load(pl), device, "loading port drivers");
            int p = lib.gp_port_info_list_lookup_path(pl, port);
            if (p < 0) {
                throw new CameraNotFoundException(device, "no port '" + port + "' (" + lib.gp_port_info_list_count(pl)
                        + " ports known; USB ports look like usb:001,004)", rt.autodetectNow(), null);
            }
            PointerByReference info = new PointerByReference();
            rt.check(lib.gp_port_info_list_get_info(pl, p, info), device, "reading port info");
            rt.check(lib.gp_camera_new(ref), device, "allocating the camera");
            Pointer c = ref.getValue();
            boolean ok = false;
            try {
                rt.check(lib.gp_camera_set_abilities(c, abilities), device, "setting abilities");
                rt.check(lib.gp_camera_set_port_info(c, info.getValue()), device, "setting the port");
                int rc = lib.gp_camera_init(c, rt.context);
                // -105 unknown model, -52 no such USB device, -2 from the usb1 port driver for a USB path
                // with no device behind it: all mean nobody answered there.
                if (rc == Gphoto2Errors.GP_ERROR_MODEL_NOT_FOUND || rc == Gphoto2Errors.GP_ERROR_IO_USB_FIND
                        || rc == GP_ERROR_BAD_PARAMETERS) {
                    throw new CameraNotFoundException(device, "no " + model + " answered on " + port + " (libgphoto2 "
                            + rc + " '" + lib.gp_result_as_string(rc) + "')", rt.autodetectNow(), null);
                }
                rt.check(rc, device, "connecting");
                ok = true;
                return c;
            } finally {
                if (!ok) {
                    lib.gp_camera_free(c);
                }
            }
        } finally {
            lib.gp_port_info_list_free(pl);
        }
    }

    private synchronized Pointer session() {
        if (closed) {
            throw new IllegalStateException(device + " is closed");
        }
        if (cam == null) {
            LOG.warn("{}: reconnecting", device);
            connect();
        }
        return cam;
    }

    /** Exits and frees the session; errors only logged (the camera may be gone). */
    private synchronized void drop() {
        Pointer c = cam;
        cam = null;
        if (c == null) {
            return;
        }
        try {
            rt.call(device, "disconnecting", options.callTimeout(), () -> {
                try {
                    lib.gp_camera_exit(c, rt.context);
                } finally {
                    lib.gp_camera_free(c);
                }
                return null;
            });
        } catch (CameraException e) {
            LOG.warn("{}: disconnecting: {}", device, e.getMessage());
        }
    }

    private <T> T op(String what, Function<Pointer, T> body) {
        return op(what, options.callTimeout(), body);
    }

    /**
     * One step on the library thread: busy answers retried, a vanished camera's session dropped (the
     * next step reconnects), a hung call's session abandoned (its thread still holds it).
     */
    private <T> T op(String what, Duration timeout, Function<Pointer, T> body) {
        return busyRetry.run(what + " on " + device, CameraBusyException.class, () -> {
            Pointer c = session();
            try {
                return rt.call(device, what, timeout, () -> body.apply(c));
            } catch (CameraTimeoutException e) {
                synchronized (this) {
                    cam = null;
                }
                throw e;
            } catch (CameraDisconnectedException e) {
                drop();
                throw e;
            }
        });
    }

    // --- settings ------------------------------------------------------------------------------

    private void walk(Pointer w, String parent, List<CameraSetting> out) {
        IntByReference type = new IntByReference();
        rt.check(lib.gp_widget_get_type(w, type), device, "reading the configuration");
        String path = parent + "/" + str(w, lib::gp_widget_get_name);
        if (type.getValue() == LibGphoto2.GP_WIDGET_WINDOW || type.getValue() == LibGphoto2.GP_WIDGET_SECTION) {
            int n = lib.gp_widget_count_children(w);
            for (int i = 0; i < n; i++) {
                PointerByReference child = new PointerByReference();
                rt.check(lib.gp_widget_get_child(w, i, child), device, "reading the configuration");
                walk(child.getValue(), type.getValue() == LibGphoto2.GP_WIDGET_WINDOW ? "" : path, out);
            }
            return;
        }
        out.add(read(w, path, type.getValue()));
    }

    private Optional<CameraSetting> readSingle(Pointer c, String name) {
        PointerByReference w = new PointerByReference();
        int rc = lib.gp_camera_get_single_config(c, name, w, rt.context);
        if (rc == GP_ERROR_BAD_PARAMETERS || rc == Gphoto2Errors.GP_ERROR_NOT_SUPPORTED) {
            return Optional.empty();
        }
        rt.check(rc, device, "reading setting '" + name + "'");
        try {
            IntByReference type = new IntByReference();
            rt.check(lib.gp_widget_get_type(w.getValue(), type), device, "reading setting '" + name + "'");
            return Optional.of(read(w.getValue(), name, type.getValue()));
        } finally {
            lib.gp_widget_free(w.getValue());
        }
    }

    private CameraSetting read(Pointer w, String path, int gpType) {
        CameraSetting.Type type = switch (gpType) {
            case LibGphoto2.GP_WIDGET_TEXT -> CameraSetting.Type.TEXT;
            case LibGphoto2.GP_WIDGET_RANGE -> CameraSetting.Type.RANGE;
            case LibGphoto2.GP_WIDGET_TOGGLE -> CameraSetting.Type.TOGGLE;
            case LibGphoto2.GP_WIDGET_RADIO -> CameraSetting.Type.RADIO;
            case LibGphoto2.GP_WIDGET_MENU -> CameraSetting.Type.MENU;
            case LibGphoto2.GP_WIDGET_DATE -> CameraSetting.Type.DATE;
            default -> CameraSetting.Type.BUTTON;
        };
        IntByReference ro = new IntByReference();
        rt.check(lib.gp_widget_get_readonly(w, ro), device, "reading " + path);
        List<String> choices = new ArrayList<>();
        Optional<CameraSetting.Range> range = Optional.empty();
        String value = "";
        switch (type) {
            case TEXT, RADIO, MENU -> {
                PointerByReference v = new PointerByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = v.getValue() == null ? "" : v.getValue().getString(0, StandardCharsets.UTF_8.name());
                if (type != CameraSetting.Type.TEXT) {
                    int n = lib.gp_widget_count_choices(w);
                    for (int i = 0; i < n; i++) {
                        PointerByReference ch = new PointerByReference();
                        rt.check(lib.gp_widget_get_choice(w, i, ch), device, "reading " + path);
                        choices.add(ch.getValue().getString(0, StandardCharsets.UTF_8.name()));
                    }
                }
            }
            case RANGE -> {
                FloatByReference v = new FloatByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = formatFloat(v.getValue());
                FloatByReference min = new FloatByReference(), max = new FloatByReference(),
                        step = new FloatByReference();
                rt.check(lib.gp_widget_get_range(w, min, max, step), device, "reading " + path);
                range = Optional.of(new CameraSetting.Range(min.getValue(), max.getValue(), step.getValue()));
            }
            case TOGGLE, DATE -> {
                IntByReference v = new IntByReference();
                rt.check(lib.gp_widget_get_value(w, v.getPointer()), device, "reading " + path);
                value = Integer.toString(v.getValue());
            }
            case BUTTON -> { }
        }
        String name = str(w, lib::gp_widget_get_name);
        return new CameraSetting(name, str(w, lib::gp_widget_get_label), path.startsWith("/") ? path : name, type,
                value, choices, range, ro.getValue() != 0);
    }

    private interface StringGetter {
        int get(Pointer widget, PointerByReference out);
    }

    private String str(Pointer w, StringGetter getter) {
        PointerByReference p = new PointerByReference();
        rt.check(getter.get(w, p), device, "reading the configuration");
        return p.getValue() == null ? "" : p.getValue().getString(0, StandardCharsets.UTF_8.name());
    }

    private static Pointer encode(CameraSetting.Type type, String value) {
        return switch (type) {
            case RANGE -> {
                Memory m = new Memory(4);
                m.setFloat(0, Float.parseFloat(value));
                yield m;
            }
            case TOGGLE, DATE -> {
                Memory m = new Memory(4);
                m.setInt(0, Integer.parseInt(value));
                yield m;
            }
            default -> {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                Memory m = new Memory(b.length + 1L);
                m.write(0, b, 0, b.length);
                m.setByte(b.length, (byte) 0);
                yield m;
            }
        };
    }

    private static boolean sameValue(CameraSetting.Type type, String now, String wanted) {
        if (type == CameraSetting.Type.RANGE) {
            return Math.abs(Float.parseFloat(now) - Float.parseFloat(wanted)) < 1e-4;
        }
        return now.equals(wanted);
    }

    private static String formatFloat(float f) {
        return f == Math.rint(f) ? Integer.toString((int) f) : Float.toString(f);
    }

    /** A status value the camera may not have (serial number, firmware): empty when absent. */
    private String optionalValue(String name) {
        return op("reading setting '" + name + "'", c -> readSingle(c, name)).map(CameraSetting::value).orElse("");
    }

    // --- capture -------------------------------------------------------------------------------

    /** Sets {@code name} to {@code value} unless it already is; {@link #set} verifies the read-back. */
    private void hold(String name, String value) {
        CameraSetting s = setting(name);
        if (!sameValue(s.type(), s.value(), value)) {
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
     * Fires the shutter and collects the new files' camera paths: {@code gp_camera_capture} gives the
     * first; a RAW+JPEG pair's second arrives as a FILE_ADDED event. Cameras that cannot
     * {@code capture} are triggered and their FILE_ADDED events awaited until CAPTURE_COMPLETE.
     */
    private List<String> shoot(Pointer c) {
        List<String> paths = new ArrayList<>();
        LibGphoto2.CameraFilePath fp = new LibGphoto2.CameraFilePath();
        int rc = lib.gp_camera_capture(c, LibGphoto2.GP_CAPTURE_IMAGE, fp, rt.context);
        if (rc == Gphoto2Errors.GP_ERROR_NOT_SUPPORTED) {
            return triggerNow(c);
        }
        rt.check(rc, device, "capturing");
        paths.add(join(cstr(fp.folder), cstr(fp.name)));
        collectEvents(c, paths, PAIR_WAIT_MS, false);
        return paths;
    }

    /**
     * The shot as {@link #capture} takes it from a camera that cannot {@code gp_camera_capture}: the camera
     * paths of the new file(s). Package-private so the virtual camera, which can do both, tests this path.
     */
    List<String> triggerCapture() {
        return op("triggering the shutter", options.callTimeout(), this::triggerNow);
    }

    private List<String> triggerNow(Pointer c) {
        rt.check(lib.gp_camera_trigger_capture(c, rt.context), device, "triggering the shutter");
        List<String> paths = new ArrayList<>();
        // leave the watchdog a margin to report a camera that never says CAPTURE_COMPLETE
        collectEvents(c, paths, (int) (options.callTimeout().toMillis() * 3 / 4), true);
        if (paths.isEmpty()) {
            throw new CameraIoException(device, device + " reported no new file after the shutter was triggered");
        }
        return paths;
    }

    /**
     * Collects FILE_ADDED paths from the camera's events until one wait times out, the deadline passes
     * or, when {@code untilComplete}, CAPTURE_COMPLETE arrives after a file. Property-change events
     * (UNKNOWN) can come in a steady stream, hence the deadline.
     */
    private void collectEvents(Pointer c, List<String> paths, int windowMs, boolean untilComplete) {
        long deadline = System.nanoTime() + windowMs * 1_000_000L;
        for (long left = windowMs; left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
            IntByReference type = new IntByReference();
            PointerByReference data = new PointerByReference();
            rt.check(lib.gp_camera_wait_for_event(c, (int) left, type, data, rt.context), device,
                    "waiting for the camera");
            Pointer d = data.getValue();
            try {
                switch (type.getValue()) {
                    case LibGphoto2.GP_EVENT_FILE_ADDED -> {
                        LibGphoto2.CameraFilePath fp = new LibGphoto2.CameraFilePath(d);
                        String p = join(cstr(fp.folder), cstr(fp.name));
                        LOG.debug("{}: file added {}", device, p);
                        if (!paths.contains(p)) {
                            paths.add(p);
                        }
                    }
                    case LibGphoto2.GP_EVENT_TIMEOUT -> {
                        return;
                    }
                    case LibGphoto2.GP_EVENT_CAPTURE_COMPLETE -> {
                        if (untilComplete && !paths.isEmpty()) {
                            return;
                        }
                    }
                    default -> LOG.debug("{}: event {} {}", device, type.getValue(),
                            type.getValue() == LibGphoto2.GP_EVENT_UNKNOWN && d != null ? d.getString(0) : "");
                }
            } finally {
                if (d != null) {
                    Native.free(Pointer.nativeValue(d));
                }
            }
        }
    }

    /** The bytes of the camera file at {@code path}, checked against the size the camera lists. */
    byte[] download(String path) {
        String folder = folderOf(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return op("downloading " + path, c -> {
            Memory info = new Memory(FI_SIZE);
            info.clear();
            rt.check(lib.gp_camera_file_get_info(c, folder, name, info, rt.context), device, "reading " + path);
            long expected = (info.getInt(FI_FILE_FIELDS) & FI_SIZE_BIT) != 0 ? info.getLong(FI_FILE_SIZE) : -1;
            PointerByReference ref = new PointerByReference();
            rt.check(lib.gp_file_new(ref), device, "allocating a file");
            Pointer file = ref.getValue();
            try {
                rt.check(lib.gp_camera_file_get(c, folder, name, LibGphoto2.GP_FILE_TYPE_NORMAL, file, rt.context),
                        device, "downloading " + path);
                PointerByReference data = new PointerByReference();
                LongByReference size = new LongByReference();
                rt.check(lib.gp_file_get_data_and_size(file, data, size), device, "downloading " + path);
                if (expected >= 0 && size.getValue() != expected) {
                    throw new CameraIoException(device, "downloading " + path + " from " + device + " gave "
                            + size.getValue() + " bytes of " + expected);
                }
                return data.getValue().getByteArray(0, Math.toIntExact(size.getValue()));
            } finally {
                lib.gp_file_free(file);
            }
        });
    }

    private void delete(String path) {
        op("deleting " + path, c -> {
            int rc = lib.gp_camera_file_delete(c, folderOf(path), path.substring(path.lastIndexOf('/') + 1),
                    rt.context);
            // A RAM capture may be gone once downloaded: nothing left to delete is fine.
            if (rc != Gphoto2Errors.GP_ERROR_FILE_NOT_FOUND) {
                rt.check(rc, device, "deleting " + path);
            }
            return null;
        });
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String join(String folder, String name) {
        return (folder.endsWith("/") ? folder : folder + "/") + name;
    }

    private static String cstr(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
