package emu.devices.camera;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One camera setting (a libgphoto2 config widget): its short name, the label the camera gives it,
 * its kind, its current value as text, and what it accepts.
 *
 * @param name     short name, e.g. {@code shutterspeed}
 * @param label    human label, e.g. {@code Shutter Speed}
 * @param path     where it sits in the camera's tree, e.g. {@code /main/capturesettings/shutterspeed}
 * @param type     the widget kind
 * @param value    current value as text (toggles: {@code 0}/{@code 1}); empty when it has none
 * @param choices  the values accepted, for {@link Type#CHOICE}/{@link Type#MENU}/{@link Type#RADIO}; empty otherwise
 * @param range    min/max/step for {@link Type#RANGE}; empty otherwise
 * @param readOnly true when the camera refuses to change it
 */
public record CameraSetting(String name, String label, String path, Type type, String value,
                            List<String> choices, Optional<Range> range, boolean readOnly) {

    /** The widget kinds libgphoto2 knows (gphoto2-widget.h CameraWidgetType), less the containers. */
    public enum Type { TEXT, RANGE, TOGGLE, RADIO, MENU, DATE, BUTTON }

    /** A numeric range with its step. */
    public record Range(float min, float max, float step) {}

    public CameraSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        label = label == null ? name : label;
        path = path == null ? name : path;
        value = value == null ? "" : value;
        choices = List.copyOf(choices);
        Objects.requireNonNull(range, "range");
    }

    /**
     * Checks that {@code newValue} is acceptable for this setting.
     *
     * @throws CameraSettingException naming the setting, the device and what is accepted
     */
    public void checkAccepts(String device, String newValue) {
        if (readOnly) {
            throw new CameraSettingException(device, "setting '" + name + "' is read-only on " + device);
        }
        switch (type) {
            case RADIO, MENU -> {
                if (!choices.isEmpty() && !choices.contains(newValue)) {
                    throw new CameraSettingException(device, "setting '" + name + "' on " + device
                            + " does not accept '" + newValue + "'; choices: " + String.join(", ", choices));
                }
            }
            case RANGE -> {
                Range r = range.orElseThrow();
                float f;
                try {
                    f = Float.parseFloat(newValue);
                } catch (NumberFormatException e) {
                    throw new CameraSettingException(device, "setting '" + name + "' on " + device
                            + " takes a number in " + r.min() + ".." + r.max() + ", not '" + newValue + "'");
                }
                if (f < r.min() || f > r.max()) {
                    throw new CameraSettingException(device, "setting '" + name + "' on " + device + ": "
                            + newValue + " is outside " + r.min() + ".." + r.max());
                }
            }
            case TOGGLE -> {
                if (!newValue.equals("0") && !newValue.equals("1")) {
                    throw new CameraSettingException(device, "setting '" + name + "' on " + device
                            + " is a toggle: give 0 or 1, not '" + newValue + "'");
                }
            }
            case TEXT, DATE, BUTTON -> { }
        }
    }
}
