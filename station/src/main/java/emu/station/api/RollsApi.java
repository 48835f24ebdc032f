package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.http.Body;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.rolls.FilmDevices;
import emu.station.rolls.FilmShootRunner;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Film rolls: load one for a set, the roll view, shoot it (film shoots: status, confirm, skip,
 * cancel), send it to a lab (or to the simulated lab), mark a frame bad.
 */
final class RollsApi {
    private RollsApi() {}

    /** A frame number the roll has (issue 16, 9: {@code skipped_frame: -5} and {@code scanned_twice: 999} were accepted). */
    private static int frameOnRoll(Body b, String key, int shot) {
        int n = b.integer(key, 0);
        if (n < 1 || n > shot) {
            throw new InvalidInputException(key, "\"" + key + "\" must be a frame on the roll, 1.." + shot + ", got " + n);
        }
        return n;
    }

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        routes.post("/api/sets/{id}/rolls", ctx -> {
            long id = Found.set(store, Params.id(ctx)).id();
            Body b = Json.body(ctx);
            String trigger = b.text("trigger", false);
            Roll r = w.rolls().load(id, b.text("code", true), b.text("camera", false),
                    b.integer("iso", 100), b.integer("frames", 36), b.bool("slate"),
                    trigger == null ? Trigger.RIG_SHUTTER : Trigger.of(trigger));
            send(ctx.status(201), Views.roll(w, r.id()));
        });
        routes.get("/api/rolls/{id}", ctx -> send(ctx, Views.roll(w, Found.roll(store, Params.id(ctx)).id())));
        routes.post("/api/rolls/{id}/shoot", ctx -> {
            long id = Found.roll(store, Params.id(ctx)).id();
            send(ctx.status(202), FilmShootRunner.view(store, w.film().start(id)));
        });
        routes.get("/api/film-shoots/{id}", ctx -> send(ctx, FilmShootRunner.view(store, Found.filmShoot(store, Params.id(ctx)))));
        routes.post("/api/film-shoots/{id}/confirm", ctx ->
                send(ctx, FilmShootRunner.view(store, w.film().confirm(Found.filmShoot(store, Params.id(ctx)).id()))));
        routes.post("/api/film-shoots/{id}/skip", ctx ->
                send(ctx, FilmShootRunner.view(store, w.film().skip(Found.filmShoot(store, Params.id(ctx)).id()))));
        routes.post("/api/film-shoots/{id}/cancel", ctx ->
                send(ctx.status(202), FilmShootRunner.view(store, w.film().cancel(Found.filmShoot(store, Params.id(ctx)).id()))));
        routes.post("/api/rolls/{id}/lab", ctx -> {
            long id = Found.roll(store, Params.id(ctx)).id();
            Body b = Json.body(ctx);
            w.rolls().sendToLab(id, b.text("lab", true), b.text("process", true), b.integer("push_pull", 0),
                    b.text("date", false));
            send(ctx, Views.roll(w, id));
        });
        routes.post("/api/rolls/{id}/sim-lab", ctx -> {
            Roll r = Found.roll(store, Params.id(ctx));
            Body b = Json.optionalBody(ctx);
            int shot = store.rolls().frames(r.id()).size();
            OptionalInt skipped = b.has("skipped_frame") ? OptionalInt.of(frameOnRoll(b, "skipped_frame", shot)) : OptionalInt.empty();
            OptionalInt twice = b.has("scanned_twice") ? OptionalInt.of(frameOnRoll(b, "scanned_twice", shot)) : OptionalInt.empty();
            int offset = b.integer("numbering_offset", 0);
            // issue 20: a lab that develops the roll further than asked (a mis-processed roll), in stops
            com.fasterxml.jackson.databind.JsonNode mis = b.has("misprocessed_stops") ? b.node().get("misprocessed_stops") : null;
            if (mis != null && !mis.isNull() && !mis.isNumber()) {
                throw new InvalidInputException("misprocessed_stops", "\"misprocessed_stops\" must be a number of stops, -3..3");
            }
            double misprocessed = mis == null || mis.isNull() ? 0 : mis.asDouble();
            FilmDevices lab = w.filmDevices().orElseThrow(() -> new ConflictException("real-devices",
                    "roll " + r.code() + " was not shot on the virtual bench; the simulated lab has nothing to develop"));
            Path out = w.dataDir().resolve("lab-inbox").resolve(r.code() + "-" + System.currentTimeMillis());
            int files = lab.develop(r.id(), offset, skipped, twice, misprocessed, out);
            send(ctx.status(201), Map.of("folder", out.toString(), "files", files));
        });
        routes.post("/api/rolls/{id}/frames/{n}/bad", ctx -> {
            long id = Found.roll(store, Params.id(ctx)).id();
            int n = Params.number(ctx, "n");
            store.rolls().frame(id, n).orElseThrow(() -> new NotFoundException("roll " + id + " has no frame " + n));
            BadMark mark = BadMark.of(Json.body(ctx));
            send(ctx, w.markFrameBad(id, n, mark.bad(), mark.reason()));
        });
    }
}
