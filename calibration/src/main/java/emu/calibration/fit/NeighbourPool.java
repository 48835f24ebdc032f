package emu.calibration.fit;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training pairs of a per-light model, kept so that a light it never saw, lying between two
 * trained lights of its own spectral family, is served by ONE model of the same candidate fitted
 * on both lights' pairs together rather than by the blend of the two lights' predictions
 * ({@link PerIlluminantModel#predict}). The nearer light weighs more by repetition: its pairs go in
 * {@link #repeats} times, the farther light's once (an exact integer weighting for any fitter,
 * without a weighted variant of each).
 *
 * <p>Chosen on training pairs only (bench/fidelity/PooledServing.java: each trained daylight or
 * tungsten light left out and served from its two family neighbours, root-polynomial degree 2 and 3
 * and tps, four stocks): the pooled fit beat the blend for every such light; across families (a
 * fluorescent served by an LED and a daylight) it lost, so it is used within a family only.
 * bench/RESULTS.md, "Issue 24, session 5: unseen lights".
 *
 * <p>Fits are made when first asked for and kept (a model is asked the same light many times while
 * a LUT is baked); the first call for a pair of lights therefore costs one fit of the candidate.
 */
final class NeighbourPool {

    /** The most times the nearer light's pairs are repeated (bounds the pooled fit's size). */
    static final int MAX_REPEAT = 3;
    static final String FILE = "pairs.csv";

    private final String spec;
    private final long seed;
    private final Map<String, PairSet> pairs;
    private final Map<String, FittedModel> fitted = new HashMap<>();

    NeighbourPool(String spec, long seed, Map<String, PairSet> pairs) {
        this.spec = spec;
        this.seed = seed;
        this.pairs = new LinkedHashMap<>(pairs);
    }

    /** The same pool without {@code light}'s pairs. */
    NeighbourPool without(String light) {
        Map<String, PairSet> rest = new LinkedHashMap<>(pairs);
        rest.remove(light);
        return new NeighbourPool(spec, seed, rest);
    }

    long seed() {
        return seed;
    }

    boolean has(String light) {
        return pairs.containsKey(light);
    }

    /** How often the nearer light's pairs go in: round(w_near / w_far), 1..{@link #MAX_REPEAT}. */
    static int repeats(double wNear, double wFar) {
        return (int) Math.max(1, Math.min(MAX_REPEAT, Math.round(wNear / wFar)));
    }

    /** The candidate fitted on {@code near}'s pairs {@code times} times and {@code far}'s once. */
    synchronized FittedModel model(String near, int times, String far) {
        String key = near + "\u0000" + times + "\u0000" + far;
        FittedModel m = fitted.get(key);
        if (m == null) {
            List<Pair> all = new ArrayList<>();
            for (int r = 0; r < times; r++) {
                add(all, near, r);
            }
            add(all, far, times);
            m = Candidate.parse(spec).fitOneLight(new PairSet(all), seed);
            fitted.put(key, m);
        }
        return m;
    }

    /** One light's pairs under a copy-specific frame name (repeats stay distinct rows of the same patch). */
    private void add(List<Pair> out, String light, int copy) {
        for (Pair p : pairs.get(light)) {
            out.add(new Pair(p.frame() + "#" + copy, p.roll(), "pool", p.ev(), p.patch(), p.digitalR(), p.digitalG(),
                    p.digitalB(), p.filmR(), p.filmG(), p.filmB()));
        }
    }

    /** Writes every light's pairs to {@code dir}/{@value #FILE} (atomically). */
    void write(Path dir) throws IOException {
        List<Pair> all = new ArrayList<>();
        pairs.values().forEach(s -> all.addAll(s.asList()));
        PairsCsv.write(dir.resolve(FILE), new PairSet(all));
    }

    /** The pool written by {@link #write}. */
    static NeighbourPool read(String spec, long seed, Path dir) throws IOException {
        return new NeighbourPool(spec, seed, PairsCsv.read(dir.resolve(FILE)).byIlluminant());
    }
}
