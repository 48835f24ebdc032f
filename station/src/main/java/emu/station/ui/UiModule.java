package emu.station.ui;

import emu.station.auth.Auth;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The web UI's server side: the static pages from the classpath folder {@code web/} (the
 * {@code web-ui} module), and the read models the pages need that the workflow API does not give
 * ({@code /api/ui/...}), one class per resource: {@link DashboardUi}, {@link SetStepsUi}, {@link ExposureUi},
 * {@link FilesUi} (thumbnails, downloads), {@link ReadingGeometry}, {@link ModelPages},
 * {@link LutPreview}.
 *
 * <p>Files are only ever found by database id; a request never names a path, so nothing outside
 * the data directory can be reached. Every route here sits behind {@link Auth}'s guard.
 */
public final class UiModule implements StationModule {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon");
    private static final String ASSET_NAME = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.(html|js|css|svg|png|ico)";

    @Override
    public void install(Daemon daemon, RoutesConfig routes) {
        Store store = daemon.store();
        StationConfig config = daemon.config();
        routes.get("/", ctx -> asset(ctx, "index.html"));
        routes.get("/login", ctx -> asset(ctx, "login.html"));
        routes.get("/assets/{name}", ctx -> asset(ctx, "assets/" + ctx.pathParam("name")));
        new DashboardUi(store, config).install(routes);
        new SetStepsUi(store).install(routes);
        FilesUi files = new FilesUi(store, config);
        files.install(routes);
        ReadingGeometry geometry = new ReadingGeometry(store, files::resolve);
        routes.get("/api/ui/captures/{id}/geometry", geometry::capture);
        routes.get("/api/ui/scans/{id}/geometry", geometry::scan);
        new ExposureUi(store, config, files::resolve).install(routes);
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

    /** The web UI's one 404 body, for routes that answer without throwing. */
    static void notFound(Context ctx) {
        ctx.status(404).json(Map.of("error", "not found"));
    }

    /** A set's lease as the pages show it ("being shot at bench A since 12:40"), or null when no bench holds it. */
    static java.util.Map<String, Object> lease(java.util.Optional<emu.station.store.SetLeaseRepository.Lease> lease) {
        return lease.<java.util.Map<String, Object>>map(l -> java.util.Map.of("bench", l.bench(), "since", l.since().toString())).orElse(null);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
