package emu.station.api;

import static emu.station.http.Json.send;

import emu.calibration.rolls.RollReport;
import emu.calibration.rolls.RollSpread;
import emu.station.Workflows;
import emu.station.errors.NotFoundException;
import emu.station.http.Params;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set's trained models, each with its exports and, when fitted roll-aware, its roll spread
 * ({@code rolls}: the spread, each roll's distance from the nominal and flag); a roll left out of
 * training or put back (issue 20), which queues a training of the set; a model's re-export, queued.
 */
final class ModelsApi {
    private ModelsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        routes.get("/api/sets/{id}/models", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            List<Map<String, Object>> out = new ArrayList<>();
            for (var m : store.training().models(id)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("model", m);
                v.put("exports", store.training().exports(m.id()));
                v.put("export_failures", store.training().exportFailures(m.id()));
                v.put("rolls", rollSummary(w.trainer().rolls(m.id()), store.rolls().trainWeights(id)));
                out.add(v);
            }
            send(ctx, out);
        });
        // Issue 20: "leave this roll out and refit" (and its undo); 202 with the queued training job.
        routes.post("/api/sets/{id}/rolls/{code}/leave-out", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            send(ctx.status(202), Map.of("job", w.rollChoices().leaveOut(id, ctx.pathParam("code"), true),
                    "left_out", store.rolls().leftOut(id)));
        });
        routes.post("/api/sets/{id}/rolls/{code}/put-back", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            send(ctx.status(202), Map.of("job", w.rollChoices().leaveOut(id, ctx.pathParam("code"), false),
                    "left_out", store.rolls().leftOut(id)));
        });
        // Issue 20: a roll's pairs down-weighted in training ({"weight": w}, w in (0, 1], default 0.25; 1 = normal).
        routes.post("/api/sets/{id}/rolls/{code}/weight", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            com.fasterxml.jackson.databind.JsonNode n = emu.station.http.Json.optionalBody(ctx).node().get("weight");
            if (n != null && !n.isNumber()) {
                throw new emu.station.errors.InvalidInputException("weight", "weight must be a number in (0, 1], got " + n);
            }
            double weight = n == null ? emu.calibration.pairs.RollWeights.DOWN_WEIGHT : n.asDouble();
            send(ctx.status(202), Map.of("job", w.rollChoices().weight(id, ctx.pathParam("code"), weight),
                    "weights", store.rolls().weights(id)));
        });
        // Issue 14: a kept model exported again by the current [exports] plan, without refitting; a queue job
        // (issue 21) that this station or a worker runs: 202 with the job, the model's page shows the result.
        routes.post("/api/models/{id}/exports", ctx -> {
            long id = Params.id(ctx);
            store.training().model(id).orElseThrow(() -> new NotFoundException("no model " + id));
            send(ctx.status(202), Map.of("job", w.training().enqueueExport(id)));
        });
    }

    /**
     * The roll spread in brief, or null for a model not fitted roll-aware; each roll's training weight
     * is the set's now ({@code weights}: the down-weighted rolls), which the next training uses.
     */
    static Map<String, Object> rollSummary(RollReport r, Map<String, Double> weights) {
        if (r == null) {
            return null;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("mean_spread", r.meanSpread());
        v.put("flagged", r.flagged());
        v.put("left_out", r.leftOut());
        v.put("excluded", r.excluded());
        List<Map<String, Object>> rolls = new ArrayList<>();
        for (RollSpread s : r.spread()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("roll", s.roll());
            x.put("mean_delta_e", s.meanDeltaE());
            x.put("flagged", s.flagged());
            x.put("flag_reason", s.flagReason());
            x.put("weight", weights.getOrDefault(s.roll(), 1.0));
            rolls.add(x);
        }
        v.put("rolls", rolls);
        return v;
    }
}
