package emu.station.http;

import emu.station.StationVersion;
import emu.station.config.StationConfig;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP API (Javalin): {@code /api/health} and {@code /api/version} here, the rest added by
 * the station's modules through Javalin's {@link RoutesConfig}. Every answer is written with
 * {@link Json}'s one setup and every exception mapped by {@link ApiErrors}. Stopping lets
 * in-flight requests finish (up to {@link #STOP_TIMEOUT}) and closes event streams first.
 */
public final class ApiServer {
    /** Jetty's graceful-stop budget; the whole shutdown must fit in 10 s. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Javalin app;
    private final EventStream events;
    private final String host;

    /**
     * Starts listening.
     *
     * @param schemaVersion reported by {@code /api/version}
     * @param events served at {@code /api/events}, closed when the server stops
     * @param routes registers the station's other routes
     */
    public ApiServer(StationConfig.Http http, int schemaVersion, EventStream events, Consumer<RoutesConfig> routes) {
        Instant started = Instant.now();
        this.events = events;
        this.host = http.bind();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = http.bind();
            cfg.jetty.port = http.port();
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
                Limits.apply(server, http);
            });
            cfg.jetty.modifyHttpConfiguration(h -> Limits.apply(h, http));
            cfg.events.serverStopping(events::closeAll);
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            ApiErrors.install(cfg.routes);
            cfg.routes.get("/api/health", ctx -> {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("status", "ok");
                h.put("version", StationVersion.get());
                h.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
                ctx.json(h);
            });
            cfg.routes.get("/api/version", ctx -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name", "emu-station");
                v.put("version", StationVersion.get());
                v.put("schema_version", schemaVersion);
                v.put("java", Runtime.version().toString());
                ctx.json(v);
            });
            cfg.routes.sse("/api/events", events::accept);
            routes.accept(cfg.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + http.bind() + ":" + http.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return app.port();
    }

    /** The URL to print; a wildcard bind is shown as localhost, which reaches it too. */
    public String url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** Stops accepting, waits for in-flight requests (bounded by {@link #STOP_TIMEOUT}), closes streams. */
    public void stop() {
        app.stop();
    }
}
