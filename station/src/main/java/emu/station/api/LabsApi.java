package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.http.Body;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.labs.ControlStrips;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * Lab process control (issue 20): a roll's control strip typed, a strip lot's reference strip,
 * the labs with strips, and a lab's process-control charts.
 */
final class LabsApi {
    private LabsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        routes.post("/api/rolls/{id}/control-strip", ctx -> {
            long id = Found.roll(store, Params.id(ctx)).id();
            Body b = Json.body(ctx);
            double[] d = ControlStrips.densities(b.doubles("dmin"), b.doubles("ld"), b.doubles("hd"));
            w.processControl().strips().record(id, b.text("lab", false), b.text("process", false), b.text("lot", true),
                    b.text("date", false), d, "typed");
            send(ctx.status(201), Views.roll(w, id));
        });
        // the strip read from its scan: the image is the body; lot (required), lab, process, date as query parameters
        routes.post("/api/rolls/{id}/control-strip/scan", ctx -> {
            long id = Found.roll(store, Params.id(ctx)).id();
            w.processControl().strips().recordScan(id, ctx.queryParam("lab"), ctx.queryParam("process"), ctx.queryParam("lot"),
                    ctx.queryParam("date"), ctx.bodyAsBytes());
            send(ctx.status(201), Views.roll(w, id));
        });
        routes.post("/api/strip-references", ctx -> {
            Body b = Json.body(ctx);
            double[] d = ControlStrips.densities(b.doubles("dmin"), b.doubles("ld"), b.doubles("hd"));
            var ref = w.processControl().strips().putReference(b.text("process", true), b.text("lot", true), d);
            send(ctx.status(201), Map.of("process", ref.process(), "lot", ref.lot(), "recorded_at", ref.recordedAt().toString()));
        });
        routes.get("/api/labs", ctx -> send(ctx, w.processControl().labs()));
        routes.get("/api/labs/{lab}/process-control", ctx -> send(ctx, w.processControl().labChart(ctx.pathParam("lab"))));
    }
}
