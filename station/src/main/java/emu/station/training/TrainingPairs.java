package emu.station.training;

import emu.calibration.fit.Finishing;
import emu.calibration.pairs.PairSet;
import java.util.function.Consumer;

/**
 * The training's pairs prepared as {@code station fit} prepares a pairs CSV ({@link Finishing#prepare}, one step for
 * both): {@code [training] clipped_series}'s filter, then the stuck film ({@link Finishing#STUCK_MARGIN}, {@code
 * station fit}'s default margin) dropped, each said in the progress. The same pairs give the same model through the
 * daemon as through {@code station fit} on the set's pairs CSV; {@link Trainer#pairsHash} still hashes the set's pairs.
 */
final class TrainingPairs {
    private TrainingPairs() {}

    /** @throws IllegalArgumentException when no pair is left to fit */
    static Finishing.Prepared prepare(PairSet pairs, Finishing.Options finishing, Consumer<String> progress) {
        Finishing.Prepared prepared = Finishing.prepare(pairs, finishing, Double.parseDouble(Finishing.STUCK_MARGIN));
        if (finishing.clippedSeries().filters()) {
            progress.accept("clipped series (" + Finishing.name(finishing.clippedSeries()) + "): " + prepared.seriesDropped()
                    + " of " + pairs.size() + " readings leave their exposure series: not selected on");
        }
        if (!prepared.stuck().isEmpty()) {
            progress.accept("stuck film: dropped " + prepared.stuck().size() + " of " + pairs.size() + " pairs with a film"
                    + " channel within " + Finishing.STUCK_MARGIN + " of 0 or 1 (a scan pinned at its end), as station fit"
                    + " does; not clip evidence");
        }
        if (prepared.pairs().isEmpty()) {
            throw new IllegalArgumentException("no pairs left to fit: all " + pairs.size()
                    + " leave their exposure series or are stuck film");
        }
        return prepared;
    }
}
