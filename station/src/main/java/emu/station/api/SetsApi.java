package emu.station.api;

import static emu.station.http.Json.send;

import emu.calibration.pairs.PairsCsv;
import emu.station.Workflows;
import emu.station.errors.InvalidInputException;
import emu.station.http.Body;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.readings.ChartReadings;
import emu.station.readings.Reread;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ReadingRepository;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Profiling sets: the form's options ({@link SetOptions}), list, create (a plan the bench cannot
 * shoot refused by {@link SetPlanCheck}), edit while nothing is shot, duplicate, archive, the set view, its pairs as CSV, and its chart readings (corners
 * set by hand, re-reads queued as jobs).
 */
final class SetsApi {
    private SetsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        routes.get("/api/sets", ctx -> send(ctx, store.sets().all()));
        routes.get("/api/sets/options", ctx -> send(ctx, SetOptions.of(w))); // before {id}: matched in order
        routes.post("/api/sets", ctx -> {
            Body b = Json.body(ctx);
            // Types first (every field), then what the values mean, then whether the bench can shoot it.
            String name = SetInput.name(b);
            String stock = SetInput.stock(b, store, w.simulatedStocks().orElse(java.util.List.of()));
            String chart = b.text("chart", false);
            var lights = b.strings("illuminants");
            var evs = b.doubles("evs");
            SetPlanCheck.check(w, stock, lights);
            ProfilingSet s = w.createSet(name, stock, chart, lights, evs);
            send(ctx.status(201), Views.set(w, s.id()));
        });
        routes.get("/api/sets/{id}", ctx -> send(ctx, Views.set(w, Params.id(ctx))));
        routes.put("/api/sets/{id}", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            Body b = Json.body(ctx);
            String stock = b.text("stock", false);
            java.util.List<String> lights = b.strings("illuminants");
            SetPlanCheck.check(w, stock, lights == null ? store.sets().steps(id).stream()
                    .map(emu.station.store.ProfilingSetRepository.PlanStep::illuminant).distinct().toList() : lights);
            w.editSet(id, b.text("name", false), stock, lights, b.doubles("evs"));
            send(ctx, Views.set(w, id));
        });
        routes.post("/api/sets/{id}/duplicate", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            ProfilingSet s = w.duplicateSet(id, Json.body(ctx).text("name", true));
            send(ctx.status(201), Views.set(w, s.id()));
        });
        routes.post("/api/sets/{id}/archive", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            store.sets().archive(id, Json.body(ctx).bool("archived", true));
            send(ctx, Views.set(w, id));
        });
        routes.get("/api/sets/{id}/pairs.csv", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            ctx.contentType("text/csv").header("Content-Disposition", "attachment; filename=\"set-" + id + "-pairs.csv\"")
                    .result(PairsCsv.toCsv(w.trainer().pairs(id)));
        });
        routes.put("/api/sets/{id}/corners", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            Body b = Json.body(ctx);
            ReadingRepository.Source source = source(b.text("source", true));
            String corners = Json.write(b.node().path("corners"));
            CornersInput.check(corners, store, w.dataDir(), id, source);
            store.readings().setCorners(id, source, corners);
            send(ctx.status(202), reread(w, id, source));
        });
        routes.delete("/api/sets/{id}/corners", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            String s = ctx.queryParam("source");
            ReadingRepository.Source source = source(s == null ? "" : s);
            store.readings().clearCorners(id, source);
            send(ctx.status(202), reread(w, id, source));
        });
        routes.post("/api/sets/{id}/reread", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            send(ctx.status(202), reread(w, id, source(Json.body(ctx).text("source", true))));
        });
    }

    /** Queues a re-read of the set's readings of {@code source}; the answer names its job. */
    private static Map<String, Object> reread(Workflows w, long setId, ReadingRepository.Source source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reread", "queued");
        m.put("job", w.training().submit(Reread.KIND, Reread.payload(setId, source, w.devices().captureSampling(),
                w.devices().captureScale())));
        return m;
    }

    private static ReadingRepository.Source source(String s) {
        return switch (s) {
            case "capture" -> ReadingRepository.Source.CAPTURE;
            case "scan" -> ReadingRepository.Source.SCAN;
            default -> throw new InvalidInputException("source", "source must be \"capture\" or \"scan\", got \"" + s + "\"");
        };
    }
}
