package emu.calibration.rolls;

import emu.calibration.fit.ColourModel;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a roll sits outside the other rolls' control limits: a Shewhart chart (Shewhart 1931,
 * Economic Control of Quality of Manufactured Product; Montgomery, Introduction to Statistical
 * Quality Control, 7th ed., §6.3) set by the other rolls alone.
 *
 * <p>For roll r: the others' mean deviation is their centre; every roll's distance from that
 * centre is the mean CIEDE2000 between the centre rendered and the roll rendered over the roll's
 * own digital values ({@link RollSpread#measure}). The others' distances x_j set the limit:
 * x̄ + 3σ̂ with σ̂ = s / c4(n) (the s chart's bias correction). Each x_j is first scaled by
 * √((n+1)/(n−1)): a roll's deviation from a mean it is part of has variance σ²(n−1)/n, a new
 * roll's from that mean σ²(n+1)/n (the prediction interval of a new observation), and the
 * distances scale with the deviations. One-sided: a roll nearer the centre than its peers is
 * fine. With fewer than two other rolls there is no limit; the limit is at least x̄ +
 * {@value RollSpread#MIN_WIDTH} so that rolls agreeing far better than anyone can see do not flag
 * invisible differences.
 */
final class RollControl {
    private RollControl() {}

    /** Each roll's limit from the others, by roll name; deviations all measured from {@code reference}. */
    static Map<String, RollSpread.Limit> limits(ColourModel reference, List<RollDeviation> devs, Map<String, PairSet> byRoll) {
        Map<String, RollSpread.Limit> out = new LinkedHashMap<>();
        for (RollDeviation r : devs) {
            List<RollDeviation> others = devs.stream().filter(d -> d != r).toList();
            int n = others.size();
            if (n < 2) {
                out.put(r.roll(), null);
                continue;
            }
            RollDeviation centre = RollDeviation.centre("centre", others, false);
            double inflate = Math.sqrt((n + 1.0) / (n - 1.0));
            List<Double> x = new ArrayList<>();
            for (RollDeviation o : others) {
                x.add(inflate * distance(reference, o.relativeTo(centre), byRoll.get(o.roll())));
            }
            double stat = distance(reference, r.relativeTo(centre), byRoll.get(r.roll()));
            out.put(r.roll(), limit(x.stream().mapToDouble(Double::doubleValue).toArray(), stat));
        }
        return out;
    }

    private static double distance(ColourModel reference, RollDeviation d, PairSet pairs) {
        return RollSpread.measure(reference, d, pairs).meanDeltaE();
    }

    /** The Shewhart upper limit of {@code others} for a roll whose statistic is {@code stat}; null for fewer than two. */
    static RollSpread.Limit limit(double[] others, double stat) {
        int n = others.length;
        if (n < 2) {
            return null;
        }
        double mean = java.util.Arrays.stream(others).average().orElseThrow();
        double ss = 0;
        for (double v : others) {
            ss += (v - mean) * (v - mean);
        }
        double sigma = Math.sqrt(ss / (n - 1)) / c4(n);
        return new RollSpread.Limit(n, stat, mean, sigma, mean + Math.max(3 * sigma, RollSpread.MIN_WIDTH));
    }

    /**
     * The bias of the sample standard deviation of n normal values, E[s] = c4·σ:
     * c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2) (Montgomery, appendix table VI).
     */
    static double c4(int n) {
        return Math.sqrt(2.0 / (n - 1)) * Math.exp(lnGammaHalf(n) - lnGammaHalf(n - 1));
    }

    /** ln Γ(k/2) for k ≥ 1, exact from Γ(1) = 1 and Γ(1/2) = √π by Γ(x+1) = xΓ(x). */
    private static double lnGammaHalf(int k) {
        double x = k / 2.0;
        double v = k % 2 == 0 ? 0 : 0.5 * Math.log(Math.PI);
        for (double y = k % 2 == 0 ? 1 : 0.5; y < x - 1e-9; y += 1) {
            v += Math.log(y);
        }
        return v;
    }
}
