package emu.station;

import emu.calibration.chart.ChartSpecs;
import emu.station.config.StationConfig;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.store.ProfilingSetRepository;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.StockRepository.Stock;
import emu.station.store.Store;
import java.util.List;

/**
 * Profiling sets as the operator makes them: created from a plan (or {@code config.toml}'s
 * default), edited while nothing of them is shot, duplicated. Names are unique; a new stock name
 * is added to the catalogue. What the bench can shoot is checked by the API
 * ({@code api.SetPlanCheck}), so a set made earlier may still name a light its rig lost.
 */
final class ProfilingSets {
    private final StationConfig config;
    private final Store store;

    ProfilingSets(StationConfig config, Store store) {
        this.config = config;
        this.store = store;
    }

    /**
     * Creates a profiling set: the stock (created when new), the chart and plan from the
     * arguments or, when null, from {@code config.toml}'s {@code [chart]} and {@code [plan]}.
     */
    public ProfilingSet create(String name, String stock, String chart, List<String> illuminants, List<Double> evs) {
        if (stock == null || stock.isBlank()) {
            throw new InvalidInputException("stock", "stock: name the film stock the set profiles");
        }
        String chartName = chart != null ? chart : config.chart().type().name().toLowerCase(java.util.Locale.ROOT);
        try {
            ChartSpecs.byName(chartName);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("chart", e.getMessage(), e);
        }
        List<StepSpec> plan = plan(illuminants, evs);
        return store.atomically(() -> {
            Stock s = stock(stock);
            if (store.sets().all().stream().anyMatch(x -> x.name().equals(name))) {
                throw new InvalidInputException("name", "a profiling set named '" + name + "' exists already");
            }
            return store.sets().create(name, s.id(), chartName, plan);
        });
    }

    /** The plan's steps from the lights and EVs asked, or when null from {@code config.toml}'s {@code [plan]}. */
    private List<StepSpec> plan(List<String> illuminants, List<Double> evs) {
        List<String> lights = illuminants != null ? illuminants : config.plan().illuminants();
        List<Double> exposures = evs != null ? evs : config.plan().ev().values();
        for (double ev : exposures) {
            if (!(ev >= -10 && ev <= 10)) {
                throw new InvalidInputException("evs", "ev " + ev + " is outside -10..10");
            }
        }
        if (lights.isEmpty() || exposures.isEmpty()) {
            throw new InvalidInputException(null, "a plan needs at least one illuminant and one ev");
        }
        return StepSpec.grid(lights, exposures);
    }

    private Stock stock(String stock) {
        return store.stocks().byName(stock).orElseGet(() -> store.stocks().create(stock, "135", null));
    }

    /**
     * Changes a set nothing of which is shot: its name, stock and plan; null keeps what the set has
     * (its plan's lights and EVs, in plan order).
     *
     * @throws emu.station.errors.ConflictException when something of the set was shot
     */
    public ProfilingSet edit(long id, String name, String stock, List<String> illuminants, List<Double> evs) {
        ProfilingSet set = store.sets().byId(id).orElseThrow(() -> new NotFoundException("no profiling set " + id));
        List<ProfilingSetRepository.PlanStep> steps = store.sets().steps(id);
        List<StepSpec> plan = plan(illuminants != null ? illuminants
                        : steps.stream().map(ProfilingSetRepository.PlanStep::illuminant).distinct().toList(),
                evs != null ? evs : steps.stream().map(ProfilingSetRepository.PlanStep::ev).distinct().toList());
        String newName = name == null || name.isBlank() ? set.name() : name;
        return store.atomically(() -> {
            if (!newName.equals(set.name()) && store.sets().all().stream().anyMatch(x -> x.name().equals(newName))) {
                throw new InvalidInputException("name", "a profiling set named '" + newName + "' exists already");
            }
            long stockId = stock == null || stock.isBlank() ? set.stockId() : stock(stock).id();
            return store.sets().edit(id, newName, stockId, plan);
        });
    }

    /** A new set with the same stock, chart and plan as set {@code id}, nothing shot. */
    public ProfilingSet duplicate(long id, String name) {
        ProfilingSet set = store.sets().byId(id).orElseThrow(() -> new NotFoundException("no profiling set " + id));
        List<StepSpec> plan = store.sets().steps(id).stream().map(p -> new StepSpec(p.illuminant(), p.ev())).toList();
        return store.atomically(() -> {
            if (store.sets().all().stream().anyMatch(x -> x.name().equals(name))) {
                throw new InvalidInputException("name", "a profiling set named '" + name + "' exists already");
            }
            return store.sets().create(name, set.stockId(), set.chart(), plan);
        });
    }
}
