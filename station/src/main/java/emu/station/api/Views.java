package emu.station.api;

import emu.station.Workflows;
import emu.station.rolls.FilmShootRunner;
import emu.station.store.CaptureRepository;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepFailure;
import emu.station.store.ReadingRepository;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.ScanRepository.Scan;
import emu.station.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set view and the roll view: what the web UI's set and roll panels show, in one answer each,
 * each read with a constant number of queries however many steps, captures or shoots there are
 * (tested by {@code ViewQueriesTest}).
 */
final class Views {
    private Views() {}

    static Map<String, Object> set(Workflows w, long id) {
        Store store = w.store();
        ProfilingSet s = Found.set(store, id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", s);
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, StepFailure> failures = new LinkedHashMap<>();
        store.sets().failures(id).forEach(f -> failures.put(f.stepId(), f));
        List<CaptureRepository.Capture> captures = store.captures().bySet(id);
        Map<String, Integer> perStep = new HashMap<>();
        captures.forEach(c -> perStep.merge(c.stepId(), 1, Integer::sum));
        for (PlanStep p : store.sets().steps(id)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", p.id());
            v.put("seq", p.seq());
            v.put("code", p.code());
            v.put("illuminant", p.illuminant());
            v.put("ev", p.ev());
            v.put("captures", perStep.getOrDefault(p.id(), 0));
            v.put("failure", failures.get(p.id()));
            steps.add(v);
        }
        m.put("steps", steps);
        List<String> missing = w.rigPresets().missing(steps.stream().map(v -> (String) v.get("illuminant")).toList());
        m.put("warnings", missing.isEmpty() ? List.of() : List.of("the rig has no preset for " + String.join(", ", missing)
                + ": those steps will fail until it offers them (fix the rig's presets or make a set without them)"));
        m.put("failures", failures.values());
        m.put("captures", captures);
        m.put("rolls", store.rolls().bySet(id));
        m.put("steps_paired", store.readings().stepsPaired(id));
        m.put("corners", Map.of("capture", store.readings().corners(id, ReadingRepository.Source.CAPTURE).orElse(""),
                "scan", store.readings().corners(id, ReadingRepository.Source.SCAN).orElse("")));
        return m;
    }

    static Map<String, Object> roll(Workflows w, long id) {
        Store store = w.store();
        Roll roll = Found.roll(store, id);
        List<Frame> frames = store.rolls().frames(id);
        List<Scan> scans = store.scans().byRoll(id);
        Map<String, String> stepCodes = new HashMap<>();
        roll.setId().ifPresent(set -> store.sets().steps(set).forEach(p -> stepCodes.put(p.id(), p.code())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roll", roll);
        // issue 20: whether the operator left the roll out of training, and its lab's control strip judged
        m.put("left_out", roll.setId().map(set -> store.rolls().leftOut(set).contains(roll.code())).orElse(false));
        m.put("train_weight", store.rolls().trainWeight(id)); // V15: below 1 its pairs are down-weighted
        m.put("control_strip", w.processControl().rollView(id));
        m.put("frames", frames);
        m.put("log", store.rollLog().entries(id));
        m.put("scans", scans);
        m.put("conflicts", w.pairing().conflicts(frames, scans));
        m.put("shoots", store.filmShoots().byRoll(id).stream()
                .map(f -> FilmShootRunner.view(f, frames.size(), f.stepId().map(stepCodes::get).orElse(null))).toList());
        return m;
    }
}
