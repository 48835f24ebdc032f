package emu.devices.camera;

import java.util.List;
import java.util.Optional;

/**
 * What one bracket step produced: the files (one, or a RAW+JPEG pair), the shutter speed used and
 * the exposure it achieved.
 *
 * @param files        downloaded files, RAW first when there is one
 * @param shutterSpeed the speed the camera reported for the shot; empty when it was not a timed speed
 * @param requestedEv  the EV the request asked for (0 unless relative)
 * @param achievedEv   the EV {@code shutterSpeed} gives relative to the request's base (0 unless relative)
 */
public record CaptureResult(List<CapturedFile> files, Optional<ShutterSpeed> shutterSpeed,
                            double requestedEv, double achievedEv) {
    public CaptureResult {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a capture result needs at least one file");
        }
    }

    /** The RAW file, if the camera shot one. */
    public Optional<CapturedFile> raw() {
        return files.stream().filter(f -> f.kind() == CapturedFile.Kind.RAW).findFirst();
    }

    /** The JPEG file, if the camera shot one. */
    public Optional<CapturedFile> jpeg() {
        return files.stream().filter(f -> f.kind() == CapturedFile.Kind.JPEG).findFirst();
    }
}
