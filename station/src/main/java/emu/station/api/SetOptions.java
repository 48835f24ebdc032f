package emu.station.api;

import emu.station.Workflows;
import emu.station.store.StockRepository.Stock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the set form offers ({@code GET /api/sets/options}): the stocks the film side can serve
 * (the virtual bench's simulated stocks, or the stock catalogue for a real film camera), the
 * rig's presets as lights, and the config's default plan with its step count and estimated shoot
 * time.
 */
final class SetOptions {
    /**
     * Seconds a step takes besides the configured settle: switching the light, the capture and
     * its transfer and write. An assumption (a tethered 16 MP RAW over USB 2 takes 1-3 s), so the
     * estimate is rounded up and said to be one.
     */
    static final double STEP_SECONDS = 3.0;

    private SetOptions() {}

    static Map<String, Object> of(Workflows w) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> sim = w.simulatedStocks().orElse(null);
        m.put("stocks", sim != null ? sim : w.store().stocks().all().stream().map(Stock::name).toList());
        m.put("stocks_from", sim != null ? "virtual bench" : "catalogue");
        m.put("lights", w.rigPresets().all());
        List<String> lights = w.config().plan().illuminants();
        List<Double> evs = w.config().plan().ev().values();
        int steps = lights.size() * evs.size();
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("illuminants", lights);
        plan.put("evs", evs);
        plan.put("steps", steps);
        plan.put("step_seconds", stepSeconds(w));
        plan.put("estimated_seconds", (long) Math.ceil(steps * stepSeconds(w)));
        m.put("plan", plan);
        m.put("ev_range", List.of(-10, 10));
        return m;
    }

    /** The estimated seconds per step: the rig's settle ({@code [rig] settle_seconds}) and {@link #STEP_SECONDS}. */
    static double stepSeconds(Workflows w) {
        return w.config().rig().settleSeconds() + STEP_SECONDS;
    }
}
