package emu.devices.camera;

import java.util.List;
import java.util.Map;

/**
 * The setting names the station relies on, and their aliases across makes: libgphoto2's ptp2 driver
 * calls the aperture {@code f-number} on Nikon and {@code aperture} on Canon; {@code capturetarget}
 * chooses RAM (download only) or the memory card.
 */
public final class SettingNames {
    public static final String ISO = "iso";
    public static final String SHUTTER_SPEED = "shutterspeed";
    public static final String APERTURE = "aperture";
    public static final String IMAGE_FORMAT = "imageformat";
    public static final String CAPTURE_TARGET = "capturetarget";

    private static final Map<String, List<String>> ALIASES = Map.of(
            APERTURE, List.of(APERTURE, "f-number"),
            "f-number", List.of("f-number", APERTURE),
            SHUTTER_SPEED, List.of(SHUTTER_SPEED, "shutterspeed2"),
            IMAGE_FORMAT, List.of(IMAGE_FORMAT, "imagequality"));

    private SettingNames() {}

    /** The names to try for {@code name}, the name itself first. */
    public static List<String> candidates(String name) {
        return ALIASES.getOrDefault(name, List.of(name));
    }
}
