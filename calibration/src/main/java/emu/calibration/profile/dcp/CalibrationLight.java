package emu.calibration.profile.dcp;

import emu.calibration.color.Illuminants;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model illuminant a DCP can be calibrated for: its EXIF LightSource code (EXIF 2.3 table 7,
 * the values DNG's CalibrationIlluminant tags take) and the colour temperature the DNG SDK
 * assigns to that code when it interpolates between the two calibrations
 * ({@code dng_camera_profile::IlluminantToTemperature}). Only lights whose code names exactly
 * that light are offered: A, D50, D55, D65, D75 and the ISO studio tungsten (3200 K). Other
 * lights (fluorescents, LEDs) have codes for a temperature range, not a spectrum, so a profile
 * calibrated "for FL2" would be interpolated as if it were 4150 K daylight-ish light.
 *
 * @param name the model's illuminant name
 * @param exifCode the CalibrationIlluminant value
 * @param temperature the SDK's temperature for that code, kelvin
 * @param xy the light's chromaticity
 */
public record CalibrationLight(String name, int exifCode, double temperature, double[] xy) {

    private static final Map<String, int[]> CODES = Map.of(
            "A", new int[] {17, 2850}, "D50", new int[] {23, 5000}, "D55", new int[] {20, 5500},
            "D65", new int[] {21, 6500}, "D75", new int[] {22, 7500}, "3200K", new int[] {24, 3200});

    /** The calibration light for a model illuminant name, if it has an exact EXIF code. */
    public static Optional<CalibrationLight> of(String name) {
        int[] c = CODES.get(name.trim().toUpperCase(Locale.ROOT).replace(" ", ""));
        if (c == null) {
            return Optional.empty();
        }
        return Illuminants.xy(name).map(xy -> new CalibrationLight(name, c[0], c[1], xy));
    }

    /**
     * The two lights of {@code trained} furthest apart in temperature (the warmest first, as
     * CalibrationIlluminant1 conventionally is), or the one light when only one qualifies.
     *
     * @throws IllegalArgumentException when none of the lights has an exact EXIF code
     */
    public static List<CalibrationLight> choose(List<String> trained) {
        List<CalibrationLight> usable = trained.stream().map(CalibrationLight::of)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingDouble(CalibrationLight::temperature)).toList();
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("a DNG camera profile is calibrated for lights with an"
                    + " EXIF light-source code (A, D50, D55, D65, D75, 3200K); the model was trained on "
                    + trained);
        }
        CalibrationLight warm = usable.get(0);
        CalibrationLight cool = usable.get(usable.size() - 1);
        return warm.temperature() == cool.temperature() ? List.of(warm) : List.of(warm, cool);
    }
}
