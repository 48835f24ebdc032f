package emu.calibration.pairs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Clipped digital readings found from the pairs alone, by their exposure series: the same patch,
 * roll and light read at several EVs. The digital values are scene-linear (DESIGN.md pairs
 * contract), so an unclipped reading at EV e is the series' reading scaled by 2^e, the same colour.
 * A sensor clips each RAW channel before white balance and the matrix to Rec.709, so a reading
 * with one or more raw channels clipped is a different colour, not only dimmer: its chromaticity
 * (each channel over the sum of absolute values, after dividing by 2^e) leaves the series' own.
 * A reading is clipped when that chromaticity differs from the reference (the median of the
 * series' darker half, which clips last) by more than the tolerance in any channel, or when it
 * reads darker than its exposure says by more than {@link #DARKER}; every brighter reading of a
 * clipped one is clipped too (the raw values only rise with exposure).
 *
 * <p>Why: an outside pairs CSV holds every reading it rendered or shot, clipped ones included (the
 * outside evaluation of issue 24 trained on 6 lights x 13 EVs x 214 patches, every pair), and a
 * clipped reading paired with a near-white film value pulls the model's bright end towards the
 * wrong input colour (bench/RESULTS.md, issue 24 session 6). A lamp that drifts changes brightness,
 * not chromaticity, so the test is on chromaticity; a brightness test would flag a drifting rig.
 */
public final class ExposureSeries {

    /**
     * Chromaticity tolerance: chosen on the bench's training CSVs (bench/fidelity/SeriesClipCheck.java:
     * recall and false alarms of the camera's own clip flags on training reflectances).
     */
    public static final double TOLERANCE = 0.01;

    /** A reading this much darker than its series says (after 2^e) is clipped whatever its colour. */
    static final double DARKER = 0.25;

    /**
     * Only readings whose brightest channel reaches this fraction of the brightest reading in the
     * pairs can be clipped: a sensor clips near its white level, and the chromaticity of dark
     * readings moves with noise (on the bench every false alarm without this floor read below 0.05
     * where the camera clips near 2).
     */
    static final double FLOOR = 0.1;

    private ExposureSeries() {}

    /** Per pair (in {@code pairs} order), whether its digital reading is clipped by its series. */
    public static boolean[] clipped(PairSet pairs, double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("series clip tolerance must be > 0, got " + tolerance);
        }
        boolean[] out = new boolean[pairs.size()];
        double top = 0;
        for (Pair p : pairs.asList()) {
            top = Math.max(top, brightest(p));
        }
        double floor = FLOOR * top;
        Map<List<String>, PairSet> series = pairs.groupBy(p -> List.of(p.roll(), p.illuminant(), p.patch()));
        Map<Pair, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            index.put(pairs.get(i), i);
        }
        for (PairSet s : series.values()) {
            List<Pair> byEv = new ArrayList<>(s.asList());
            byEv.sort(Comparator.comparingDouble(Pair::ev));
            if (byEv.get(0).ev() == byEv.get(byEv.size() - 1).ev()) {
                continue; // one exposure: nothing to compare with
            }
            double[][] n = new double[byEv.size()][];
            for (int i = 0; i < n.length; i++) {
                double scale = Math.pow(2, -byEv.get(i).ev());
                double[] d = byEv.get(i).digital();
                n[i] = new double[] {d[0] * scale, d[1] * scale, d[2] * scale};
            }
            double[] ref = new double[3];
            int half = Math.max(1, (n.length + 1) / 2);
            for (int c = 0; c < 3; c++) {
                double[] v = new double[half];
                for (int i = 0; i < half; i++) {
                    v[i] = n[i][c];
                }
                Arrays.sort(v);
                ref[c] = half % 2 == 1 ? v[half / 2] : (v[half / 2 - 1] + v[half / 2]) / 2;
            }
            double refSum = sumAbs(ref);
            if (!(refSum > 0)) {
                continue;
            }
            boolean from = false;
            for (int i = 0; i < n.length; i++) {
                double sum = sumAbs(n[i]);
                boolean off = brightest(byEv.get(i)) >= floor && sum < (1 - DARKER) * refSum;
                for (int c = 0; c < 3 && !off && sum > 0 && brightest(byEv.get(i)) >= floor; c++) {
                    off = Math.abs(n[i][c] / sum - ref[c] / refSum) > tolerance;
                }
                from |= off && i >= half - 1; // the darker half is the reference: it clips last
                out[index.get(byEv.get(i))] = from;
            }
        }
        return out;
    }

    /** The pairs whose readings are not clipped by their series ({@link #clipped}). */
    public static PairSet withoutClipped(PairSet pairs, double tolerance) {
        boolean[] c = clipped(pairs, tolerance);
        List<Pair> kept = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            if (!c[i]) {
                kept.add(pairs.get(i));
            }
        }
        return new PairSet(kept);
    }

    private static double brightest(Pair p) {
        return Math.max(p.digitalR(), Math.max(p.digitalG(), p.digitalB()));
    }

    private static double sumAbs(double[] v) {
        return Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
    }
}
