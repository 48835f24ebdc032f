package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.errors.NotFoundException;
import emu.station.http.Json;
import emu.station.http.Params;
import io.javalin.config.RoutesConfig;

/**
 * The digital shoot of a set (start, status, pause, resume, cancel), its bench drift (reference
 * frames, issue 20) and marking one of its captures bad.
 */
final class ShootsApi {
    private ShootsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        routes.post("/api/sets/{id}/shoot", ctx -> {
            boolean retryFailed = Json.optionalBody(ctx).bool("retry_failed");
            w.shoot().start(Found.set(w.store(), Params.id(ctx)).id(), retryFailed);
            send(ctx.status(202), w.shoot().status().view());
        });
        routes.get("/api/sets/{id}/drift", ctx -> send(ctx, emu.station.shoot.BenchDrift.view(
                w.store().drift().ofSet(Found.set(w.store(), Params.id(ctx)).id()), w.config().drift().thresholdPercent())));
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
