package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/devices}: the camera, the rig and whether the virtual bench drives them; {@code /api/stocks}. */
final class DevicesApi {
    private DevicesApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        routes.get("/api/devices", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", w.devices().camera().describe());
            m.put("rig", w.devices().rig().device());
            m.put("virtual_bench", w.devices().virtualBench());
            // Counted by the station over digital shoots (light on to off), kept in the database across restarts.
            m.put("lamp_hours", Math.round(w.store().drift().lampHours(w.devices().rig().device()) * 1e4) / 1e4);
            send(ctx, m);
        });
        routes.get("/api/stocks", ctx -> send(ctx, w.store().stocks().all()));
    }
}
