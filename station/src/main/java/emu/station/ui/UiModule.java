package emu.station.ui;

import emu.devices.camera.CapturedFile;
import emu.station.auth.Auth;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.shoot.Devices;
import emu.station.store.JobRepository.Job;
import emu.station.store.OverviewRepository.StepRow;
import emu.station.store.OverviewRepository.StoredFile;
import emu.station.store.ProfilingSetRepository.ProfilingSet;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The web UI's server side: the static pages from the classpath folder {@code web/} (the
 * {@code web-ui} module), and the read models the pages need that the workflow API does not give
 * ({@code /api/ui/...}): the dashboard, a set's steps for pairing, thumbnails, and downloads.
 *
 * <p>Files are only ever found by database id; a request never names a path, so nothing outside
 * the data directory can be reached. Every route here sits behind {@link Auth}'s guard.
 */
public final class UiModule implements StationModule {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon");
    private static final String ASSET_NAME = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(html|js|css|svg|png|ico)";

    private Store store;
    private StationConfig config;
    private Thumbnails thumbnails;

    @Override
    public void install(Daemon daemon, RoutesConfig routes) {
        this.store = daemon.store();
        this.config = daemon.config();
        this.thumbnails = new Thumbnails(config.station().dataDir().resolve("cache").resolve("thumbs"));
        routes.get("/", ctx -> asset(ctx, "index.html"));
        routes.get("/login", ctx -> asset(ctx, "login.html"));
        routes.get("/assets/{name}", ctx -> asset(ctx, "assets/" + ctx.pathParam("name")));
        routes.get("/api/ui/dashboard", this::dashboard);
        routes.get("/api/ui/sets/{id}/steps", this::steps);
        routes.get("/api/ui/captures/{id}/thumb", ctx -> thumb(ctx, store.overview()::captureFile, this::captureTone));
        routes.get("/api/ui/scans/{id}/thumb", ctx -> thumb(ctx, store.overview()::scanFile, f -> Thumbnails.Tone.DISPLAY_ENCODED));
        ReadingGeometry geometry = new ReadingGeometry(store, this::resolve);
        routes.get("/api/ui/captures/{id}/geometry", geometry::capture);
        routes.get("/api/ui/scans/{id}/geometry", geometry::scan);
        routes.get("/api/ui/captures/{id}/file", ctx -> download(ctx, store.overview()::captureFile));
        routes.get("/api/ui/scans/{id}/file", ctx -> download(ctx, store.overview()::scanFile));
        routes.get("/api/ui/exports/{id}/file", ctx -> download(ctx, store.overview()::exportFile));
        new ModelPages(store, config.station().dataDir()).install(routes);
        new LutPreview(store, config).install(routes);
    }

    private static void asset(Context ctx, String name) throws IOException {
        String file = name.substring(name.lastIndexOf('/') + 1);
        if (!file.matches(ASSET_NAME)) {
            notFound(ctx);
            return;
        }
        try (InputStream in = UiModule.class.getClassLoader().getResourceAsStream("web/" + name)) {
            if (in == null) {
                notFound(ctx);
                return;
            }
            ctx.contentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
            ctx.result(in.readAllBytes());
        }
    }

    private void dashboard(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", Auth.user(ctx).name());
        Map<String, Object> devices = new LinkedHashMap<>();
        StationConfig.Camera cam = config.camera();
        devices.put("camera", Map.of("driver", lower(cam.driver()), "model", cam.model(), "port", cam.port()));
        StationConfig.Rig rig = config.rig();
        devices.put("rig", Map.of("driver", lower(rig.driver()), "port", rig.port()));
        out.put("devices", devices);
        out.put("sets", store.overview().setProgress());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Job j : store.overview().recentJobs(10)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id());
            m.put("kind", j.kind());
            m.put("state", lower(j.state()));
            m.put("progress", j.progress());
            m.put("message", j.message());
            m.put("created_at", j.createdAt().toString());
            jobs.add(m);
        }
        out.put("jobs", jobs);
        ctx.json(out);
    }

    private void steps(Context ctx) {
        Optional<Long> id = id(ctx);
        var set = id.flatMap(store.sets()::byId);
        if (set.isEmpty()) {
            notFound(ctx);
            return;
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepRow r : store.overview().steps(set.get().id())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.stepId());
            m.put("seq", r.seq());
            m.put("code", r.code());
            m.put("illuminant", r.illuminant());
            m.put("ev", r.ev());
            m.put("captureId", r.captureId().orElse(null));
            m.put("scanId", r.scanId().orElse(null));
            m.put("frame", r.frame().orElse(null));
            m.put("clipped", r.clipped());
            m.put("peak", r.peak().orElse(null));
            m.put("underExposed", r.underExposed());
            steps.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("set", setJson(set.get()));
        out.put("steps", steps);
        ctx.json(out);
    }

    /**
     * A camera JPEG is display-encoded; any other capture file (the sim camera's TIFF, a developed
     * RAW) is scene-linear with the full scale of the configured camera driver, the same factor
     * the readings are stored with ({@link Devices#captureScale(StationConfig.CameraDriver)}).
     */
    private Thumbnails.Tone captureTone(StoredFile f) {
        return CapturedFile.Kind.ofName(f.file()) == CapturedFile.Kind.JPEG ? Thumbnails.Tone.DISPLAY_ENCODED
                : Thumbnails.Tone.sceneLinear(Devices.captureScale(config.camera().driver()));
    }

    private void thumb(Context ctx, LongFunction<Optional<StoredFile>> lookup,
            Function<StoredFile, Thumbnails.Tone> tone) throws IOException {
        Optional<StoredFile> f = id(ctx).flatMap(lookup::apply);
        Optional<Path> p = f.flatMap(this::resolve);
        if (p.isEmpty()) {
            notFound(ctx);
            return;
        }
        ctx.contentType("image/jpeg");
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.result(thumbnails.of(p.get(), f.get().sha256(), tone.apply(f.get())));
    }

    private void download(Context ctx, LongFunction<Optional<StoredFile>> lookup) throws IOException {
        Optional<Path> p = id(ctx).flatMap(lookup::apply).flatMap(this::resolve);
        if (p.isEmpty()) {
            notFound(ctx);
            return;
        }
        String name = p.get().getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.contentType("application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.result(Files.readAllBytes(p.get()));
    }

    /** The file of a row, if it exists inside the data directory (rows written by us, checked anyway). */
    private Optional<Path> resolve(StoredFile f) {
        return inside(config.station().dataDir(), f.file()).filter(Files::isRegularFile);
    }

    /** {@code relative} (a path from a database row) resolved in {@code dataDir}, unless it leads outside. */
    static Optional<Path> inside(Path dataDir, String relative) {
        Path root = dataDir.toAbsolutePath().normalize();
        Path p = root.resolve(relative).normalize();
        return p.startsWith(root) ? Optional.of(p) : Optional.empty();
    }

    private static Map<String, Object> setJson(ProfilingSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("chart", s.chart());
        m.put("status", lower(s.status()).replace('-', '_'));
        m.put("created_at", s.createdAt().toString());
        return m;
    }

    static Optional<Long> id(Context ctx) {
        String s = ctx.pathParam("id");
        return s.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
    }

    static void notFound(Context ctx) {
        ctx.status(404).json(Map.of("error", "not found"));
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
