package emu.station.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.lab.LabQuirks;
import emu.station.Workflows;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.readings.ChartReadings;
import emu.station.readings.Reread;
import emu.station.rolls.FilmShoot;
import emu.station.store.FilmShootRepository.FilmShootRow;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.ProfilingSetRepository.StepFailure;
import emu.station.store.ReadingRepository;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflows' HTTP JSON API (routes listed in docs/api.md) and the {@code /slate} page. Every
 * {@code /api} route but {@code /api/health} passes one before-handler, the {@link #guard}: until
 * the web UI's login plugs in there, what protects the API is the listener's bind address
 * ({@code [http] bind = "127.0.0.1"} by default: this machine only). Bad input answers 400 with
 * {@code {"error": "..."}}, an unknown id 404, a conflicting state (a shoot already running) 409.
 */
public final class WorkflowApi implements StationModule {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowApi.class);
    /** JSON for API answers: records as objects, Optional as its value or null, Instant as ISO-8601. */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
            .addSerializer(java.time.Instant.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer())
            .addSerializer(new OptionalSerializer()));

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class OptionalSerializer extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Optional> {
        OptionalSerializer() {
            super(Optional.class);
        }

        @Override
        public void serialize(Optional value, com.fasterxml.jackson.core.JsonGenerator gen,
                              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), gen);
            } else {
                gen.writeNull();
            }
        }
    }

    static void send(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON: " + e.getMessage(), e);
        }
    }

    private final Handler guard;

    /** @param guard runs before every {@code /api} route except {@code /api/health}; throw to refuse */
    public WorkflowApi(Handler guard) {
        this.guard = guard;
    }

    /** The API until login exists: open to whoever can reach the bind address. */
    public static WorkflowApi open() {
        return new WorkflowApi(ctx -> { });
    }

    @Override
    public void install(Daemon daemon, RoutesConfig routes) throws Exception {
        Workflows w = Workflows.open(daemon.config(), daemon.store(), (event, data) -> {
            try {
                daemon.events().broadcast(event, JSON.writeValueAsString(data));
            } catch (Exception e) {
                LOG.warn("event {} not sent: {}", event, e.toString());
            }
        });
        daemon.closeOnStop(w);
        register(routes, w, guard);
    }

    static void register(RoutesConfig routes, Workflows w, Handler guard) {
        Store store = w.store();
        routes.before("/api/*", ctx -> {
            if (!ctx.path().equals("/api/health")) {
                guard.handle(ctx);
            }
        });
        routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        routes.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        routes.exception(java.time.format.DateTimeParseException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));

        routes.get("/api/devices", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", w.devices().camera().describe());
            m.put("rig", w.devices().rig().device());
            m.put("virtual_bench", w.devices().bench().isPresent());
            send(ctx, m);
        });
        routes.get("/api/stocks", ctx -> send(ctx, store.stocks().all()));
        routes.get("/api/sets", ctx -> send(ctx, store.sets().all()));
        routes.post("/api/sets", ctx -> {
            JsonNode b = body(ctx);
            ProfilingSet s = w.createSet(text(b, "name", true), text(b, "stock", true), text(b, "chart", false),
                    strings(b, "illuminants"), doubles(b, "evs"));
            send(ctx.status(201), setView(w, s.id()));
        });
        routes.get("/api/sets/{id}", ctx -> send(ctx, setView(w, id(ctx))));
        routes.get("/api/sets/{id}/pairs.csv", ctx -> {
            long id = id(ctx);
            set(store, id);
            ctx.contentType("text/csv").header("Content-Disposition", "attachment; filename=\"set-" + id + "-pairs.csv\"")
                    .result(PairsCsv.toCsv(w.trainer().pairs(id)));
        });
        routes.put("/api/sets/{id}/corners", ctx -> {
            long id = id(ctx);
            set(store, id);
            JsonNode b = body(ctx);
            ReadingRepository.Source source = source(text(b, "source", true));
            String corners = JSON.writeValueAsString(b.path("corners"));
            ChartReadings.parseCorners(corners);
            store.readings().setCorners(id, source, corners);
            send(ctx.status(202), reread(w, id, source));
        });
        routes.delete("/api/sets/{id}/corners", ctx -> {
            long id = id(ctx);
            set(store, id);
            String s = ctx.queryParam("source");
            ReadingRepository.Source source = source(s == null ? "" : s);
            store.readings().clearCorners(id, source);
            send(ctx.status(202), reread(w, id, source));
        });
        routes.post("/api/sets/{id}/reread", ctx -> {
            long id = id(ctx);
            set(store, id);
            send(ctx.status(202), reread(w, id, source(text(body(ctx), "source", true))));
        });
        routes.post("/api/sets/{id}/shoot", ctx -> {
            JsonNode b = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
            w.shoot().start(set(store, id(ctx)).id(), bool(b, "retryFailed"));
            send(ctx.status(202), w.shoot().status().view());
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
        routes.post("/api/sets/{id}/rolls", ctx -> {
            long id = set(store, id(ctx)).id();
            JsonNode b = body(ctx);
            String trigger = text(b, "trigger", false);
            Roll r = w.film().load(id, text(b, "code", true), text(b, "camera", false),
                    integer(b, "iso", 100), integer(b, "frames", 36), bool(b, "slate"),
                    trigger == null ? Trigger.RIG_SHUTTER : Trigger.of(trigger));
            send(ctx.status(201), rollView(w, r.id()));
        });
        routes.get("/api/rolls/{id}", ctx -> send(ctx, rollView(w, roll(store, id(ctx)).id())));
        routes.post("/api/rolls/{id}/shoot", ctx -> {
            long id = roll(store, id(ctx)).id();
            send(ctx.status(202), FilmShoot.view(store, w.film().start(id)));
        });
        routes.get("/api/film-shoots/{id}", ctx -> send(ctx, FilmShoot.view(store, filmShoot(store, id(ctx)))));
        routes.post("/api/film-shoots/{id}/confirm", ctx ->
                send(ctx, FilmShoot.view(store, w.film().confirm(filmShoot(store, id(ctx)).id()))));
        routes.post("/api/film-shoots/{id}/skip", ctx ->
                send(ctx, FilmShoot.view(store, w.film().skip(filmShoot(store, id(ctx)).id()))));
        routes.post("/api/film-shoots/{id}/cancel", ctx ->
                send(ctx.status(202), FilmShoot.view(store, w.film().cancel(filmShoot(store, id(ctx)).id()))));
        routes.post("/api/rolls/{id}/lab", ctx -> {
            long id = roll(store, id(ctx)).id();
            JsonNode b = body(ctx);
            w.film().sendToLab(id, text(b, "lab", true), text(b, "process", true), integer(b, "push_pull", 0),
                    text(b, "date", false));
            send(ctx, rollView(w, id));
        });
        routes.post("/api/rolls/{id}/sim-lab", ctx -> {
            Roll r = roll(store, id(ctx));
            JsonNode b = ctx.body().isBlank() ? JSON.createObjectNode() : body(ctx);
            LabQuirks q = LabQuirks.NONE.withNumberingOffset(integer(b, "numbering_offset", 0));
            if (b.has("skipped_frame")) {
                q = q.withSkippedFrame(integer(b, "skipped_frame", 0));
            }
            if (b.has("scanned_twice")) {
                q = q.withScannedTwice(integer(b, "scanned_twice", 0));
            }
            Path out = w.dataDir().resolve("lab-inbox").resolve(r.code() + "-" + System.currentTimeMillis());
            var files = w.film().simulatedLab(r.id(), q, out, line -> { });
            send(ctx.status(201), Map.of("folder", out.toString(), "files", files.size()));
        });
        routes.post("/api/rolls/{id}/scans", ctx -> {
            Roll r = roll(store, id(ctx));
            ScanSource src = scanSource(ctx, w.dataDir());
            try {
                var report = w.scans().importScans(r.id(), src.path());
                r.setId().ifPresent(w::setChanged);
                send(ctx, report);
            } finally {
                if (src.temporary()) {
                    Files.deleteIfExists(src.path());
                }
            }
        });
        routes.get("/api/rolls/{id}/pairing", ctx -> send(ctx, w.scans().conflicts(roll(store, id(ctx)).id())));
        routes.post("/api/rolls/{id}/pairing", ctx -> {
            Roll r = roll(store, id(ctx));
            JsonNode b = body(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            if (b.has("offset")) {
                m.put("paired", w.scans().applyOffset(r.id(), integer(b, "offset", 0)));
            } else if (b.has("scan") && b.has("frame")) {
                w.scans().pair(r.id(), integer(b, "scan", 0), integer(b, "frame", 0));
                m.put("paired", 1);
            } else {
                throw new IllegalArgumentException("give {\"offset\": N} or {\"scan\": ID, \"frame\": N}");
            }
            r.setId().ifPresent(w::setChanged);
            m.put("conflicts", w.scans().conflicts(r.id()));
            send(ctx, m);
        });
        routes.post("/api/captures/{id}/bad", ctx -> {
            long id = id(ctx);
            store.captures().byId(id).orElseThrow(() -> new NotFoundResponse("no capture " + id));
            BadMark mark = badMark(body(ctx));
            send(ctx, w.markCaptureBad(id, mark.bad(), mark.reason()));
        });
        routes.post("/api/scans/{id}/bad", ctx -> {
            long id = id(ctx);
            store.scans().byId(id).orElseThrow(() -> new NotFoundResponse("no scan " + id));
            BadMark mark = badMark(body(ctx));
            send(ctx, w.markScanBad(id, mark.bad(), mark.reason()));
        });
        routes.post("/api/rolls/{id}/frames/{n}/bad", ctx -> {
            long id = roll(store, id(ctx)).id();
            int n = number(ctx, "n");
            store.rolls().frame(id, n).orElseThrow(() -> new NotFoundResponse("roll " + id + " has no frame " + n));
            BadMark mark = badMark(body(ctx));
            send(ctx, w.markFrameBad(id, n, mark.bad(), mark.reason()));
        });
        routes.post("/api/sets/{id}/train", ctx -> send(ctx.status(202), w.training().enqueue(set(store, id(ctx)).id())));
        routes.get("/api/jobs", ctx -> {
            List<emu.station.store.JobRepository.Job> all = new ArrayList<>();
            for (var st : emu.station.store.JobRepository.State.values()) {
                all.addAll(store.jobs().inState(st));
            }
            all.sort(java.util.Comparator.comparingLong(emu.station.store.JobRepository.Job::id));
            send(ctx, all);
        });
        routes.post("/api/jobs/{id}/cancel", ctx -> {
            long id = id(ctx);
            store.jobs().byId(id).orElseThrow(() -> new NotFoundResponse("no job " + id));
            if (!w.training().cancel(id)) {
                throw new IllegalStateException("job " + id + " is neither queued nor running");
            }
            send(ctx.status(202), store.jobs().byId(id).orElseThrow());
        });
        routes.get("/api/sets/{id}/models", ctx -> {
            long id = set(store, id(ctx)).id();
            List<Map<String, Object>> out = new ArrayList<>();
            for (var m : store.training().models(id)) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("model", m);
                v.put("exports", store.training().exports(m.id()));
                out.add(v);
            }
            send(ctx, out);
        });
        routes.get("/slate", ctx -> Slate.render(ctx, w));
    }

    private record ScanSource(Path path, boolean temporary) {}

    private record BadMark(boolean bad, String reason) {}

    /** {@code {"bad": true|false, "reason": "..."}}: bad is required, so a typo cannot unmark silently. */
    private static BadMark badMark(JsonNode b) {
        if (!b.has("bad") || !b.get("bad").isBoolean()) {
            throw new IllegalArgumentException("\"bad\" is required: true or false");
        }
        return new BadMark(b.get("bad").asBoolean(), text(b, "reason", false));
    }

    /** A zip in the body ({@code application/zip}), or {@code {"path": "..."}} naming a folder or zip on the station. */
    private static ScanSource scanSource(Context ctx, Path dataDir) throws Exception {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/zip") || type.startsWith("application/octet-stream")) {
            Path tmp = Files.createTempFile(dataDir, ".upload-", ".zip");
            Files.write(tmp, ctx.bodyAsBytes());
            return new ScanSource(tmp, true);
        }
        return new ScanSource(inInbox(dataDir, text(body(ctx), "path", true)), false);
    }

    /**
     * A request may name scans only inside the data directory's {@code lab-inbox/} (where labs'
     * deliveries are dropped and the simulated lab delivers): no request reaches the rest of the
     * filesystem. Relative names resolve against the inbox; anything outside it is a 404, as if absent.
     */
    static Path inInbox(Path dataDir, String requested) throws java.io.IOException {
        Path inbox = dataDir.resolve("lab-inbox");
        Files.createDirectories(inbox);
        Path root = inbox.toRealPath();
        Path asked = root.resolve(requested).normalize();
        if (!asked.startsWith(root)) {
            throw new NotFoundResponse("no scans at '" + requested + "': imports read only from " + root);
        }
        if (!Files.exists(asked)) {
            throw new BadRequestResponse("no scans at '" + requested + "' (looked in " + root + ")");
        }
        if (!asked.toRealPath().startsWith(root)) {
            throw new NotFoundResponse("no scans at '" + requested + "': imports read only from " + root);
        }
        return asked;
    }

    static Map<String, Object> setView(Workflows w, long id) {
        Store store = w.store();
        ProfilingSet s = set(store, id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", s);
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, StepFailure> failures = new LinkedHashMap<>();
        store.sets().failures(id).forEach(f -> failures.put(f.stepId(), f));
        for (PlanStep p : store.sets().steps(id)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", p.id());
            v.put("seq", p.seq());
            v.put("code", p.code());
            v.put("illuminant", p.illuminant());
            v.put("ev", p.ev());
            v.put("captures", store.captures().byStep(p.id()).size());
            v.put("failure", failures.get(p.id()));
            steps.add(v);
        }
        m.put("steps", steps);
        List<String> missing = w.lightsWithoutPreset(steps.stream().map(v -> (String) v.get("illuminant")).toList());
        m.put("warnings", missing.isEmpty() ? List.of() : List.of("the rig has no preset for " + String.join(", ", missing)
                + ": those steps will fail until it offers them (fix the rig's presets or make a set without them)"));
        m.put("failures", failures.values());
        m.put("captures", store.captures().bySet(id));
        m.put("rolls", store.rolls().bySet(id));
        m.put("steps_paired", store.readings().stepsPaired(id));
        m.put("corners", Map.of("capture", store.readings().corners(id, ReadingRepository.Source.CAPTURE).orElse(""),
                "scan", store.readings().corners(id, ReadingRepository.Source.SCAN).orElse("")));
        return m;
    }

    static Map<String, Object> rollView(Workflows w, long id) {
        Store store = w.store();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roll", roll(store, id));
        m.put("frames", store.rolls().frames(id));
        m.put("log", store.rollLog().entries(id));
        m.put("scans", store.scans().byRoll(id));
        m.put("conflicts", w.scans().conflicts(id));
        m.put("shoots", store.filmShoots().byRoll(id).stream().map(f -> FilmShoot.view(store, f)).toList());
        return m;
    }

    private static void error(Context ctx, int status, String message) {
        send(ctx.status(status), Map.of("error", message == null ? "error" : message));
    }

    private static long id(Context ctx) {
        return number(ctx, "id");
    }

    private static int number(Context ctx, String param) {
        try {
            return Math.toIntExact(Long.parseLong(ctx.pathParam(param)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestResponse(param + " must be a number, got '" + ctx.pathParam(param) + "'");
        }
    }

    private static ProfilingSet set(Store store, long id) {
        return store.sets().byId(id).orElseThrow(() -> new NotFoundResponse("no profiling set " + id));
    }

    private static FilmShootRow filmShoot(Store store, long id) {
        return store.filmShoots().byId(id).orElseThrow(() -> new NotFoundResponse("no film shoot " + id));
    }

    private static Roll roll(Store store, long id) {
        return store.rolls().byId(id).orElseThrow(() -> new NotFoundResponse("no roll " + id));
    }

    /** Queues a re-read of the set's readings of {@code source}; the answer names its job. */
    private static Map<String, Object> reread(Workflows w, long setId, ReadingRepository.Source source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reread", "queued");
        m.put("job", w.training().submit(Reread.KIND, Reread.payload(setId, source)));
        return m;
    }

    private static ReadingRepository.Source source(String s) {
        return switch (s) {
            case "capture" -> ReadingRepository.Source.CAPTURE;
            case "scan" -> ReadingRepository.Source.SCAN;
            default -> throw new IllegalArgumentException("source must be \"capture\" or \"scan\", got \"" + s + "\"");
        };
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode n = JSON.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode b, String key, boolean required) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("\"" + key + "\" is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode b, String key, int def) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("\"" + key + "\" must be true or false");
        }
        return v.asBoolean();
    }

    private static List<String> strings(JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an array of strings");
        }
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new IllegalArgumentException("\"" + key + "\" must be an array of non-empty strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static List<Double> doubles(JsonNode b, String key) {
        JsonNode v = b.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an array of numbers");
        }
        for (JsonNode e : v) {
            if (!e.isNumber()) {
                throw new IllegalArgumentException("\"" + key + "\" must be an array of numbers");
            }
            out.add(e.asDouble());
        }
        return out;
    }
}
