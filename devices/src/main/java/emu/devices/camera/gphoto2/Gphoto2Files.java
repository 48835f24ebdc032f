package emu.devices.camera.gphoto2;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import emu.devices.camera.CameraIoException;
import emu.devices.camera.StorageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files on a camera: its storage (cards, capacity, free space), the new files a shot adds (the
 * path {@code gp_camera_capture} answers and the FILE_ADDED events after it, or a trigger's events
 * until CAPTURE_COMPLETE), their download checked against the size the camera lists, and their
 * deletion. Calls only, on the library thread inside {@link Gphoto2Session#op}; the struct offsets
 * are libgphoto2's on LP64.
 */
final class Gphoto2Files {
    private static final Logger LOG = LoggerFactory.getLogger(Gphoto2Files.class);
    /** sizeof(CameraStorageInformation) and member offsets on LP64 (gphoto2-filesys.h). */
    private static final int SI_SIZE = 808, SI_BASEDIR = 4, SI_LABEL = 260, SI_DESCRIPTION = 516,
            SI_CAPACITY = 784, SI_FREE = 792, SI_FREE_IMAGES = 800;
    private static final int SI_LABEL_BIT = 1 << 1, SI_DESCRIPTION_BIT = 1 << 2, SI_CAPACITY_BIT = 1 << 6,
            SI_FREE_BIT = 1 << 7, SI_FREE_IMAGES_BIT = 1 << 8;
    /** CameraFileInfo on LP64: file.fields at 88, file.size at 96; GP_FILE_INFO_SIZE = 1 << 2. */
    private static final int FI_SIZE = 272, FI_FILE_FIELDS = 88, FI_FILE_SIZE = 96, FI_SIZE_BIT = 1 << 2;
    /** How long to keep listening for the second file of a RAW+JPEG pair after the first arrived. */
    private static final int PAIR_WAIT_MS = 500;

    private final Gphoto2Runtime rt;
    private final LibGphoto2 lib;
    private final String device;
    private final Duration callTimeout;

    Gphoto2Files(Gphoto2Runtime rt, String device, Duration callTimeout) {
        this.rt = rt;
        this.lib = rt.lib;
        this.device = device;
        this.callTimeout = callTimeout;
    }

    /** The camera's storage units; sizes in bytes, -1 where the camera does not say. */
    List<StorageInfo> storage(Pointer c) {
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
    }

    /**
     * Fires the shutter and collects the new files' camera paths: {@code gp_camera_capture} gives the
     * first; a RAW+JPEG pair's second arrives as a FILE_ADDED event. Cameras that cannot
     * {@code capture} are triggered and their FILE_ADDED events awaited until CAPTURE_COMPLETE.
     */
    List<String> shoot(Pointer c) {
        List<String> paths = new ArrayList<>();
        LibGphoto2.CameraFilePath fp = new LibGphoto2.CameraFilePath();
        int rc = lib.gp_camera_capture(c, LibGphoto2.GP_CAPTURE_IMAGE, fp, rt.context);
        if (rc == Gphoto2Errors.GP_ERROR_NOT_SUPPORTED) {
            return trigger(c);
        }
        rt.check(rc, device, "capturing");
        paths.add(join(cstr(fp.folder), cstr(fp.name)));
        collectEvents(c, paths, PAIR_WAIT_MS, false);
        return paths;
    }

    /** Triggers the shutter (for cameras that cannot {@code gp_camera_capture}) and awaits the new files' paths. */
    List<String> trigger(Pointer c) {
        rt.check(lib.gp_camera_trigger_capture(c, rt.context), device, "triggering the shutter");
        List<String> paths = new ArrayList<>();
        // leave the watchdog a margin to report a camera that never says CAPTURE_COMPLETE
        collectEvents(c, paths, (int) (callTimeout.toMillis() * 3 / 4), true);
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
    byte[] download(Pointer c, String path) {
        String folder = folderOf(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
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
    }

    /** Deletes the camera file at {@code path}; one already gone is fine. */
    void delete(Pointer c, String path) {
        int rc = lib.gp_camera_file_delete(c, folderOf(path), path.substring(path.lastIndexOf('/') + 1),
                rt.context);
        // A RAM capture may be gone once downloaded: nothing left to delete is fine.
        if (rc != Gphoto2Errors.GP_ERROR_FILE_NOT_FOUND) {
            rt.check(rc, device, "deleting " + path);
        }
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
