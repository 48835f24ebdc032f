package emu.devices.camera.gphoto2;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import emu.devices.camera.CameraException;
import emu.devices.camera.DetectedCamera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded libgphoto2: the JNA binding, one {@code GPContext} whose error, status and message
 * callbacks go to the log, and the {@link Watchdog} thread every call runs on. One per process:
 * two libgphoto2 builds cannot share a process (same symbol names, one camlib registry), so asking
 * for a second, different library fails.
 */
public final class Gphoto2Runtime {
    /** The runtime library's soname: only Debian's {@code libgphoto2-6} package is needed, not {@code -dev}. */
    public static final String SONAME = "libgphoto2.so.6";
    private static final Logger LOG = LoggerFactory.getLogger("emu.devices.camera.gphoto2.libgphoto2");
    private static Gphoto2Runtime loaded;

    final LibGphoto2 lib;
    final Pointer context;
    private final String library;
    private final Watchdog watchdog = new Watchdog();
    // Strong references: libgphoto2 keeps only the native function pointers.
    private final LibGphoto2.ContextTextFunc onError;
    private final LibGphoto2.ContextTextFunc onStatus;
    private final LibGphoto2.ContextTextFunc onMessage;
    /** The last error text the context reported; read and cleared around each call on the library thread. */
    private volatile String lastError = "";

    private Gphoto2Runtime(String library) {
        this.library = library;
        this.lib = Native.load(library, LibGphoto2.class);
        this.onError = (ctx, text, data) -> {
            lastError = text == null ? "" : text;
            LOG.warn("{}", lastError.strip());
        };
        this.onStatus = (ctx, text, data) -> LOG.info("{}", text == null ? "" : text.strip());
        this.onMessage = (ctx, text, data) -> LOG.info("{}", text == null ? "" : text.strip());
        this.context = watchdog.call("libgphoto2", "creating the context", Duration.ofSeconds(10), () -> {
            Pointer c = lib.gp_context_new();
            lib.gp_context_set_error_func(c, onError, null);
            lib.gp_context_set_status_func(c, onStatus, null);
            lib.gp_context_set_message_func(c, onMessage, null);
            return c;
        });
        LOG.info("loaded {} (CAMLIBS={}, IOLIBS={})", library, System.getenv("CAMLIBS"), System.getenv("IOLIBS"));
    }

    /**
     * The process's runtime, loading libgphoto2 on first use.
     *
     * @param libraryPath the library file, or the folder holding {@value #SONAME}; empty = the system's
     *                    (JNA search path, {@code jna.library.path})
     * @throws CameraException if the library cannot be loaded, naming the path and the package to install
     * @throws IllegalStateException if a different libgphoto2 is already loaded in this process
     */
    public static synchronized Gphoto2Runtime get(Optional<Path> libraryPath) {
        String wanted = libraryPath.map(p -> Files.isDirectory(p) ? p.resolve(SONAME) : p)
                .map(p -> p.toAbsolutePath().normalize().toString()).orElse(SONAME);
        if (loaded != null) {
            if (!loaded.library.equals(wanted) && libraryPath.isPresent()) {
                throw new IllegalStateException("libgphoto2 is already loaded from " + loaded.library
                        + " in this process; " + wanted + " cannot be loaded beside it (two libgphoto2 builds "
                        + "share symbol names and one camlib registry): use one library_path per process");
            }
            return loaded;
        }
        if (libraryPath.isPresent() && !Files.isRegularFile(Path.of(wanted))) {
            throw new CameraException("libgphoto2", "no libgphoto2 at " + wanted
                    + " (library_path = " + libraryPath.get() + "): point it at the file or its folder");
        }
        try {
            loaded = new Gphoto2Runtime(wanted);
        } catch (UnsatisfiedLinkError e) {
            throw new CameraException("libgphoto2", "cannot load " + wanted + ": " + e.getMessage()
                    + "; install Debian's libgphoto2-6 package (apt-get install libgphoto2-6) or set "
                    + "[camera] library_path", e);
        }
        return loaded;
    }

    /** The library file or soname loaded. */
    public String library() {
        return library;
    }

    /** Runs {@code body} on the library thread under the watchdog, with the context's error text cleared first. */
    <T> T call(String device, String what, Duration timeout, Callable<T> body) {
        return watchdog.call(device, what, timeout, () -> {
            lastError = "";
            return body.call();
        });
    }

    /** Throws the matching {@link CameraException} unless {@code rc} is GP_OK or positive; returns {@code rc}. */
    int check(int rc, String device, String what) {
        if (rc < LibGphoto2.GP_OK) {
            String ctx = lastError;
            lastError = "";
            throw Gphoto2Errors.toException(rc, device, what, lib.gp_result_as_string(rc), ctx);
        }
        return rc;
    }

    /** The cameras {@code gp_camera_autodetect} sees. */
    public List<DetectedCamera> autodetect(Duration timeout) {
        return call("libgphoto2", "auto-detecting cameras", timeout, this::autodetectNow);
    }

    /** {@link #autodetect} on the library thread, for callers already there. */
    List<DetectedCamera> autodetectNow() {
        PointerByReference ref = new PointerByReference();
        check(lib.gp_list_new(ref), "libgphoto2", "allocating a list");
        Pointer list = ref.getValue();
        try {
            int n = check(lib.gp_camera_autodetect(list, context), "libgphoto2", "auto-detecting cameras");
            List<DetectedCamera> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                PointerByReference name = new PointerByReference();
                PointerByReference value = new PointerByReference();
                check(lib.gp_list_get_name(list, i, name), "libgphoto2", "reading the camera list");
                check(lib.gp_list_get_value(list, i, value), "libgphoto2", "reading the camera list");
                out.add(new DetectedCamera(name.getValue().getString(0), value.getValue().getString(0)));
            }
            return out;
        } finally {
            lib.gp_list_free(list);
        }
    }

    /** Watchdog threads abandoned to hung calls so far. */
    int abandonedThreads() {
        return watchdog.abandonedThreads();
    }
}
