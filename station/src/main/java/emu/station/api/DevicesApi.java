package emu.station.api;

import static emu.station.http.Json.send;

import emu.station.Workflows;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/devices}: the camera, the rig, whether the virtual bench drives them and the rig lamp's hours; {@code /api/stocks}. */
final class DevicesApi {
    private DevicesApi() {}

    static void register(RoutesConfig routes, Workflows w) {
        routes.get("/api/devices", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", w.devices().camera().describe());
            m.put("rig", w.devices().rig().device());
            m.put("virtual_bench", w.devices().virtualBench());
            m.putAll(lamp(w));
            send(ctx, m);
        });
        // the dashboard's rig card: the lamp alone, without asking the camera anything during a shoot
        routes.get("/api/devices/lamp", ctx -> send(ctx, lamp(w)));
        routes.get("/api/stocks", ctx -> send(ctx, w.store().stocks().all()));
    }

    /**
     * The rig light's hours as the station counted them over digital shoots (light on to off, kept in
     * the database across restarts) and its rated life from {@code [drift] lamp_rated_hours} (null
     * when not configured), with the share of it used.
     */
    private static Map<String, Object> lamp(Workflows w) {
        Map<String, Object> m = new LinkedHashMap<>();
        String rig = w.devices().rig().device();
        double hours = w.store().drift().lampHours(rig);
        double rated = w.config().drift().lampRatedHours();
        m.put("lamp_rig", rig);
        m.put("lamp_hours", Math.round(hours * 1e4) / 1e4);
        m.put("lamp_rated_hours", rated > 0 ? rated : null);
        m.put("lamp_life_used_percent", rated > 0 ? Math.round(hours / rated * 1e6) / 1e4 : null);
        List<Map<String, Object>> lights = new ArrayList<>(); // each preset's own lit time (a rig of one lamp per light ages each apart)
        emu.station.shoot.LampClock.perLight(w.store(), rig).forEach((light, h) -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("light", light);
            l.put("hours", Math.round(h * 1e4) / 1e4);
            l.put("life_used_percent", rated > 0 ? Math.round(h / rated * 1e6) / 1e4 : null);
            lights.add(l);
        });
        m.put("lamp_lights", lights);
        return m;
    }
}
