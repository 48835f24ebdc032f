package emu.calibration.process;

import java.util.Optional;

/**
 * A process's limits on the control values, in density units either side of the aim. Kodak's
 * terms (Z-99, "What Are Aim Values, Control Limits, and Action Limits?"; the minilab manual Z-101
 * "Process Monitoring Terms"): a control value beyond the <em>action</em> limit is an early
 * warning (customer work may still run; find the cause), beyond the <em>control</em> limit the
 * process is out of control (stop customer work). The colour-balance spread limit bounds the
 * spread of LD and of HD−LD between channels.
 *
 * @param source where the numbers come from, shown next to them wherever they are used
 */
public record ProcessLimits(Process process, Limit dmin, Limit ld, Limit hdLd, double spread, String source) {
    /** One control value's action (inner) and control (outer) limit, both positive, action ≤ control. */
    public record Limit(double action, double control) {
        public Limit {
            if (!(action > 0 && control >= action && control <= 1)) {
                throw new IllegalArgumentException("a limit needs 0 < action <= control <= 1 density, got action " + action
                        + ", control " + control);
            }
        }
    }

    public ProcessLimits {
        if (!(spread > 0 && spread <= 1)) {
            throw new IllegalArgumentException("the colour-balance spread limit must be within 0..1 density, got " + spread);
        }
    }

    /** The limit of one control value. */
    public Limit of(ControlValue v) {
        return switch (v) {
            case DMIN -> dmin;
            case LD -> ld;
            case HD_LD -> hdLd;
        };
    }

    /**
     * Process C-41 with KODAK FLEXICOLOR chemicals: Kodak Publication Z-131, "Using KODAK
     * FLEXICOLOR Chemicals", the process-monitoring section's table of limits for KODAK Control
     * Strips, Process C-41. NOT read from the manual itself: no copy of Z-131 could be found here;
     * the numbers are as a darkroom's process-control tool transcribes them "based on Kodak Z-131"
     * (github.com/Simw1/Darkroom-Densitometry, diagnostics.js, TOLERANCES.c41; edition not stated):
     * D-min ±0.03 action / ±0.05 control, LD ±0.06 / ±0.08, HD−LD ±0.07 / ±0.09, colour-balance
     * spread 0.09. Check them against your edition of Z-131 and override them in {@code
     * [process_control.c41]}.
     */
    public static final ProcessLimits C41_Z131 = new ProcessLimits(Process.C41, new Limit(0.03, 0.05), new Limit(0.06, 0.08),
            new Limit(0.07, 0.09), 0.09, "Kodak Z-131 (Using KODAK FLEXICOLOR Chemicals), process monitoring: as transcribed by "
            + "github.com/Simw1/Darkroom-Densitometry, not checked against the manual; edition unknown");

    /**
     * The manufacturer's limits for {@code process}, where they could be found. E-6 (Kodak Z-119,
     * "Using KODAK Chemicals, Process E-6", §13, Table 13-1) and ECN-2 (Kodak H-24, "Manual for
     * Processing KODAK Motion Picture Films", Module 7): their tables could not be found here (no
     * copy of either manual, nor a transcription of their numbers), so none is shipped: the
     * station shows those strips' deviations unjudged until the lab's limits are configured
     * ({@code [process_control.e6]}, {@code [process_control.ecn2]}).
     */
    public static Optional<ProcessLimits> published(Process process) {
        return process == Process.C41 ? Optional.of(C41_Z131) : Optional.empty();
    }
}
