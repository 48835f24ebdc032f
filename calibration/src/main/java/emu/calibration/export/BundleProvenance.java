package emu.calibration.export;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to know, years later, what a stock's profile was made from: written as the
 * {@code provenance} object of a {@link ModelBundle}'s manifest.
 *
 * @param stock the film stock, e.g. {@code Kodak Portra 400}
 * @param emulsionBatch the emulsion / batch number if logged, else null
 * @param emulsionExpiry the expiry date (ISO-8601 {@code YYYY-MM-DD} or {@code YYYY-MM}) if logged,
 *     else null
 * @param process the development process, e.g. {@code C-41}
 * @param lab the lab that developed and scanned the film
 * @param scanner the scanner model
 * @param scannerSettings scanner settings as the lab reported them (name -> value)
 * @param camera the digital camera
 * @param lens the lens on the digital camera
 * @param illuminants each illuminant of the plan with its spectrum
 * @param softwareVersion the emu-station version that made the bundle
 * @param dates named ISO-8601 dates or date-times, e.g. {@code shot}, {@code developed},
 *     {@code scanned}, {@code fitted}, {@code bundled}
 */
public record BundleProvenance(String stock, String emulsionBatch, String emulsionExpiry,
        String process, String lab, String scanner, Map<String, String> scannerSettings,
        String camera, String lens, List<Illuminant> illuminants, String softwareVersion,
        Map<String, String> dates) {

    /**
     * One illuminant: its name in the plan and its relative spectral power, sampled every
     * {@code stepNm} from {@code startNm}.
     */
    public record Illuminant(String name, double startNm, double stepNm, double[] power) {
        public Illuminant {
            required(name, "illuminant name");
            if (!(startNm > 0) || !(stepNm > 0) || power == null || power.length < 2) {
                throw new IllegalArgumentException("illuminant " + name + ": the spectrum needs "
                        + "a positive start and step (nm) and at least 2 samples");
            }
            for (double p : power) {
                if (!Double.isFinite(p) || p < 0) {
                    throw new IllegalArgumentException("illuminant " + name
                            + ": spectral power must be finite and >= 0, got " + p);
                }
            }
            power = power.clone();
        }

        @Override
        public double[] power() {
            return power.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Illuminant i && i.name.equals(name) && i.startNm == startNm
                    && i.stepNm == stepNm && java.util.Arrays.equals(i.power, power);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, startNm, stepNm, java.util.Arrays.hashCode(power));
        }
    }

    public BundleProvenance {
        required(stock, "stock");
        required(process, "process");
        required(lab, "lab");
        required(scanner, "scanner");
        required(camera, "camera");
        required(lens, "lens");
        required(softwareVersion, "softwareVersion");
        if (emulsionExpiry != null) {
            parseDate("emulsionExpiry", emulsionExpiry.length() == 7 ? emulsionExpiry + "-01"
                    : emulsionExpiry);
        }
        if (illuminants == null || illuminants.isEmpty()) {
            throw new IllegalArgumentException("provenance needs the plan's illuminants");
        }
        illuminants = List.copyOf(illuminants);
        scannerSettings = new TreeMap<>(Objects.requireNonNull(scannerSettings, "scannerSettings"));
        dates = new TreeMap<>(Objects.requireNonNull(dates, "dates"));
        dates.forEach(BundleProvenance::parseDate);
    }

    private static void required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("provenance field '" + field + "' is required");
        }
    }

    private static void parseDate(String field, String value) {
        try {
            if (value != null && value.length() > 10) {
                OffsetDateTime.parse(value);
            } else {
                LocalDate.parse(value);
            }
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("provenance date '" + field + "' = '" + value
                    + "' is not ISO-8601 (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)");
        }
    }
}
