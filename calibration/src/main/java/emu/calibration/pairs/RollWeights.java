package emu.calibration.pairs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-roll training weights (issue 20: a roll processed out of control is "down-weighted or left
 * out, by choice"), applied to the pairs before any fit as a deterministic weighted subsample: a
 * roll of weight w keeps round(w x n) of its n pairs in every (light, EV) step, at least one when
 * w > 0, chosen by a seeded hash of (roll, frame, patch) and kept in their order.
 *
 * <p>Why a subsample rather than per-row weights inside each fitter: every candidate (basis fits,
 * TPS, the MLP, stacks, the roll-aware fit) and every cross-validation score then sees the roll's
 * pairs in proportion w with no change to the fitters, so all of them honour the weight the same way.
 * Each pair is kept with probability w, so the roll's share of any sum-of-squares loss is w times its
 * full share in expectation (Horvitz & Thompson 1952, J. Am. Stat. Assoc. 47:663, the inclusion
 * probability as weight); weighted least squares would reach it exactly for the linear-in-parameters
 * fitters, at the cost of threading weights through each of them. Stratifying by step keeps the roll
 * covering the plan, so it is still fitted roll-aware and its deviation and spread still reported.
 * Weight 0 removes the roll's pairs (the same pairs as leaving it out); weight 1 and rolls without a
 * weight return the very same {@link PairSet}, so the default path is unchanged.
 */
public final class RollWeights {

    private RollWeights() {}

    /** The weight rolls get when an operator down-weights them without saying how much. */
    public static final double DOWN_WEIGHT = 0.25;

    /**
     * The pairs with each roll of {@code weights} (code to a weight in [0, 1]) thinned to that share.
     *
     * @throws IllegalArgumentException naming the roll when a weight is outside [0, 1] or not a number
     */
    public static PairSet apply(PairSet pairs, Map<String, Double> weights, long seed) {
        Map<String, Double> thinned = new LinkedHashMap<>();
        weights.forEach((roll, w) -> {
            if (w == null || !(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("roll " + roll + ": training weight " + w + " is not in [0, 1]");
            }
            if (w < 1) {
                thinned.put(roll, w);
            }
        });
        if (thinned.isEmpty() || pairs.asList().stream().noneMatch(p -> thinned.containsKey(p.roll()))) {
            return pairs;
        }
        // Identity, not equality: two pairs equal field for field are still two rows.
        Set<Pair> drop = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<String, List<Pair>> strata = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (thinned.containsKey(p.roll())) {
                strata.computeIfAbsent(p.roll() + "\u0000" + p.illuminant() + "@" + p.ev(), k -> new ArrayList<>()).add(p);
            }
        }
        strata.values().forEach(stratum -> {
            double w = thinned.get(stratum.get(0).roll());
            int keep = w == 0 ? 0 : Math.max(1, (int) Math.round(w * stratum.size()));
            List<Pair> ranked = new ArrayList<>(stratum);
            ranked.sort(Comparator.comparingLong(p -> rank(p, seed)));
            drop.addAll(ranked.subList(keep, ranked.size()));
        });
        return pairs.filter(p -> !drop.contains(p));
    }

    /** A seeded 64-bit FNV-1a hash of the pair's roll, frame and patch: its place in the draw. */
    private static long rank(Pair p, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : (p.roll() + "\u0000" + p.frame() + "\u0000" + p.patch()).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
