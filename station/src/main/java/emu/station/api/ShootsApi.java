package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.errors.NotFoundException;
import emu.station.http.Json;
import emu.station.http.Params;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The digital shoot of a set (start, status, pause, resume, cancel), its bench drift (reference
 * frames, issue 20) and the re-shoot of its drifted steps, and marking one of its captures bad.
 */
final class ShootsApi {
    private ShootsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        routes.post("/api/sets/{id}/shoot", ctx -> {
            boolean retryFailed = Json.optionalBody(ctx).bool("retry_failed");
            w.shoot().start(Found.set(w.store(), Params.id(ctx)).id(), retryFailed);
            send(ctx.status(202), w.shoot().status().view());
        });
        routes.get("/api/sets/{id}/drift", ctx -> send(ctx, w.driftReshoot().view(Found.set(w.store(), Params.id(ctx)).id())));
        routes.post("/api/sets/{id}/drift/reshoot", ctx -> {
            var steps = w.driftReshoot().request(Found.set(w.store(), Params.id(ctx)).id());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("steps", steps.stream().map(d -> d.code()).toList());
            out.put("shoot", w.shoot().status().view());
            send(ctx.status(202), out);
        });
        routes.get("/api/shoot", ctx -> send(ctx, w.shoot().status().view()));
        routes.post("/api/shoot/pause", ctx -> {
            w.shoot().pause();
            send(ctx, w.shoot().status().view());
        });
        routes.post("/api/shoot/resume", ctx -> {
            w.shoot().resume();
            send(ctx, w.shoot().status().view());
        });
        routes.post("/api/shoot/cancel", ctx -> {
            w.shoot().cancel();
            send(ctx.status(202), w.shoot().status().view());
        });
        routes.post("/api/captures/{id}/bad", ctx -> {
            long id = Params.id(ctx);
            w.store().captures().byId(id).orElseThrow(() -> new NotFoundException("no capture " + id));
            BadMark mark = BadMark.of(Json.body(ctx));
            send(ctx, w.markCaptureBad(id, mark.bad(), mark.reason()));
        });
    }
}
