package emu.calibration.fit;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Leave-one-light-out for a per-light candidate without refits (used by {@link ModelSelection}):
 * one light's model never sees another light's pairs, so each light is fitted once on all pairs
 * and the model that never saw light L is that fit without L's model. The selection keeps the fit
 * as the final model (or stack member) when the candidate wins.
 */
final class LeaveOneLightOut {

    private LeaveOneLightOut() {}

    /**
     * A per-light candidate fitted on all pairs, its lights in parallel: the same model as
     * {@link Candidate#fit} (light i of {@code pairs.byIlluminant()} gets seed + i).
     */
    static PerIlluminantModel fitPerLight(ExecutorService pool, Candidate cand, PairSet pairs, long seed,
                                          IlluminantFeatures lights) {
        Map<String, Future<FittedModel>> fits = new LinkedHashMap<>();
        long sd = seed;
        for (Map.Entry<String, PairSet> e : pairs.byIlluminant().entrySet()) {
            long lightSeed = sd++;
            fits.put(e.getKey(), pool.submit(() -> cand.fitOneLight(e.getKey(), e.getValue(), lightSeed)));
        }
        Map<String, FittedModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, Future<FittedModel>> e : fits.entrySet()) {
            models.put(e.getKey(), CrossValidation.await(e.getValue()));
        }
        return cand.withSharedPart(new PerIlluminantModel(cand.spec(), models, lights), pairs, seed, lights);
    }

    /**
     * Leave-one-light-out of a per-light model without refitting: light l's model never sees the
     * other lights' pairs, so the model that never saw l is {@code full} without l's model, and l
     * is served as any untrained light (its spectral mixture, or its family). The rows come in the
     * order {@link CrossValidation#run} gives them (light by light in {@code illums} order).
     */
    static Stacking.Held held(PerIlluminantModel full, PairSet pairs, List<String> illums) {
        return held(full, null, pairs, illums, 0, null);
    }

    /**
     * The same for a candidate whose untrained lights are served from a shared part
     * ({@link Candidate#withSharedPart}): that part is refitted without each left-out light's pairs
     * (one conditional fit per light), the per-light models are not.
     */
    static Stacking.Held held(PerIlluminantModel full, Candidate cand, PairSet pairs, List<String> illums, long seed,
                              IlluminantFeatures lights) {
        List<Pair> order = new ArrayList<>();
        List<double[]> preds = new ArrayList<>();
        List<Integer> splitOf = new ArrayList<>();
        for (int k = 0; k < illums.size(); k++) {
            String l = illums.get(k);
            PairSet held = pairs.filter(p -> p.illuminant().equals(l));
            PerIlluminantModel rest = full.without(l);
            if (cand != null && full.hasShared()) {
                rest = cand.withSharedPart(rest, pairs.filter(p -> !p.illuminant().equals(l)), seed, lights);
            }
            preds.add(Evaluation.predict(rest, held));
            for (Pair p : held) {
                order.add(p);
                splitOf.add(k);
            }
        }
        double[] predicted = new double[3 * order.size()];
        int at = 0;
        for (double[] d : preds) {
            System.arraycopy(d, 0, predicted, at, d.length);
            at += d.length;
        }
        return new Stacking.Held(new PairSet(order), predicted, splitOf.stream().mapToInt(Integer::intValue).toArray());
    }

}
