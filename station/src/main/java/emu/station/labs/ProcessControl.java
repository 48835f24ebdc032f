package emu.station.labs;

import emu.calibration.process.ControlChart;
import emu.calibration.process.ControlValue;
import emu.calibration.process.ControlValues;
import emu.calibration.process.Evaluation;
import emu.calibration.process.Process;
import emu.calibration.process.ProcessLimits;
import emu.calibration.process.StripDensities;
import emu.station.config.StationConfig;
import emu.station.errors.NotFoundException;
import emu.station.store.ControlStripRepository.Reference;
import emu.station.store.ControlStripRepository.Strip;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the strips say, as the API serves it (snake_case maps): a roll's control values and
 * verdict against its process's limits ({@code [process_control]}), and a lab's Shewhart charts.
 * A strip whose lot has no reference yet, or whose process has no limits, is shown unjudged.
 */
public final class ProcessControl {
    private final Store store;
    private final StationConfig.ProcessControl limits;

    public ProcessControl(Store store, StationConfig.ProcessControl limits) {
        this.store = store;
        this.limits = limits;
    }

    /** Recording strips and lot references. */
    public ControlStrips strips() {
        return new ControlStrips(store);
    }

    /** The roll's strip judged, or null when none is recorded. */
    public Map<String, Object> rollView(long rollId) {
        Optional<Strip> strip = store.controlStrips().ofRoll(rollId);
        if (strip.isEmpty()) {
            return null;
        }
        Strip s = strip.get();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("lab", s.lab());
        v.put("process", s.process());
        v.put("lot", s.lot());
        v.put("date", s.date());
        v.put("source", s.source());
        v.put("densities", patches(s.densities()));
        Optional<Reference> ref = store.controlStrips().reference(s.process(), s.lot());
        v.put("reference", ref.map(r -> patches(r.densities())).orElse(null));
        Optional<ProcessLimits> l = limits.of(Process.of(s.process()));
        v.put("limits", l.map(ProcessControl::limitsView).orElse(null));
        if (ref.isEmpty()) {
            v.put("verdict", "no_reference");
            v.put("why", "no reference strip for " + s.process() + " lot " + s.lot() + ": type it once for the lot");
            return v;
        }
        ControlValues values = ControlValues.of(StripDensities.ofFlat(s.densities()), StripDensities.ofFlat(ref.get().densities()));
        Map<String, Object> cv = new LinkedHashMap<>();
        for (ControlValue c : ControlValue.values()) {
            cv.put(c.key(), values.of(c));
        }
        cv.put("ld_spread", values.spread(ControlValue.LD));
        cv.put("hd_ld_spread", values.spread(ControlValue.HD_LD));
        v.put("control_values", cv);
        if (l.isEmpty()) {
            v.put("verdict", "no_limits");
            v.put("why", "no " + s.process() + " limits are known: set [process_control." + Process.of(s.process()).key()
                    + "] in config.toml from your process manual");
            return v;
        }
        Evaluation e = Evaluation.of(values, l.get());
        v.put("verdict", e.verdict().name().toLowerCase(Locale.ROOT));
        v.put("breaches", e.breaches().stream().map(Evaluation.Breach::describe).toList());
        return v;
    }

    /** The labs with strips, each with its strip count. */
    public List<Map<String, Object>> labs() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String lab : store.controlStrips().labs()) {
            out.add(Map.of("lab", lab, "strips", store.controlStrips().ofLab(lab).size()));
        }
        return out;
    }

    /**
     * The lab's charts, one block per process it ran strips for: nine series (D-min, LD, HD−LD x
     * R, G, B), each strip's deviation by date with the limits; strips of a lot without reference
     * are listed apart (they cannot be plotted).
     *
     * @throws NotFoundException when the lab has no strips
     */
    public Map<String, Object> labChart(String lab) {
        List<Strip> strips = store.controlStrips().ofLab(lab);
        if (strips.isEmpty()) {
            throw new NotFoundException("no control strips from lab '" + lab + "'");
        }
        List<Map<String, Object>> processes = new ArrayList<>();
        List<String> unreferenced = new ArrayList<>();
        Map<String, Long> rollIds = new LinkedHashMap<>();
        for (Process p : Process.values()) {
            List<ControlChart.Strip> plotted = new ArrayList<>();
            for (Strip s : strips) {
                if (!s.process().equals(p.label())) {
                    continue;
                }
                String code = store.rolls().byId(s.rollId()).map(Roll::code).orElse("#" + s.rollId());
                rollIds.put(code, s.rollId());
                Optional<Reference> ref = store.controlStrips().reference(s.process(), s.lot());
                if (ref.isEmpty()) {
                    unreferenced.add(code);
                    continue;
                }
                plotted.add(new ControlChart.Strip(s.date(), code, ControlValues.of(StripDensities.ofFlat(s.densities()),
                        StripDensities.ofFlat(ref.get().densities()))));
            }
            if (plotted.isEmpty()) {
                continue;
            }
            Optional<ProcessLimits> l = limits.of(p);
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("process", p.label());
            block.put("limits", l.map(ProcessControl::limitsView).orElse(null));
            block.put("strips", plotted.size());
            List<Map<String, Object>> series = new ArrayList<>();
            for (ControlChart.Series s : ControlChart.of(plotted, l.orElse(null))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", s.value().key());
                m.put("label", s.value().label());
                m.put("channel", s.channel());
                m.put("action_limit", s.actionLimit());
                m.put("control_limit", s.controlLimit());
                m.put("points", s.points().stream().map(pt -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("date", pt.date());
                    x.put("roll", pt.roll());
                    x.put("roll_id", rollIds.get(pt.roll()));
                    x.put("deviation", pt.deviation());
                    x.put("verdict", pt.verdict() == null ? null : pt.verdict().name().toLowerCase(Locale.ROOT));
                    return x;
                }).toList());
                series.add(m);
            }
            block.put("series", series);
            processes.add(block);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lab", lab);
        out.put("processes", processes);
        out.put("without_reference", unreferenced);
        return out;
    }

    private static Map<String, Object> patches(double[] d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int p = 0; p < 3; p++) {
            m.put(StripDensities.PATCHES[p], new double[] {d[p * 3], d[p * 3 + 1], d[p * 3 + 2]});
        }
        return m;
    }

    private static Map<String, Object> limitsView(ProcessLimits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ControlValue c : ControlValue.values()) {
            m.put(c.key(), Map.of("action", l.of(c).action(), "control", l.of(c).control()));
        }
        m.put("spread", l.spread());
        m.put("source", l.source());
        return m;
    }
}
