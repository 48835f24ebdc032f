package emu.calibration.pairs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** An immutable, ordered collection of {@link Pair}s with the filters and groupings fitting needs. */
public final class PairSet implements Iterable<Pair> {

    private final List<Pair> pairs;

    public PairSet(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public int size() {
        return pairs.size();
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    public Pair get(int i) {
        return pairs.get(i);
    }

    public List<Pair> asList() {
        return pairs;
    }

    @Override
    public Iterator<Pair> iterator() {
        return pairs.iterator();
    }

    /** Row-major n x 3 digital values. */
    public double[] digital() {
        double[] out = new double[3 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            out[3 * i] = p.digitalR();
            out[3 * i + 1] = p.digitalG();
            out[3 * i + 2] = p.digitalB();
        }
        return out;
    }

    /** Row-major n x 3 film values. */
    public double[] film() {
        double[] out = new double[3 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            out[3 * i] = p.filmR();
            out[3 * i + 1] = p.filmG();
            out[3 * i + 2] = p.filmB();
        }
        return out;
    }

    public PairSet filter(Predicate<Pair> keep) {
        return new PairSet(pairs.stream().filter(keep).toList());
    }

    /** The pairs at the given indices, in that order. */
    public PairSet subset(int[] indices) {
        List<Pair> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(pairs.get(i));
        }
        return new PairSet(out);
    }

    /**
     * Drops pairs whose digital value reached the sensor's clipping level in any channel: past
     * it the camera stops seeing differences the film still records.
     */
    public PairSet withoutClippedDigital(double clipLevel) {
        return filter(p -> p.digitalR() < clipLevel && p.digitalG() < clipLevel && p.digitalB() < clipLevel);
    }

    /**
     * Drops pairs whose film value sits within {@code margin} of 0 or 1 in any channel: a
     * scan stuck at its ends says only "at least this dark/bright".
     */
    public PairSet withoutStuckFilm(double margin) {
        return filter(p -> inside(p.filmR(), margin) && inside(p.filmG(), margin) && inside(p.filmB(), margin));
    }

    private static boolean inside(double v, double margin) {
        return v > margin && v < 1 - margin;
    }

    /** Groups by {@code key}, groups and their members in first-seen order. */
    public <K> Map<K, PairSet> groupBy(Function<Pair, K> key) {
        Map<K, List<Pair>> lists = new LinkedHashMap<>();
        for (Pair p : pairs) {
            lists.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p);
        }
        Map<K, PairSet> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, new PairSet(v)));
        return Collections.unmodifiableMap(out);
    }

    public Map<String, PairSet> byPatch() {
        return groupBy(Pair::patch);
    }

    public Map<String, PairSet> byFrame() {
        return groupBy(Pair::frame);
    }

    public Map<String, PairSet> byRoll() {
        return groupBy(Pair::roll);
    }

    public Map<String, PairSet> byIlluminant() {
        return groupBy(Pair::illuminant);
    }

    public Map<Double, PairSet> byEv() {
        return groupBy(Pair::ev);
    }

    /** Distinct illuminant names in first-seen order. */
    public List<String> illuminants() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        pairs.forEach(p -> names.add(p.illuminant()));
        return List.copyOf(names);
    }

    /** Distinct patch ids in first-seen order. */
    public List<String> patches() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        pairs.forEach(p -> names.add(p.patch()));
        return List.copyOf(names);
    }
}
