package emu.devices.camera;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the camera keeps a shot until it is downloaded: {@code ram} (nothing left on the card) or
 * {@code card}. The {@code [camera] capture_target} values; drivers map them to the camera's own
 * choice (libgphoto2's ptp2 driver offers {@code Internal RAM} and {@code Memory card}).
 */
public enum CaptureTarget {
    RAM("ram"), CARD("card");

    private final String key;

    CaptureTarget(String key) {
        this.key = key;
    }

    /** The config value, {@code ram} or {@code card}. */
    public String key() {
        return key;
    }

    /**
     * The target named {@code key} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CaptureTarget fromKey(String key) {
        for (CaptureTarget t : values()) {
            if (t.key.equalsIgnoreCase(key == null ? "" : key.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("capture target '" + key + "' is not one of: ram, card");
    }

    /** The camera's choice for this target among {@code choices}: the one mentioning RAM, or card/memory. */
    public Optional<String> choiceAmong(List<String> choices) {
        return choices.stream().filter(c -> {
            String l = c.toLowerCase(Locale.ROOT);
            return this == RAM ? l.contains("ram") : l.contains("card") || l.contains("memory");
        }).findFirst();
    }
}
