package emu.devices.camera;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One file of a capture, downloaded and verified.
 *
 * @param path       where it was written (complete; written via temp file, fsync, rename)
 * @param cameraPath where it was on the camera, e.g. {@code /store_00010001/DCIM/100D750/DSC_0001.NEF}
 * @param kind       RAW, JPEG or other, by extension
 * @param size       bytes
 * @param sha256     lowercase hex SHA-256 of the content
 */
public record CapturedFile(Path path, String cameraPath, Kind kind, long size, String sha256) {

    /** What a capture file holds. */
    public enum Kind {
        RAW, JPEG, OTHER;

        private static final Set<String> RAW_EXT = Set.of("nef", "nrw", "cr2", "cr3", "crw", "arw", "srf", "sr2",
                "raf", "orf", "rw2", "rwl", "dng", "pef", "srw", "3fr", "fff", "iiq", "x3f", "erf", "mos", "mrw",
                "kdc", "dcr", "raw");

        /** The kind a camera file name's extension says. */
        public static Kind ofName(String name) {
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (ext.equals("jpg") || ext.equals("jpeg")) {
                return JPEG;
            }
            return RAW_EXT.contains(ext) ? RAW : OTHER;
        }
    }

    public CapturedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cameraPath, "cameraPath");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
    }
}
