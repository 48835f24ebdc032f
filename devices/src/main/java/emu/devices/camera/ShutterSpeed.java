package emu.devices.camera;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timed shutter speed: the label the camera uses (what is sent back to set it) and its duration.
 * Parses the forms libgphoto2 drivers report: {@code 1/4000}, {@code 0.3}, {@code 2.5}, {@code 30},
 * optionally with a trailing {@code s} or {@code "} (Fuji, Sony); bulb/time/auto have no duration.
 *
 * @param label   the camera's own text for it
 * @param seconds the exposure time in seconds, {@code > 0}
 */
public record ShutterSpeed(String label, double seconds) {
    private static final Pattern FORM =
            Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)(?:\\s*/\\s*(\\d+(?:\\.\\d+)?))?\\s*(?:s|sec|\"|'')?\\s*");

    public ShutterSpeed {
        Objects.requireNonNull(label, "label");
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("shutter speed '" + label + "' must last > 0 s, not " + seconds);
        }
    }

    /** The speed named by {@code label}, or empty when it has no duration (bulb, time, auto, unknown text). */
    public static Optional<ShutterSpeed> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(label.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double num = Double.parseDouble(m.group(1));
        double s = m.group(2) == null ? num : num / Double.parseDouble(m.group(2));
        return s > 0 && Double.isFinite(s) ? Optional.of(new ShutterSpeed(label, s)) : Optional.empty();
    }

    /** The timed speeds among {@code labels}, fastest first, duplicates of one duration dropped. */
    public static List<ShutterSpeed> parseAll(List<String> labels) {
        List<ShutterSpeed> out = new ArrayList<>();
        for (String l : labels) {
            parse(l).filter(s -> out.stream().noneMatch(o -> o.seconds == s.seconds)).ifPresent(out::add);
        }
        out.sort(Comparator.comparingDouble(ShutterSpeed::seconds));
        return List.copyOf(out);
    }

    /** Exposure difference in stops from {@code base} to this: {@code log2(t / t_base)} (APEX, ISO 2720 annex). */
    public double stopsFrom(ShutterSpeed base) {
        return Math.log(seconds / base.seconds) / Math.log(2);
    }

    @Override
    public String toString() {
        return label;
    }
}
