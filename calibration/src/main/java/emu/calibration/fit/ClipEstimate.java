package emu.calibration.fit;

import emu.calibration.pairs.ExposureSeries;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pairs say about the camera's clip ({@link DigitalClip#estimate}): the planes, which raw channels the pairs
 * bracket, and when no clip is placed, why.
 *
 * <p>The evidence is a patch missing from the top of its frame series: its reading scaled to the next EV lies past a
 * plane, every reading kept lies before all three. A plane is only <em>placed</em> when at least {@link
 * DigitalClip#MIN_PAST} of those past readings lie past it first (under the fitted planes); a channel that never clips
 * first is only bounded by the brightest kept reading, so its plane says nothing of where the channel clips (on the
 * bench's second camera it sat at 0.75 of blue's true clip and the rebuild treated unclipped blue as clipped:
 * bench/RESULTS.md, issue 24 session 9, helper clip's diagnosis). The rebuild never treats an unplaced channel as
 * clipped. A series whose next reading was dropped as stuck film (the film, not the sensor, saturated) is no evidence.
 *
 * @param clip the planes, null when none could be placed (then {@code reason} says why)
 * @param reason {@link Reason#PLACED} or why the rebuild places no clip
 * @param past readings past the clip (patches missing from the top of their series, stuck film not counted)
 * @param first per raw channel, how many past readings lie past its plane first (all 0 when the solve did not run)
 * @param leave readings the series filter finds leaving their exposure series, when no patch is missing ({@link
 *     Reason#KEPT_AS_READ}), else 0
 */
public record ClipEstimate(DigitalClip clip, Reason reason, int past, int[] first, int leave) {

    /** Why a clip is or is not placed. */
    public enum Reason {
        /** Planes fitted; {@link DigitalClip#placed} says which channels the pairs bracket. */
        PLACED,
        /** No patch is missing from the top of its series and no reading leaves its series: no clipping seen. */
        NONE_MISSING,
        /** No patch is missing from the top of its series, but readings leave their series: the clipped readings are kept as read. */
        KEPT_AS_READ,
        /** Fewer than {@link DigitalClip#MIN_PAST} patches missing from the top of their series. */
        TOO_FEW,
        /** The planes' fit did not give three finite planes meeting in a point. */
        SOLVE_FAILED,
        /** Planes fitted, but fewer than the rebuild's {@link DigitalClip#CHANNELS} channels bracketed: nothing rebuilds. */
        UNBRACKETED
    }

    /** Raw channel names, for the finishing message. */
    static final String[] CHANNEL = {"red", "green", "blue"};

    /** The clip the rebuild uses: placed with at least {@link DigitalClip#CHANNELS} channels bracketed, else null. */
    public DigitalClip rebuilding() {
        return reason == Reason.PLACED ? clip : null;
    }

    /** The channels whose plane the pairs do not bracket (their plane is written but never used as a clip). */
    public List<String> unplaced() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < 3 && clip != null; c++) {
            if (!clip.placed(c)) {
                out.add(CHANNEL[c]);
            }
        }
        return out;
    }

    /**
     * The estimate from {@code pairs} (the pairs the selection fitted), {@code stuck} being readings dropped from them
     * as stuck film: a series whose next reading is among those is not clip evidence.
     */
    static ClipEstimate of(PairSet pairs, PairSet stuck) {
        List<double[]> kept = new ArrayList<>();
        // frames of one light and roll, by EV; a patch's series over them
        Map<String, TreeSet<Double>> evs = new HashMap<>();
        Map<String, Map<Double, double[]>> series = new LinkedHashMap<>();
        for (Pair p : pairs) {
            String lr = p.illuminant() + "\u0000" + p.roll();
            evs.computeIfAbsent(lr, k -> new TreeSet<>()).add(p.ev());
            series.computeIfAbsent(lr + "\u0000" + p.patch(), k -> new HashMap<>()).put(p.ev(), p.digital());
            kept.add(p.digital());
        }
        Set<String> stuckAt = new HashSet<>();
        for (Pair p : stuck) {
            String lr = p.illuminant() + "\u0000" + p.roll();
            evs.computeIfAbsent(lr, k -> new TreeSet<>()).add(p.ev()); // a frame stuck throughout still has its EV
            stuckAt.add(lr + "\u0000" + p.patch() + "\u0000" + p.ev());
        }
        List<double[]> past = new ArrayList<>();
        for (Map.Entry<String, Map<Double, double[]>> e : series.entrySet()) {
            String lr = e.getKey().substring(0, e.getKey().lastIndexOf('\u0000'));
            Map<Double, double[]> s = e.getValue();
            double top = s.keySet().stream().max(Double::compare).orElseThrow();
            Double next = evs.get(lr).higher(top);
            if (next != null && !(DigitalClip.STUCK_IS_NO_EVIDENCE && stuckAt.contains(e.getKey() + "\u0000" + next))) {
                double[] x = s.get(top).clone();
                double k = Math.pow(2, next - top);
                for (int c = 0; c < 3; c++) {
                    x[c] *= k;
                }
                past.add(x);
            }
        }
        int[] none = new int[3];
        if (past.isEmpty()) {
            int leave = pairs.size() - ExposureSeries.withoutClipped(pairs, ExposureSeries.TOLERANCE).size();
            return leave >= DigitalClip.MIN_PAST ? new ClipEstimate(null, Reason.KEPT_AS_READ, 0, none, leave)
                    : new ClipEstimate(null, Reason.NONE_MISSING, 0, none, 0);
        }
        if (past.size() < DigitalClip.MIN_PAST) {
            return new ClipEstimate(null, Reason.TOO_FEW, past.size(), none, 0);
        }
        double[] planes = ClipPlanes.fit(kept, past);
        if (planes == null || !java.util.Arrays.stream(planes).allMatch(Double::isFinite)) {
            return new ClipEstimate(null, Reason.SOLVE_FAILED, past.size(), none, 0);
        }
        // which plane each past reading lies past first: a plane no reading reaches first is only bounded by kept ones
        int[] first = new int[3];
        for (double[] x : past) {
            int best = 0;
            double top = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                double r = planes[3 * c] * x[0] + planes[3 * c + 1] * x[1] + planes[3 * c + 2] * x[2];
                if (r > top) {
                    top = r;
                    best = c;
                }
            }
            first[best]++;
        }
        boolean[] placed = new boolean[3];
        int nPlaced = 0;
        for (int c = 0; c < 3; c++) {
            placed[c] = !DigitalClip.BRACKETED_ONLY || first[c] >= DigitalClip.MIN_PAST;
            nPlaced += placed[c] ? 1 : 0;
        }
        DigitalClip clip;
        try {
            clip = new DigitalClip(planes, DigitalClip.greys(pairs), past.size(), 1, DigitalClip.CHANNELS,
                    DigitalClip.GATE_FROM, placed);
        } catch (IllegalArgumentException singular) {
            return new ClipEstimate(null, Reason.SOLVE_FAILED, past.size(), first, 0); // planes that do not meet in a point
        }
        return new ClipEstimate(clip, nPlaced >= DigitalClip.CHANNELS ? Reason.PLACED : Reason.UNBRACKETED, past.size(),
                first, 0);
    }
}
