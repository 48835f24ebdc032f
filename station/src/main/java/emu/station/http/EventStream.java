package emu.station.http;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events at {@code /api/events}: the station broadcasts state changes (shoot progress,
 * jobs) to every open browser. Clients are closed when the server stops; an open stream would
 * otherwise hold Jetty's graceful stop until its timeout.
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final java.util.List<java.util.function.BiConsumer<String, String>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Also hands every broadcast event to {@code listener} (the metrics count them); it must not block. */
    public void listen(java.util.function.BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    void accept(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("hello", "{}");
    }

    /** Sends one event to every open client; the data is sent as is (JSON text by convention). */
    public void broadcast(String event, String data) {
        for (var l : listeners) {
            l.accept(event, data);
        }
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent(event, data);
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    void closeAll() {
        if (!clients.isEmpty()) {
            LOG.info("closing {} event stream(s)", clients.size());
        }
        for (SseClient c : clients) {
            c.close();
        }
        clients.clear();
    }
}
