package emu.station.shoot;

import emu.station.errors.ConflictException;
import emu.station.store.CaptureRepository.Capture;
import emu.station.store.DriftRepository.Reference;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-shooting the steps a drifting bench spoiled (issue 20, "and the steps re-shot, if the operator
 * wants"). A capture drifted when its light and exposure, measured by the reference frames of the run
 * that took it, moved more than the threshold from that run's start in any channel. Its drift is read
 * within its run, not against the set's baseline: a re-shot step is normalised to the set's first
 * reference ({@link BenchDrift#factorAt(Reference, List, double)}) but was shot under a steady lamp,
 * and must not be offered for re-shooting again because the lamp aged between the two runs.
 *
 * <p>A re-shoot supersedes the drifted captures (marked bad with a reason naming the re-shoot and
 * their drift: rows and files are kept, pairing skips them, the operator can mark one good again)
 * and starts a shoot of the set, which takes every step without a good capture.
 */
public final class DriftReshoot {
    /** The reason a superseded capture carries begins with this. */
    public static final String SUPERSEDED = "superseded: re-shot for bench drift";

    /** A good capture whose drift within its run passes the threshold; {@code percent} per channel. */
    public record Drifted(long captureId, String stepId, String code, double[] percent) {
        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("capture", captureId);
            m.put("step", stepId);
            m.put("code", code);
            m.put("drift_percent", List.of(round(percent[0]), round(percent[1]), round(percent[2])));
            return m;
        }
    }

    private final Store store;
    private final ShootRunner runner;
    private final double thresholdPercent;

    public DriftReshoot(Store store, ShootRunner runner, double thresholdPercent) {
        this.store = store;
        this.runner = runner;
        this.thresholdPercent = thresholdPercent;
    }

    /** The set's good captures that drifted beyond the threshold within their run, in plan order. */
    public List<Drifted> drifted(long setId) {
        List<Reference> refs = store.drift().ofSet(setId);
        Map<Long, double[]> factors = store.drift().factors(setId);
        if (refs.isEmpty() || factors.isEmpty()) {
            return List.of();
        }
        Reference base = refs.get(0);
        List<Reference> runStarts = new ArrayList<>(); // each run's first reference, oldest first
        for (Reference r : refs) {
            if (r.id() == r.run()) {
                runStarts.add(r);
            }
        }
        runStarts.sort((a, b) -> a.takenAt().compareTo(b.takenAt()));
        Map<String, String> codes = new HashMap<>();
        for (PlanStep s : store.sets().steps(setId)) {
            codes.put(s.id(), s.code());
        }
        List<Drifted> out = new ArrayList<>();
        for (Capture c : store.captures().bySet(setId)) {
            double[] f = factors.get(c.id());
            Reference start = null;
            for (Reference r : runStarts) {
                if (!r.takenAt().isAfter(c.capturedAt())) {
                    start = r; // the run's first reference is shot before its first capture
                }
            }
            if (c.bad() || f == null || start == null) {
                continue;
            }
            double[] s0 = BenchDrift.ratio(start, base);
            double[] pct = {(f[0] / s0[0] - 1) * 100, (f[1] / s0[1] - 1) * 100, (f[2] / s0[2] - 1) * 100};
            if (Math.max(Math.abs(pct[0]), Math.max(Math.abs(pct[1]), Math.abs(pct[2]))) > thresholdPercent) {
                out.add(new Drifted(c.id(), c.stepId(), codes.get(c.stepId()), pct));
            }
        }
        return out;
    }

    /** The set's drift view ({@link BenchDrift#view}) with the steps a re-shoot would take again. */
    public Map<String, Object> view(long setId) {
        Map<String, Object> v = BenchDrift.view(store.drift().ofSet(setId), thresholdPercent);
        v.put("drifted_steps", drifted(setId).stream().map(Drifted::view).toList());
        return v;
    }

    /**
     * Supersedes the set's drifted captures and starts a shoot that takes their steps again.
     *
     * @return the steps queued
     * @throws ConflictException while a shoot runs here or another bench holds the set (no capture is left
     *     touched), or when nothing drifted
     */
    public List<Drifted> request(long setId) {
        synchronized (runner) { // the runner's own monitor: no shoot can start between the check and ours
            ShootRunner.Status st = runner.status();
            if (st.state() != ShootRunner.State.IDLE) {
                throw new ConflictException(st.state().name().toLowerCase(Locale.ROOT), "a shoot of set " + st.setId()
                        + " is " + st.state().name().toLowerCase(Locale.ROOT)
                        + "; re-shoot the drifted steps once it has ended (or cancel it)");
            }
            List<Drifted> steps = drifted(setId);
            if (steps.isEmpty()) {
                throw new ConflictException("no_drift", "no capture of set " + setId + " drifted more than "
                        + thresholdPercent + "% within its shoot run: nothing to re-shoot");
            }
            Map<Long, String> reasons = new LinkedHashMap<>();
            for (Drifted d : steps) {
                reasons.put(d.captureId(), String.format(Locale.ROOT, "%s (drift R %+.2f%% G %+.2f%% B %+.2f%%, limit %s%%)",
                        SUPERSEDED, d.percent()[0], d.percent()[1], d.percent()[2], thresholdPercent));
            }
            store.captures().markBad(reasons); // all or none
            // Between here and the start a crash leaves the steps without a good capture: the next shoot takes them.
            try {
                runner.start(setId, false);
            } catch (RuntimeException e) {
                // refused (another bench holds the set's lease on a shared catalogue): the captures stand as they were
                for (Drifted d : steps) {
                    store.captures().markBad(d.captureId(), false, "");
                }
                throw e;
            }
            return steps;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
