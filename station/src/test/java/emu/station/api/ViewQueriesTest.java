package emu.station.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.FilmShootRepository;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set view and the roll view cost a constant number of repository calls, however many steps
 * or film shoots there are (counted with {@link Store#repositoryCalls()} on a real daemon; the job
 * queue's worker may query meanwhile, so each view is read three times and the least count kept).
 */
@Timeout(120)
class ViewQueriesTest {
    @TempDir Path dir;
    private Daemon daemon;
    private final ApiClient api = ApiClient.of(() -> daemon.url());

    @BeforeEach
    void start() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, String.join("\n", "[station]", "data_dir = \"data\"", "[http]", "port = 0",
                "[rig]", "settle_seconds = 0.0", "[training]", "schedule = \"\"", ""));
        daemon = Daemon.start(StationConfig.load(cfg), List.of(new WorkflowApi(ctx -> { })), false);
    }

    @AfterEach
    void stop() {
        daemon.stop();
    }

    @Test
    void setViewQueriesDoNotGrowWithTheSteps() throws Exception {
        api.ok("POST", "/api/sets", "{\"name\":\"small\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[0]}", 201);
        api.ok("POST", "/api/sets", "{\"name\":\"big\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\",\"A\",\"D50\"],"
                + "\"evs\":[-2,-1,0,1,2]}", 201);
        long small = calls("/api/sets/1");
        long big = calls("/api/sets/2");
        assertEquals(small, big, "1 step vs 15 steps");
        assertTrue(small <= 12, small + " calls");
    }

    @Test
    void rollViewQueriesDoNotGrowWithTheShoots() throws Exception {
        api.ok("POST", "/api/sets", "{\"name\":\"s\",\"stock\":\"portrait-160\",\"illuminants\":[\"D65\"],\"evs\":[-1,0,1]}", 201);
        api.ok("POST", "/api/sets/1/rolls", "{\"code\":\"R1\"}", 201);
        long none = calls("/api/rolls/1");
        Store store = daemon.store();
        String step = store.sets().steps(1).get(0).id();
        for (int i = 0; i < 4; i++) {
            var fs = store.filmShoots().create(1, FilmShootRepository.Trigger.OPERATOR, "bench-a");
            store.filmShoots().update(fs.id(), FilmShootRepository.State.CANCELLED, step, null, "test");
        }
        long four = calls("/api/rolls/1");
        assertEquals(none, four, "no shoot vs four shoots");
    }

    /** The least number of repository calls one GET of {@code path} took, of three. */
    private long calls(String path) throws Exception {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = daemon.store().repositoryCalls();
            api.ok("GET", path, null, 200);
            least = Math.min(least, daemon.store().repositoryCalls() - before);
        }
        return least;
    }
}
