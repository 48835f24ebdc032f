package emu.calibration.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A lab's Shewhart X charts (Shewhart 1931; the individual-values chart of Montgomery,
 * Introduction to Statistical Quality Control, 7th ed., §6.4) as a process manual draws them:
 * one chart per control value and channel, each strip's deviation from the aim plotted by date,
 * the centre line at the aim (0) and the limits fixed by the process (not estimated from the
 * points: Kodak's limits are the process's own), points beyond a limit marked.
 */
public final class ControlChart {
    private ControlChart() {}

    /** One strip on the chart: when it ran, for which roll, its control values. */
    public record Strip(String date, String roll, ControlValues values) {}

    /** One plotted point; {@code verdict} is null when the process has no limits. */
    public record Point(String date, String roll, double deviation, Verdict verdict) {}

    /**
     * One chart: a control value in one channel, its limits (null when the process has none
     * configured: the points are plotted unjudged) and points in date order.
     */
    public record Series(ControlValue value, String channel, Double actionLimit, Double controlLimit, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * The nine charts (D-min, LD, HD−LD x R, G, B) of {@code strips}, each in date order (ties in
     * the order given).
     *
     * @param limits null: no limits known for the process, the points are not judged
     */
    public static List<Series> of(List<Strip> strips, ProcessLimits limits) {
        List<Strip> sorted = new ArrayList<>(strips);
        sorted.sort(Comparator.comparing(Strip::date));
        List<Series> out = new ArrayList<>();
        for (ControlValue v : ControlValue.values()) {
            ProcessLimits.Limit limit = limits == null ? null : limits.of(v);
            for (int c = 0; c < 3; c++) {
                List<Point> points = new ArrayList<>();
                for (Strip s : sorted) {
                    double d = s.values().of(v)[c];
                    points.add(new Point(s.date(), s.roll(), d, limit == null ? null : Verdict.of(d, limit)));
                }
                out.add(new Series(v, StripDensities.CHANNELS[c], limit == null ? null : limit.action(),
                        limit == null ? null : limit.control(), points));
            }
        }
        return out;
    }
}
