package emu.calibration.process;

import java.util.Arrays;
import java.util.Locale;

/** The colour processes a lab runs control strips for, by the names labs and Kodak use. */
public enum Process {
    C41("C-41"),
    E6("E-6"),
    ECN2("ECN-2");

    private final String label;

    Process(String label) {
        this.label = label;
    }

    /** As written on the lab's order: {@code C-41}, {@code E-6}, {@code ECN-2}. */
    public String label() {
        return label;
    }

    /** The short key used in config tables: {@code c41}, {@code e6}, {@code ecn2}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The process named {@code label} ({@code C-41}, {@code E-6}, {@code ECN-2}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Process of(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("process '" + label + "' must be one of C-41, E-6, ECN-2"));
    }
}
