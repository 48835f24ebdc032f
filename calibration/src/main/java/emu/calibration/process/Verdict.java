package emu.calibration.process;

/** Where a control value, or a whole strip, sits against its limits (worst first last). */
public enum Verdict {
    /** Within the action limits. */
    IN_CONTROL,
    /** Beyond an action limit, within the control limit: an early warning. */
    BEYOND_ACTION,
    /** Beyond a control limit or the colour-balance spread limit: the process was out of control. */
    OUT_OF_CONTROL;

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The verdict of a deviation {@code d} against a limit. */
    public static Verdict of(double d, ProcessLimits.Limit limit) {
        double a = Math.abs(d);
        return a > limit.control() ? OUT_OF_CONTROL : a > limit.action() ? BEYOND_ACTION : IN_CONTROL;
    }
}
