package emu.devices.camera.gphoto2;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import emu.devices.camera.CameraBusyException;
import emu.devices.camera.CameraDisconnectedException;
import emu.devices.camera.CameraException;
import emu.devices.camera.CameraNotFoundException;
import emu.devices.camera.CameraTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's libgphoto2 session (its {@code Camera*}) and the way every step reaches it: through
 * {@link #op} on the runtime's watchdog thread, a "device busy" answer retried with backoff, a camera
 * that disappeared (unplugged, hung) dropping the session so the next step reconnects to the same
 * model and port. Connecting runs {@code onConnect} (the camera's capture target) each time.
 */
final class Gphoto2Session {
    private static final Logger LOG = LoggerFactory.getLogger(Gphoto2Session.class);

    private final Gphoto2Runtime rt;
    private final LibGphoto2 lib;
    private final String model;
    private final String port;
    private final String device;
    private final Duration callTimeout;
    private final RetryPolicy busyRetry;
    /** Run after every connection (the first and each reconnection), on the caller's thread. */
    private Runnable onConnect = () -> { };
    /** The libgphoto2 Camera*, null while disconnected. */
    private Pointer cam;
    private boolean closed;

    Gphoto2Session(Gphoto2Runtime rt, String model, String port, Duration callTimeout, RetryPolicy busyRetry) {
        this.rt = rt;
        this.lib = rt.lib;
        this.model = model;
        this.port = port;
        this.device = model + " on " + port;
        this.callTimeout = callTimeout;
        this.busyRetry = busyRetry;
    }

    String device() {
        return device;
    }

    /** Connects now, then runs {@code then}, and again after every reconnection. */
    void connect(Runnable then) {
        this.onConnect = then;
        connect();
    }

    private void connect() {
        cam = rt.call(device, "connecting", callTimeout, this::connectNow);
        LOG.info("connected to {} through {}", device, rt.library());
        onConnect.run();
    }

    /** Drops the session and connects again now (what the next call would do after a disconnect). */
    void reconnect() {
        drop();
        session();
    }

    /** Ends the session for good: later steps fail. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            drop();
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
                        || rc == Gphoto2Widgets.GP_ERROR_BAD_PARAMETERS) {
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
    synchronized void drop() {
        Pointer c = cam;
        cam = null;
        if (c == null) {
            return;
        }
        try {
            rt.call(device, "disconnecting", callTimeout, () -> {
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

    <T> T op(String what, Function<Pointer, T> body) {
        return op(what, callTimeout, body);
    }

    /**
     * One step on the library thread: busy answers retried, a vanished camera's session dropped (the
     * next step reconnects), a hung call's session abandoned (its thread still holds it).
     */
    <T> T op(String what, Duration timeout, Function<Pointer, T> body) {
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
}
