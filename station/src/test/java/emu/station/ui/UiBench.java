package emu.station.ui;

import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Bench (not a test): the dashboard API and a set's pairing data with a long history, 100,000
 * captures over 400 sets of 50 steps (5 captures a step, as re-shoots accumulate), through the
 * running station over HTTP with a logged-in session. Prints median, 95th percentile and max.
 *
 * <p>Run: {@code bench/ui-pages.sh} (see bench/RESULTS.md).
 */
public final class UiBench {
    private static final int SETS = 400;
    private static final int CAPTURES_PER_STEP = 5;
    private static final int RUNS = 50;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("emu-ui-bench");
        try (UiStation station = new UiStation(dir, 1000)) {
            Store store = station.daemon.store();
            long t0 = System.nanoTime();
            long stock = store.stocks().create("Portra 400", "135", 400).id();
            List<StepSpec> plan = StepSpec.grid(List.of("D65", "D50", "A", "FL11", "LED-B3"),
                    List.of(-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5));
            long lastSet = 0;
            int captures = 0;
            for (int s = 0; s < SETS; s++) {
                final int n = s;
                lastSet = store.atomically(() -> {
                    long id = store.sets().create("set " + n, stock, "colorchecker24", plan).id();
                    for (PlanStep p : store.sets().steps(id)) {
                        for (int k = 0; k < CAPTURES_PER_STEP; k++) {
                            store.captures().add(p.id(), "captures/" + p.id() + "-" + k + ".tif",
                                    "%064x".formatted(p.seq() * 10L + k), 0.0, "1/60");
                        }
                    }
                    return id;
                });
                captures += plan.size() * CAPTURES_PER_STEP;
            }
            System.out.printf("seeded %d sets, %d captures in %.1f s%n", SETS, captures, (System.nanoTime() - t0) / 1e9);
            Http http = new Http(station);
            if (http.login("admin", UiStation.ONE_TIME_PASSWORD).statusCode() != 200
                    || http.post("/api/auth/password", "{\"current\":\"" + UiStation.ONE_TIME_PASSWORD
                    + "\",\"password\":\"bench passphrase 1\"}", true).statusCode() != 200) {
                throw new IllegalStateException("bench login failed");
            }
            time(http, "/api/ui/dashboard");
            time(http, "/api/ui/sets/" + lastSet + "/steps");
            time(http, "/");
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void time(Http http, String path) throws Exception {
        for (int i = 0; i < 5; i++) {
            check(http, path);
        }
        double[] ms = new double[RUNS];
        long bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            bytes = check(http, path);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("GET %-28s median %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d bytes, %d runs)%n",
                path, ms[RUNS / 2], ms[(int) (RUNS * 0.95)], ms[RUNS - 1], bytes, RUNS);
    }

    private static long check(Http http, String path) throws Exception {
        var r = http.get(path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().length();
    }

    private UiBench() {}

}
