package emu.devices.camera;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No camera answered at the configured model and port (libgphoto2 -105 unknown model, -52 no USB
 * device, nothing detected). Carries the cameras that detection did see, for the message and for a UI.
 */
public class CameraNotFoundException extends CameraException {
    private static final long serialVersionUID = 1L;
    private final transient List<DetectedCamera> detected;

    public CameraNotFoundException(String device, String what, List<DetectedCamera> detected, Throwable cause) {
        super(device, what + "; " + describe(detected), cause);
        this.detected = List.copyOf(detected);
    }

    /** The cameras detection found instead (possibly none). */
    public List<DetectedCamera> detected() {
        return detected;
    }

    private static String describe(List<DetectedCamera> detected) {
        if (detected.isEmpty()) {
            return "no camera detected: check the USB cable, that the camera is on and not asleep, "
                    + "and `station camera detect`";
        }
        return "detected: " + detected.stream().map(DetectedCamera::toString).collect(Collectors.joining(", "))
                + " (set [camera] model and port to one of these, or leave both empty to auto-detect)";
    }
}
