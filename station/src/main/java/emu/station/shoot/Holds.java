package emu.station.shoot;

import emu.station.bench.Devices;
import emu.station.files.DiskSpace;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the bench (not the operator) pauses the digital shoot for, and when that has cleared: a disk
 * short of space (resumes past the resume margin) or a camera that vanished (resumes when it answers).
 * Holds no state: which hold is on is the runner's, under its monitor; these are the checks and the
 * words, which need no lock.
 */
final class Holds {
    /** What the shoot is held for; NONE when the operator (or nothing) paused it. */
    enum Hold { NONE, DISK, CAMERA }

    private final DiskSpace disk;
    private final Path dataDir;
    private final Devices devices;

    Holds(DiskSpace disk, Path dataDir, Devices devices) {
        this.disk = disk;
        this.dataDir = dataDir;
        this.devices = devices;
    }

    /** Why the next step cannot be taken for lack of space, if it cannot. */
    Optional<String> shortage() {
        return disk.shortage();
    }

    /** Whether what held the shoot has cleared: free space past the resume margin, or a camera that answers. */
    boolean cleared(Hold h) {
        return h == Hold.DISK ? disk.shortageToResume().isEmpty() && DiskSpace.probe(dataDir) : cameraAnswers();
    }

    /** Whether the camera answers a cheap call again (a real camera's driver reconnects on it). */
    private boolean cameraAnswers() {
        try {
            devices.camera().storageInfo();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The status message while held (the UI's shoot line). */
    String pausedMessage(Hold h, String reason) {
        return h == Hold.DISK
                ? "paused: " + reason + " (goes on by itself at " + ((disk.minFreeBytes() + disk.resumeMarginBytes()) >> 20) + " MiB free)"
                : "paused: the camera is gone (" + reason + "); reconnect it and the shoot goes on by itself";
    }

    /** What cleared, for the log line that says the shoot goes on. */
    String clearedMessage(Hold h) {
        return h == Hold.DISK ? "space freed in " + dataDir : "the camera is back";
    }

    /** SQLite reports a full disk as SQLITE_FULL, or only later as a failed commit: a write probe decides. */
    static boolean diskFull(Exception e, Path dataDir) {
        return DiskSpace.isDiskFull(e) || !DiskSpace.probe(dataDir);
    }
}
