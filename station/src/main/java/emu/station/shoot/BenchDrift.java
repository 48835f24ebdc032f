package emu.station.shoot;

import emu.station.store.DriftRepository.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bench drift from reference frames (issue 20): within one shoot run, each reference's neutral-row
 * mean divided by the run's first, per channel. Split into the camera's exposure drift (the
 * geometric mean of the three ratios: a change of overall level, which one reference light cannot
 * tell apart from the lamp's overall intensity) and the light's colour drift per channel (each ratio
 * over that mean). A capture's factor is the ratio interpolated linearly in step position between
 * the references around it, held constant past the last one; dividing its digital values by it
 * brings them back to the light and exposure of the run's start.
 */
public final class BenchDrift {
    private BenchDrift() {}

    /** Per channel ratio of {@code ref} to {@code first}. */
    static double[] ratio(Reference ref, Reference first) {
        return new double[] {ref.r() / first.r(), ref.g() / first.g(), ref.b() / first.b()};
    }

    /**
     * The drift factor at step position {@code position} of a run whose references are {@code refs}
     * (same run, by position). Capture i (0-based) of a run is taken between the reference at
     * position i and the next, so it sits at i + 0.5.
     */
    public static double[] factorAt(List<Reference> refs, double position) {
        return factorAt(refs.get(0), refs, position);
    }

    /**
     * The same, relative to {@code base} rather than the run's first reference: a later run of the
     * set (a resumed shoot, a re-shoot of drifted steps) is brought back to the light and exposure of
     * the set's first reference, so every capture of the set is normalised to one baseline and a
     * re-shot step pairs at the level of the steps it sits among.
     */
    public static double[] factorAt(Reference base, List<Reference> refs, double position) {
        Reference first = base;
        Reference before = null;
        for (Reference r : refs) {
            if (r.position() <= position) {
                before = r;
            } else if (before == null) {
                return ratio(r, first); // no reference before it (the run's first one failed): the earliest level known
            } else {
                double t = (position - before.position()) / (r.position() - before.position());
                double[] a = ratio(before, first);
                double[] b = ratio(r, first);
                return new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
            }
        }
        return ratio(before == null ? refs.get(0) : before, first);
    }

    /**
     * The API view of a set's drift: per run its references (position, ratios), the largest channel
     * drift, the exposure and light colour drift at its last reference, and whether it passes
     * {@code thresholdPercent}; {@code flagged} when any run does.
     */
    public static Map<String, Object> view(List<Reference> all, double thresholdPercent) {
        Map<Long, List<Reference>> runs = new LinkedHashMap<>();
        all.forEach(r -> runs.computeIfAbsent(r.run(), k -> new ArrayList<>()).add(r));
        List<Map<String, Object>> out = new ArrayList<>();
        boolean flagged = false;
        for (List<Reference> refs : runs.values()) {
            Reference first = refs.get(0);
            double max = 0;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Reference r : refs) {
                double[] q = ratio(r, first);
                for (double v : q) {
                    max = Math.max(max, Math.abs(v - 1) * 100);
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("position", r.position());
                row.put("file", r.file());
                row.put("ratio", List.of(round(q[0]), round(q[1]), round(q[2])));
                row.put("rgb", List.of(r.r(), r.g(), r.b())); // the neutral row's mean, scene-linear
                row.put("taken_at", r.takenAt().toString());
                rows.add(row);
            }
            double[] last = ratio(refs.get(refs.size() - 1), first);
            double exposure = Math.cbrt(last[0] * last[1] * last[2]);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("run", first.run());
            run.put("started", first.takenAt().toString());
            run.put("references", rows);
            run.put("max_drift_percent", round(max));
            run.put("exposure_drift_percent", round((exposure - 1) * 100));
            run.put("light_drift_percent", List.of(round((last[0] / exposure - 1) * 100),
                    round((last[1] / exposure - 1) * 100), round((last[2] / exposure - 1) * 100)));
            boolean over = max > thresholdPercent;
            run.put("flagged", over);
            flagged |= over;
            out.add(run);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold_percent", thresholdPercent);
        m.put("flagged", flagged);
        m.put("runs", out);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
