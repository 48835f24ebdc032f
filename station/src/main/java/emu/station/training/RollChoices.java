package emu.station.training;

import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.store.JobRepository.Job;
import emu.station.store.RollRepository;
import emu.station.store.Store;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * The operator's choices of which of a set's rolls training takes, and at what weight (issue 20:
 * "leave this roll out and refit"; a roll processed out of control "down-weighted or left out, by
 * choice"). Each change is stored, announced as an event and followed by a training of the set,
 * queued through {@code retrain} (the queue lives in {@code jobs}, which imports this package).
 */
public final class RollChoices {
    private final Store store;
    private final Trainer trainer;
    private final LongFunction<Job> retrain;
    private final BiConsumer<String, Map<String, Object>> events;

    public RollChoices(Store store, Trainer trainer, LongFunction<Job> retrain, BiConsumer<String, Map<String, Object>> events) {
        this.store = store;
        this.trainer = trainer;
        this.retrain = retrain;
        this.events = events;
    }

    /**
     * Leaves roll {@code code} of set {@code setId} out of training, or puts it back; returns the
     * training queued.
     *
     * @throws InvalidInputException naming {@code roll} when the set has no roll of that code
     * @throws ConflictException when it is the set's last roll still in training
     */
    public Job leaveOut(long setId, String code, boolean leftOut) {
        RollRepository.Roll roll = roll(setId, code);
        if (leftOut) {
            Set<String> inTraining = new HashSet<>(trainer.pairs(setId).byRoll().keySet());
            inTraining.remove(code);
            if (inTraining.isEmpty()) {
                throw new ConflictException("last_roll", "roll " + code + " is the only roll of set " + setId
                        + " still in training: leaving it out would leave nothing to fit");
            }
        }
        store.rolls().setLeftOut(roll.id(), leftOut);
        events.accept("roll-left-out", Map.of("roll", roll.id(), "code", code, "set", setId, "left_out", leftOut));
        return retrain.apply(setId);
    }

    /**
     * Sets roll {@code code}'s training weight: below 1 its pairs count for that share in the fit
     * ({@code emu.calibration.pairs.RollWeights}), 1 puts it back to normal; returns the training queued.
     *
     * @throws InvalidInputException naming {@code weight} outside (0, 1], or {@code roll}
     */
    public Job weight(long setId, String code, double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new InvalidInputException("weight", "weight " + weight + " is not in (0, 1]: 1 is"
                    + " normal, e.g. 0.25 counts the roll's pairs a quarter; to drop them use leave-out");
        }
        RollRepository.Roll roll = roll(setId, code);
        store.rolls().setTrainWeight(roll.id(), weight);
        events.accept("roll-weighted", Map.of("roll", roll.id(), "code", code, "set", setId, "weight", weight));
        return retrain.apply(setId);
    }

    private RollRepository.Roll roll(long setId, String code) {
        return store.rolls().bySet(setId).stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidInputException("roll", "set " + setId + " has no roll '" + code
                        + "'; its rolls: " + String.join(", ", store.rolls().bySet(setId).stream().map(RollRepository.Roll::code).toList())));
    }
}
