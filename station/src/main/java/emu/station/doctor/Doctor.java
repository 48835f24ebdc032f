package emu.station.doctor;

import emu.station.config.StationConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks, in the order a lab would fix them: data directory, free disk, camera, rig. Each
 * looks at what this process (its user and groups, as started) may do; none opens a device.
 */
public final class Doctor {
    /** Where Debian and the package put libgphoto2 and the camera udev rules. */
    static final List<Path> LIBGPHOTO2 = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libgphoto2.so.6"),
            Path.of("/usr/lib/aarch64-linux-gnu/libgphoto2.so.6"), Path.of("/usr/lib/libgphoto2.so.6"),
            Path.of("/usr/local/lib/libgphoto2.so.6"));
    static final Path CAMERA_RULES = Path.of("/lib/udev/rules.d/60-emu-station-cameras.rules");
    /** Debian's libgphoto2-6 ships the same generated rules (group plugdev) under this name. */
    static final Path DEBIAN_CAMERA_RULES = Path.of("/lib/udev/rules.d/60-libgphoto2-6.rules");
    private static final Pattern USB_PORT = Pattern.compile("usb:(\\d{3}),(\\d{3})");

    private final Groups me;

    public Doctor() {
        this(Groups.ofThisProcess());
    }

    Doctor(Groups me) {
        this.me = me;
    }

    public List<Check> run(StationConfig cfg, long minFreeBytes) {
        List<Check> out = new ArrayList<>();
        Path dir = cfg.station().dataDir();
        Check data = dataDir(dir);
        out.add(data);
        out.add(freeDisk(dir, minFreeBytes));
        out.addAll(camera(cfg.camera()));
        out.add(rig(cfg.rig()));
        out.add(candidates(cfg.training().candidates()));
        return out;
    }

    /**
     * A config that names no per-light candidate (the list shipped before issue 24 session 12, kept in a lab's own
     * config.toml) selects the nightly model among conditional fits only: 18.5% worse on the bench's held-out patches
     * than {@code station fit}'s default (bench/RESULTS.md, "the nightly training's candidates"). A warning, not a
     * failure: the config is valid and may be meant.
     */
    static Check candidates(List<String> specs) {
        String what = "training candidates";
        long perLight = specs.stream().filter(s -> emu.calibration.fit.Candidate.parse(s).perIlluminant()).count();
        if (perLight > 0) {
            return Check.ok(what, specs.size() + " specs, " + perLight + " fitted per light");
        }
        return Check.warn(what, "none of " + String.join(", ", specs) + " is fitted per light (illuminant=per), so"
                + " the nightly model is chosen among conditional fits only, well behind station fit's default",
                "use the [training] candidates list of the shipped config.toml (station fit's default set), or remove the key");
    }

    /** Writable: a file really created, synced and deleted there, as the station's writes would. */
    static Check dataDir(Path dir) {
        String what = "data directory " + dir;
        String fix = "sudo install -d -o " + Groups.userName() + " -m 0750 " + dir + "   (or set [station] data_dir)";
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor-", ".tmp");
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
                ch.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
            return Check.ok(what, "writable by " + Groups.userName());
        } catch (IOException | SecurityException e) {
            return Check.fail(what, "not writable by " + Groups.userName() + ": " + e, fix);
        }
    }

    static Check freeDisk(Path dir, long minFreeBytes) {
        String what = "free disk";
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Check.fail(what, "no existing folder above " + dir, "create the data directory first");
        }
        try {
            long free = Files.getFileStore(p).getUsableSpace();
            String detail = gib(free) + " free on " + Files.getFileStore(p) + " (want at least " + gib(minFreeBytes) + ")";
            return free >= minFreeBytes ? Check.ok(what, detail)
                    : Check.fail(what, detail, "free space there, or move [station] data_dir to a larger disk"
                    + " (a 36-frame roll of 24 MP TIFF scans is ~5 GB)");
        } catch (IOException e) {
            return Check.fail(what, "cannot read the file system of " + p + ": " + e.getMessage(), "check the mount");
        }
    }

    List<Check> camera(StationConfig.Camera c) {
        if (c.driver() == StationConfig.CameraDriver.SIM) {
            return List.of(Check.ok("camera", "sim driver: nothing to reach"));
        }
        List<Check> out = new ArrayList<>();
        Optional<Path> lib = c.libraryPath().or(() -> LIBGPHOTO2.stream().filter(Files::isReadable).findFirst());
        if (lib.isPresent() && Files.isReadable(lib.get())) {
            out.add(Check.ok("libgphoto2", lib.get().toString()));
        } else {
            out.add(Check.fail("libgphoto2", lib.map(p -> p + " is not readable").orElse("libgphoto2.so.6 not found"),
                    "sudo apt-get install libgphoto2-6   (or set [camera] library_path)"));
        }
        Matcher m = USB_PORT.matcher(c.port());
        if (m.matches()) {
            out.add(deviceNode("camera " + c.port(), Path.of("/dev/bus/usb", m.group(1), m.group(2)), "plugdev",
                    "plug the camera in and switch it on; `station camera detect` shows its current port"));
        } else if (me.root()) {
            out.add(Check.ok("camera USB access", "running as root: every USB device is reachable"));
        } else if (!me.in("plugdev")) {
            out.add(Check.fail("camera USB access", Groups.userName() + " is not in group plugdev",
                    "sudo usermod -aG plugdev " + Groups.userName() + ", then restart the service (or log in again)"));
        } else {
            out.add(Check.ok("camera USB access", Groups.userName() + " is in group plugdev"));
        }
        if (!me.root() && !Files.exists(CAMERA_RULES) && !Files.exists(DEBIAN_CAMERA_RULES)) {
            out.add(Check.warn("camera udev rules", "neither " + CAMERA_RULES + " nor " + DEBIAN_CAMERA_RULES
                    + ": cameras are root-only unless other rules give them to plugdev",
                    "install the emu-station package, or: /usr/lib/libgphoto2/print-camera-list udev-rules version 201"
                    + " group plugdev mode 0660 | sudo tee " + CAMERA_RULES + " && sudo udevadm trigger"));
        }
        return out;
    }

    Check rig(StationConfig.Rig r) {
        if (r.driver() == StationConfig.RigDriver.SIM) {
            return Check.ok("rig", "sim driver: nothing to reach");
        }
        return deviceNode("rig port " + r.port(), Path.of(r.port()), "dialout",
                "connect the rig; `ls -l /dev/serial/by-id/` names its port; set [rig] port");
    }

    /** A device node this process must open read-write; when it cannot, names the group that can. */
    Check deviceNode(String what, Path node, String usualGroup, String fixMissing) {
        if (!Files.exists(node)) {
            return Check.fail(what, node + " does not exist", fixMissing);
        }
        if (Files.isReadable(node) && Files.isWritable(node)) {
            return Check.ok(what, node + " readable and writable by " + Groups.userName());
        }
        String group = usualGroup;
        try {
            group = Files.readAttributes(node, PosixFileAttributes.class).group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            // keep the usual group's name
        }
        return Check.fail(what, node + " is not readable and writable by " + Groups.userName() + " (group " + group + ")",
                "sudo usermod -aG " + group + " " + Groups.userName() + ", then restart the service (or log in again)");
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
