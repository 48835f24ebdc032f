package emu.calibration.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strip judged against its process's limits: the worst verdict and every value beyond a limit,
 * with its numbers (what the roll page shows), worst first.
 */
public record Evaluation(ControlValues values, ProcessLimits limits, Verdict verdict, List<Breach> breaches) {
    /**
     * One control value beyond a limit.
     *
     * @param channel {@code r}, {@code g}, {@code b}, or {@code spread} for the colour-balance spread
     * @param limit the limit it passed (the control or spread limit when out of control, else the action limit)
     */
    public record Breach(ControlValue value, String channel, double deviation, double limit, Verdict verdict) {
        /** E.g. "LD (speed) g +0.094 beyond the control limit ±0.08". */
        public String describe() {
            if (channel.equals("spread")) {
                return String.format(Locale.ROOT, "%s colour-balance spread %.3f beyond the spread limit %.2f", value.label(),
                        deviation, limit);
            }
            return String.format(Locale.ROOT, "%s %s %+.3f beyond the %s limit ±%.2f", value.label(), channel, deviation,
                    verdict == Verdict.OUT_OF_CONTROL ? "control" : "action", limit);
        }
    }

    public Evaluation {
        breaches = List.copyOf(breaches);
    }

    /** Judges {@code values} against {@code limits}: each channel of each value, then the LD and HD−LD spreads. */
    public static Evaluation of(ControlValues values, ProcessLimits limits) {
        List<Breach> out = new ArrayList<>();
        Verdict worst = Verdict.IN_CONTROL;
        for (ControlValue v : ControlValue.values()) {
            ProcessLimits.Limit limit = limits.of(v);
            double[] d = values.of(v);
            for (int c = 0; c < 3; c++) {
                Verdict verdict = Verdict.of(d[c], limit);
                if (verdict != Verdict.IN_CONTROL) {
                    out.add(new Breach(v, StripDensities.CHANNELS[c], d[c],
                            verdict == Verdict.OUT_OF_CONTROL ? limit.control() : limit.action(), verdict));
                    worst = worst.worst(verdict);
                }
            }
            // D-min's channels move together with fog; Kodak's spread limits are for LD and HD-LD
            if (v != ControlValue.DMIN && values.spread(v) > limits.spread()) {
                out.add(new Breach(v, "spread", values.spread(v), limits.spread(), Verdict.OUT_OF_CONTROL));
                worst = Verdict.OUT_OF_CONTROL;
            }
        }
        // the worst first (out of control before beyond action), in the order found within each
        out.sort(java.util.Comparator.comparing((Breach b) -> b.verdict()).reversed());
        return new Evaluation(values, limits, worst, out);
    }

    /** Whether the roll was processed out of control. */
    public boolean outOfControl() {
        return verdict == Verdict.OUT_OF_CONTROL;
    }
}
