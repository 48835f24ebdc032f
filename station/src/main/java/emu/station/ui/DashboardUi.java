package emu.station.ui;

import emu.station.auth.Auth;
import emu.station.config.StationConfig;
import emu.station.store.JobRepository.Job;
import emu.station.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/ui/dashboard}: the user, the configured devices, every set's progress, the recent jobs. */
final class DashboardUi {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Store store;
    private final StationConfig config;

    DashboardUi(Store store, StationConfig config) {
        this.store = store;
        this.config = config;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/ui/dashboard", this::dashboard);
    }

    /** The set a job works on (training, re-read: {@code {"set": N}} in its payload), so the page can name it. */
    private java.util.Optional<emu.station.store.ProfilingSetRepository.ProfilingSet> setOf(Job j) {
        try {
            var set = JSON.readTree(j.payload()).path("set");
            return set.canConvertToLong() ? store.sets().byId(set.asLong()) : java.util.Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty(); // a payload without a set: the job is shown without one
        }
    }

    private void dashboard(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", Auth.user(ctx).name());
        Map<String, Object> devices = new LinkedHashMap<>();
        StationConfig.Camera cam = config.camera();
        devices.put("camera", Map.of("driver", UiModule.lower(cam.driver()), "model", cam.model(), "port", cam.port()));
        StationConfig.Rig rig = config.rig();
        devices.put("rig", Map.of("driver", UiModule.lower(rig.driver()), "port", rig.port()));
        out.put("devices", devices);
        out.put("sets", store.overview().setProgress());
        Map<Long, Object> leases = new LinkedHashMap<>(); // set id -> the bench shooting it (issue 21)
        store.setLeases().all().forEach(l -> leases.put(l.setId(), UiModule.lease(java.util.Optional.of(l))));
        out.put("leases", leases);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Job j : store.overview().recentJobs(10)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", j.id());
            m.put("kind", j.kind());
            m.put("state", UiModule.lower(j.state()));
            m.put("progress", j.progress());
            m.put("message", j.message());
            m.put("created_at", j.createdAt().toString());
            m.put("worker", j.worker()); // which process runs (ran) it, on a shared catalogue; null on SQLite
            m.put("cancel_requested", j.cancelRequested());
            setOf(j).ifPresent(set -> {
                m.put("set", set.id());
                m.put("set_name", set.name());
            });
            jobs.add(m);
        }
        out.put("jobs", jobs);
        ctx.json(out);
    }
}
