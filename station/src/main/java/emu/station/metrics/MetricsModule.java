package emu.station.metrics;

import emu.station.auth.Auth;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * {@code GET /metrics}: the Prometheus text format. Readable with a web login, or with
 * {@code Authorization: Bearer <[auth] metrics_token>} so that a scraper needs no session. Must be
 * installed before {@link Auth}: its before-handler admits a correct token ahead of the login guard.
 * Events counted since the daemon started: every broadcast by name, and device faults (a step whose
 * capture failed every attempt: camera, rig or an unreadable chart; its reason is in the log and in
 * the set's step failures).
 */
public final class MetricsModule implements StationModule {
    public static final String PATH = "/metrics";
    /** Prometheus text exposition format 0.0.4, what every Prometheus version scrapes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Events worth a counter; others (job-progress lines) would only add noise. */
    private static final Set<String> COUNTED = Set.of("capture", "step-failed", "shoot", "film-shoot", "job", "marked-bad");

    @Override
    public void install(Daemon daemon, RoutesConfig routes) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        StationMeters meters = new StationMeters(registry, daemon.store(), daemon.config().station().dataDir());
        Counter faults = Counter.builder("emu.station.device.faults")
                .description("steps whose capture failed every attempt since the daemon started").register(registry);
        daemon.events().listen((event, data) -> {
            if (COUNTED.contains(event)) {
                registry.counter("emu.station.events", "event", event).increment();
            }
            if (event.equals("step-failed")) {
                faults.increment();
            }
        });
        byte[] token = daemon.config().auth().metricsToken().getBytes(StandardCharsets.UTF_8);
        routes.before(PATH, ctx -> admitToken(ctx, token));
        routes.get(PATH, ctx -> {
            meters.refresh();
            ctx.contentType(CONTENT_TYPE).result(registry.scrape());
        });
    }

    /**
     * A correct bearer token passes the login guard; a wrong one is refused here with 401 (a
     * scraper gains nothing from the login page's redirect). No header: the login guard decides.
     */
    private static void admitToken(Context ctx, byte[] token) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        byte[] sent = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (token.length > 0 && MessageDigest.isEqual(sent, token)) {
            Auth.admitWithoutLogin(ctx);
        } else {
            ctx.header("WWW-Authenticate", "Bearer realm=\"emu-station metrics\"");
            ctx.status(401).contentType("text/plain; charset=utf-8")
                    .result(token.length == 0 ? "no metrics token is configured ([auth] metrics_token); log in instead\n"
                            : "wrong metrics token\n");
            ctx.skipRemainingHandlers();
        }
    }
}
