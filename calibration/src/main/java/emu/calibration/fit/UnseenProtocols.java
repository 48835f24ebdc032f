package emu.calibration.fit;

import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A finalist's two held-out protocols beside the patch cross-validation ({@link ModelSelection}): each light predicted
 * by a model that never saw it (two or more lights; a per-light candidate from one fit per light,
 * {@link LeaveOneLightOut}, any other refitted without each light), and the lowest and the highest EV each predicted
 * by a model trained without it (three or more EVs). A protocol whose fit fails is reported on {@code progress} and
 * left out; the candidate still competes on the others.
 */
final class UnseenProtocols {

    /**
     * The two protocols' held-out predictions (either null when not run or failed), and for a per-light candidate
     * its fit on all pairs (the leave-one-light-out's models, kept as the final model should it win), else null.
     */
    record Scores(Stacking.Held lightsOut, Stacking.Held evsOut, PerIlluminantModel fullFit) {}

    private UnseenProtocols() {}

    static Scores run(ExecutorService pool, Candidate cand, PairSet pairs, IlluminantFeatures lights, long seed,
                      Consumer<String> progress) {
        List<String> illums = pairs.illuminants();
        Stacking.Held loio = null;
        PerIlluminantModel full = null;
        if (illums.size() >= 2 && cand.perIlluminant()) {
            progress.accept(cand.spec() + ": leave-one-illuminant-out (" + illums.size()
                    + " lights; one model per light, each fitted once)");
            try {
                full = LeaveOneLightOut.fitPerLight(pool, cand, pairs, seed, lights);
                loio = LeaveOneLightOut.held(full, cand, pairs, illums, seed, lights);
            } catch (RuntimeException e) {
                progress.accept(cand.spec() + ": leave-one-illuminant-out failed: " + e.getMessage());
            }
        } else if (illums.size() >= 2) {
            progress.accept(cand.spec() + ": leave-one-illuminant-out (" + illums.size() + " lights)");
            List<CrossValidation.Split> sp = illums.stream().map(l -> new CrossValidation.Split("without " + l,
                    (Predicate<Pair>) p -> !p.illuminant().equals(l))).toList();
            loio = tryCv(pool, cand, pairs, sp, lights, seed, progress, "leave-one-illuminant-out");
        }
        Stacking.Held heldEv = null;
        List<Double> evs = new ArrayList<>(new TreeSet<>(pairs.asList().stream().map(Pair::ev).toList()));
        if (evs.size() >= 3) {
            double lo = evs.get(0);
            double hi = evs.get(evs.size() - 1);
            progress.accept(cand.spec() + ": held-out EVs " + Evaluation.evLabel(lo) + " and " + Evaluation.evLabel(hi));
            List<CrossValidation.Split> sp = List.of(new CrossValidation.Split("without lowest EV", p -> p.ev() != lo),
                    new CrossValidation.Split("without highest EV", p -> p.ev() != hi));
            heldEv = tryCv(pool, cand, pairs, sp, lights, seed, progress, "held-out EV");
        }
        return new Scores(loio, heldEv, full);
    }

    private static Stacking.Held tryCv(ExecutorService pool, Candidate cand, PairSet pairs,
                                       List<CrossValidation.Split> splits, IlluminantFeatures lights, long seed,
                                       Consumer<String> progress, String what) {
        try {
            return CrossValidation.run(pool, cand, pairs, splits, lights, seed);
        } catch (RuntimeException e) {
            progress.accept(cand.spec() + ": " + what + " failed: " + e.getMessage());
            return null;
        }
    }
}
