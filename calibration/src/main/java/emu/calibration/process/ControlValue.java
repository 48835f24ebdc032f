package emu.calibration.process;

/** The three control values a colour-negative strip is plotted by, with their API and chart names. */
public enum ControlValue {
    DMIN("dmin", "D-min"),
    LD("ld", "LD (speed)"),
    HD_LD("hd_ld", "HD-LD (contrast)");

    private final String key;
    private final String label;

    ControlValue(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** snake_case name: {@code dmin}, {@code ld}, {@code hd_ld}. */
    public String key() {
        return key;
    }

    /** As a process manual's chart is headed. */
    public String label() {
        return label;
    }
}
