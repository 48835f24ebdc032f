package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.errors.NotFoundException;
import emu.station.http.Params;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A set's trained models, each with its exports. */
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
                out.add(v);
            }
            send(ctx, out);
        });
        // Issue 14: a kept model exported again by the current [exports] plan, without refitting.
        routes.post("/api/models/{id}/exports", ctx -> {
            long id = Params.id(ctx);
            store.training().model(id).orElseThrow(() -> new NotFoundException("no model " + id));
            w.trainer().reexport(id, line -> { });
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("exports", store.training().exports(id));
            v.put("export_failures", store.training().exportFailures(id));
            send(ctx, v);
        });
    }
}
