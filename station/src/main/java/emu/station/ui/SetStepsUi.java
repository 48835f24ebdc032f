package emu.station.ui;

import emu.station.errors.NotFoundException;
import emu.station.http.Params;
import emu.station.store.OverviewRepository.StepRow;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/ui/sets/{id}/steps}: a set's plan steps, each with its capture, scan and frame and
 * the capture's exposure (clipped patches, peak, under-exposed): the pairing page.
 */
final class SetStepsUi {
    private final Store store;

    SetStepsUi(Store store) {
        this.store = store;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/sets/{id}/steps", this::steps);
    }

    private void steps(Context ctx) {
        ProfilingSet set = Params.idIfNumber(ctx).flatMap(store.sets()::byId)
                .orElseThrow(() -> new NotFoundException("not found"));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepRow r : store.overview().steps(set.id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.stepId());
            m.put("seq", r.seq());
            m.put("code", r.code());
            m.put("illuminant", r.illuminant());
            m.put("ev", r.ev());
            m.put("capture_id", r.captureId().orElse(null));
            m.put("scan_id", r.scanId().orElse(null));
            m.put("frame", r.frame().orElse(null));
            m.put("clipped", r.clipped());
            m.put("peak", r.peak().orElse(null));
            m.put("under_exposed", r.underExposed());
            steps.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("set", setJson(set));
        out.put("lease", UiModule.lease(store.setLeases().of(set.id())));
        out.put("steps", steps);
        ctx.json(out);
    }

    private static Map<String, Object> setJson(ProfilingSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("chart", s.chart());
        m.put("status", UiModule.lower(s.status()).replace('-', '_'));
        m.put("created_at", s.createdAt().toString());
        return m;
    }
}
