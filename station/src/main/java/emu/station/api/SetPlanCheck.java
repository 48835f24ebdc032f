package emu.station.api;

import emu.station.Workflows;
import emu.station.errors.InvalidInputException;
import java.util.List;

/**
 * What a new set's plan must hold before it is made, so a set cannot be created that the bench
 * cannot shoot: a stock the film side can serve and lights the rig has presets for. The chart and
 * the EV range are checked by {@link Workflows#createSet}. The set resource's one validation class
 * (other resources keep theirs beside their handlers).
 */
final class SetPlanCheck {
    private SetPlanCheck() {}

    /**
     * @param lights the plan's lights as asked, or null for the config's default plan
     * @throws InvalidInputException naming {@code stock} or {@code illuminants}
     */
    static void check(Workflows w, String stock, List<String> lights) {
        w.simulatedStocks().ifPresent(stocks -> {
            if (stock != null && !stock.isBlank() && !stocks.contains(stock)) {
                throw new InvalidInputException("stock", "stock '" + stock + "' is not a simulated film stock; the virtual"
                        + " bench's film camera loads " + String.join(", ", stocks));
            }
        });
        List<String> asked = lights != null ? lights : w.config().plan().illuminants();
        List<String> missing = w.rigPresets().missing(asked);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("illuminants", "the rig has no preset for " + String.join(", ", missing)
                    + (lights == null ? " (config.toml [plan] illuminants)" : "") + "; its presets are "
                    + String.join(", ", w.rigPresets().all()));
        }
    }
}
