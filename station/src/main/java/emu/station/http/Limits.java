package emu.station.http;

import emu.station.config.StationConfig;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What keeps slow or stalled clients from starving the station (issue 16: 250 slow bodies from one
 * address made {@code /api/health} wait ~28 s). A handler reading a request body holds one of
 * Jetty's threads while the bytes trickle in, so: a body slower than
 * {@code http.min_body_bytes_per_second} is cut off with 408 (Jetty's minimum request data rate,
 * checked as the handler reads), any connection with nothing moving for {@code http.idle_timeout_seconds}
 * is closed (slow or half-sent headers hold no thread, only a socket, until then), and past
 * {@code http.max_connections} open connections Jetty stops accepting until some close, so file
 * descriptors cannot run out. Documented in docs/web-ui.md ("Limits").
 */
final class Limits {
    private Limits() {}

    static void apply(HttpConfiguration h, StationConfig.Http http) {
        h.setIdleTimeout(http.idleTimeout().toMillis());
        h.setMinRequestDataRate(http.minBodyBytesPerSecond());
    }

    static void apply(Server server, StationConfig.Http http) {
        server.addBean(new ConnectionLimit(http.maxConnections(), server));
        // Javalin adds its connector after this hook runs: set its idle timeout as the server starts.
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector c : server.getConnectors()) {
                    if (c instanceof AbstractConnector a) {
                        a.setIdleTimeout(http.idleTimeout().toMillis());
                    }
                }
            }
        });
    }
}
