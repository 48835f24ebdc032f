package emu.devices.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a camera; mirrors the {@code [camera]} table of {@code config.toml}
 * ({@code driver, model, port, library_path, capture_target, keep_on_camera}) plus the robustness knobs.
 *
 * @param model         driver model name ({@code Nikon DSC D750}); empty = auto-detect (with {@code port})
 * @param port          port ({@code usb:001,004}); empty = auto-detect
 * @param libraryPath   libgphoto2 shared library file or the folder holding {@code libgphoto2.so.6};
 *                      empty = the system's (JNA's search, {@code jna.library.path})
 * @param captureTarget where the camera keeps shots until download, set when connecting; empty = leave as set
 * @param keepOnCamera  keep captured files on the camera after download (else delete them)
 * @param callTimeout   watchdog for one library call; a call that takes longer fails the step
 * @param busyRetries   retries of a call the camera answers "device busy" (PTP 0x2019)
 * @param busyBackoff   first wait before such a retry; doubled each time
 * @param ioRetries     retries of a download that failed with an I/O error
 */
public record CameraOptions(Optional<String> model, Optional<String> port, Optional<Path> libraryPath,
                            Optional<CaptureTarget> captureTarget, boolean keepOnCamera, Duration callTimeout,
                            int busyRetries, Duration busyBackoff, int ioRetries) {
    public CameraOptions {
        model = blankToEmpty(model);
        port = blankToEmpty(port);
        Objects.requireNonNull(libraryPath, "libraryPath");
        Objects.requireNonNull(captureTarget, "captureTarget");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("camera call timeout must be > 0, not " + callTimeout);
        }
        if (busyRetries < 0 || ioRetries < 0 || busyBackoff.isNegative()) {
            throw new IllegalArgumentException("camera retries and backoff must be >= 0");
        }
        if (model.isPresent() != port.isPresent()) {
            throw new IllegalArgumentException("camera model and port go together: give both (e.g. model = "
                    + "\"Nikon DSC D750\", port = \"usb:001,004\", see `station camera detect`) or neither to auto-detect");
        }
    }

    /** Auto-detect, system library, leave the capture target, delete after download, 30 s watchdog. */
    public static CameraOptions defaults() {
        return new CameraOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Duration.ofSeconds(30), 5, Duration.ofMillis(200), 2);
    }

    public CameraOptions withCamera(String model, String port) {
        return new CameraOptions(Optional.ofNullable(model), Optional.ofNullable(port), libraryPath, captureTarget,
                keepOnCamera, callTimeout, busyRetries, busyBackoff, ioRetries);
    }

    public CameraOptions withLibraryPath(Path path) {
        return new CameraOptions(model, port, Optional.ofNullable(path), captureTarget, keepOnCamera, callTimeout,
                busyRetries, busyBackoff, ioRetries);
    }

    public CameraOptions withCaptureTarget(CaptureTarget target, boolean keep) {
        return new CameraOptions(model, port, libraryPath, Optional.ofNullable(target), keep, callTimeout,
                busyRetries, busyBackoff, ioRetries);
    }

    public CameraOptions withCallTimeout(Duration timeout) {
        return new CameraOptions(model, port, libraryPath, captureTarget, keepOnCamera, timeout, busyRetries,
                busyBackoff, ioRetries);
    }

    public CameraOptions withRetries(int busy, Duration backoff, int io) {
        return new CameraOptions(model, port, libraryPath, captureTarget, keepOnCamera, callTimeout, busy, backoff, io);
    }

    /** How errors name the configured device before it is open. */
    public String device() {
        return model.map(m -> m + " on " + port.orElseThrow()).orElse("auto-detected camera");
    }

    private static Optional<String> blankToEmpty(Optional<String> s) {
        return Objects.requireNonNull(s).map(String::strip).filter(v -> !v.isEmpty());
    }
}
