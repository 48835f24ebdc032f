package emu.station.api;

import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.Store;
import java.util.List;

/**
 * A set written straight to the store, as one made before its rig lost a preset (or before the API
 * refused such plans): the only way left to have a set whose plan names a light the rig lacks,
 * which the set view must still warn about and the shoot must still fail with its reason.
 */
public final class SetsMadeEarlier {
    private SetsMadeEarlier() {}

    /** @return the new set's id; its stock is created when new */
    public static long withLights(Store store, String name, String stock, List<String> lights, List<Double> evs) {
        long stockId = store.stocks().byName(stock).orElseGet(() -> store.stocks().create(stock, "135", null)).id();
        return store.sets().create(name, stockId, "colorchecker24", StepSpec.grid(lights, evs)).id();
    }
}
