package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import emu.station.config.ExportPlans;
import emu.station.errors.ConflictException;
import emu.station.errors.InvalidInputException;
import emu.station.errors.NotFoundException;
import emu.station.http.Body;
import emu.station.http.Json;
import emu.station.http.Params;
import emu.station.store.JobRepository.Job;
import emu.station.store.JobRepository.State;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The job queue: list, cancel (a job run by another process, a worker elsewhere, stops at its next
 * step: the answer shows {@code cancel_requested} until it has), and queueing a set's training.
 */
final class JobsApi {
    private JobsApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        Store store = w.store();
        // An optional {"exports": {...}} trains with that plan instead of the config's: checked as a whole
        // before anything is queued, every bad combination named by its field (exports.haldclut.sizes).
        routes.post("/api/sets/{id}/train", ctx -> {
            long setId = Found.set(store, Params.id(ctx)).id();
            Body b = Json.optionalBody(ctx);
            if (b.has("exports")) {
                try {
                    ExportPlans.fromJson(b.node().get("exports"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("exports", e.getMessage());
                }
                send(ctx.status(202), w.training().enqueue(setId, b.node().get("exports")));
            } else {
                send(ctx.status(202), w.training().enqueue(setId));
            }
        });
        routes.get("/api/jobs", ctx -> {
            List<Job> all = new ArrayList<>();
            for (State st : State.values()) {
                all.addAll(store.jobs().inState(st));
            }
            all.sort(Comparator.comparingLong(Job::id));
            send(ctx, all);
        });
        routes.post("/api/jobs/{id}/cancel", ctx -> {
            long id = Params.id(ctx);
            Job job = store.jobs().byId(id).orElseThrow(() -> new NotFoundException("no job " + id));
            // Who asked and from which station: the worker that stops the job (maybe on another machine) records it.
            String reason = "cancelled by " + emu.station.auth.Auth.userIfAny(ctx).map(u -> u.name()).orElse("the operator")
                    + " at " + store.leases().owner();
            if (!w.training().cancel(id, reason)) {
                throw new ConflictException(job.state().name().toLowerCase(Locale.ROOT),
                        "job " + id + " is neither queued nor running");
            }
            send(ctx.status(202), store.jobs().byId(id).orElseThrow());
        });
    }
}
