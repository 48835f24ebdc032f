package emu.station.api;

import emu.station.Workflows;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflows' HTTP JSON API (routes listed in docs/api.md), one class per resource, and the
 * {@code /slate} page. Every {@code /api} route but {@code /api/health} first passes the
 * {@link #WorkflowApi guard} (the login's, {@code Auth::requireUser}, in the daemon). Handlers
 * parse and validate, then call one workflow; errors become status codes in
 * {@link emu.station.http.ApiErrors}, the one place that maps them.
 */
public final class WorkflowApi implements StationModule {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowApi.class);
    private final Handler guard;

    /** @param guard runs before every {@code /api} route except {@code /api/health}; throw to refuse */
    public WorkflowApi(Handler guard) {
        this.guard = guard;
    }

    @Override
    public void install(Daemon daemon, RoutesConfig routes) throws Exception {
        Workflows w = Workflows.open(daemon.config(), daemon.store(), (event, data) -> {
            try {
                daemon.events().broadcast(event, Json.write(data));
            } catch (RuntimeException e) {
                LOG.warn("event {} not sent: {}", event, e.toString());
            }
        });
        daemon.closeOnStop(w);
        register(routes, w, guard);
    }

    static void register(RoutesConfig routes, Workflows w, Handler guard) {
        routes.before("/api/*", ctx -> {
            if (!ctx.path().equals("/api/health")) {
                guard.handle(ctx);
            }
        });
        DevicesApi.register(routes, w);
        SetsApi.register(routes, w);
        ShootsApi.register(routes, w);
        RollsApi.register(routes, w);
        LabsApi.register(routes, w);
        ScansApi.register(routes, w);
        JobsApi.register(routes, w);
        ModelsApi.register(routes, w);
        routes.get("/slate", ctx -> Slate.render(ctx, w));
    }
}
