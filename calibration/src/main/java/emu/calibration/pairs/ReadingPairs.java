package emu.calibration.pairs;

import emu.calibration.chart.PatchReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pairs from two chart readings of one plan step, patch by patch: the capture's (digital) means
 * times a scale into the contract's scene-linear units, the scan's (film) means as read. A patch
 * flagged clipped or non-uniform on either side is left out and counted by reason, as the station's
 * own pairing does: a flagged reading is not a measurement of the patch.
 */
public final class ReadingPairs {
    private ReadingPairs() {}

    /** One step's pairs, and how many patches were left out for which reason (a patch may count twice). */
    public record StepPairs(List<Pair> pairs, int leftOut, int digitalClipped, int digitalNonUniform, int filmClipped,
            int filmNonUniform) {
        public StepPairs {
            pairs = List.copyOf(pairs);
        }

        /** E.g. {@code "3 left out (digital clipped 2, film non-uniform 1)"}, or empty when none was. */
        public String describeLeftOut() {
            if (leftOut == 0) {
                return "";
            }
            List<String> why = new ArrayList<>();
            add(why, "digital clipped", digitalClipped);
            add(why, "digital non-uniform", digitalNonUniform);
            add(why, "film clipped", filmClipped);
            add(why, "film non-uniform", filmNonUniform);
            return String.format(Locale.ROOT, "%d left out (%s)", leftOut, String.join(", ", why));
        }

        private static void add(List<String> why, String what, int n) {
            if (n > 0) {
                why.add(what + " " + n);
            }
        }
    }

    /**
     * @param digital      the capture's patches (same chart, same order as {@code film})
     * @param digitalScale multiplies the digital means: file units to the contract's (18% grey at EV 0 = 0.18)
     * @throws IllegalArgumentException when the two readings are of different charts
     */
    public static StepPairs pair(List<PatchReading> digital, double digitalScale, List<PatchReading> film, String frame,
            String roll, String illuminant, double ev) {
        if (digital.size() != film.size()) {
            throw new IllegalArgumentException("capture has " + digital.size() + " patches, scan " + film.size()
                    + ": not the same chart");
        }
        List<Pair> out = new ArrayList<>();
        int leftOut = 0;
        int[] n = new int[4];
        for (int i = 0; i < digital.size(); i++) {
            PatchReading d = digital.get(i);
            PatchReading f = film.get(i);
            if (!d.id().equals(f.id())) {
                throw new IllegalArgumentException("patch " + (i + 1) + " is " + d.id() + " on the capture but " + f.id()
                        + " on the scan: not the same chart");
            }
            boolean[] flags = {d.clipped(), d.nonUniform(), f.clipped(), f.nonUniform()};
            boolean skip = false;
            for (int k = 0; k < 4; k++) {
                n[k] += flags[k] ? 1 : 0;
                skip |= flags[k];
            }
            if (skip) {
                leftOut++;
                continue;
            }
            double[] m = d.mean();
            double[] v = f.mean();
            out.add(new Pair(frame, roll, illuminant, ev, d.id(), m[0] * digitalScale, m[1] * digitalScale,
                    m[2] * digitalScale, clamp01(v[0]), clamp01(v[1]), clamp01(v[2])));
        }
        return new StepPairs(out, leftOut, n[0], n[1], n[2], n[3]);
    }

    /** Film values are 0..1 by contract; a mean can only leave it by float rounding. */
    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
