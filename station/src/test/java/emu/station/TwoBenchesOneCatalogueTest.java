package emu.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.io.Hashes;
import emu.devices.film.LabQuirks;
import emu.station.api.WorkflowApi;
import emu.station.auth.Auth;
import emu.station.auth.WebLogin;
import emu.station.config.StationConfig;
import emu.station.daemon.DataDirLock;
import emu.station.daemon.Daemon;
import emu.station.files.DataRoot;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.JobRepository;
import emu.station.store.PgCluster;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import emu.station.testing.ApiClient;
import emu.station.ui.UiModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's scenario on one PostgreSQL catalogue and ONE data root: bench A (virtual camera, rig
 * and film camera) plans a set, shoots it digitally and shoots its roll; the roll comes back from
 * the lab at bench B (its own connection, the same data root mounted), which imports and pairs the
 * scans; the training job either bench queued is run by whichever process claims it. Files are
 * shared by reference: rows hold paths under the root, so either bench reads and serves the other's
 * files. And two daemons (different HTTP ports) on the one root: each keeps its lock in
 * {@code benches/NAME}, a set being shot at A is refused at B with 409 naming A (and shown so on B's
 * pages), and B serves A's captures.
 */
@Timeout(300)
class TwoBenchesOneCatalogueTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir Path dir;
    private Path root;

    /** A bench's config: the shared root as data_dir, its own name, the catalogue, one quick fitter. */
    private StationConfig bench(String name, String pgUrl) throws Exception {
        root = Files.createDirectories(dir.resolve("shared-root"));
        Path folder = Files.createDirectories(dir.resolve(name));
        Path cfg = Files.writeString(folder.resolve("config.toml"), String.join("\n", "[station]",
                "data_dir = \"" + root + "\"", "bench_name = \"" + name + "\"", "[http]", "port = 0",
                "[rig]", "settle_seconds = 0.0", "[training]", "schedule = \"\"", "train_when_complete = false",
                "candidates = [\"matrix\"]", "folds = 3", "[store]", "url = \"" + pgUrl + "\"", "job_lease_seconds = 10",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", ""));
        return StationConfig.load(cfg);
    }

    private static String newCatalogue() {
        return PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
    }

    /** The files under the root's {@code kind} folder that no path in {@code recorded} names. */
    private List<String> unreferenced(String kind, Set<String> recorded) throws Exception {
        Path top = root.resolve(kind);
        if (!Files.isDirectory(top)) {
            return List.of();
        }
        try (var files = Files.walk(top)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
                    .filter(f -> !recorded.contains(f) && !f.contains("/.")).toList();
        }
    }

    /**
     * Both benches import the same lab delivery at the same moment into the one data root: each scan
     * is in the catalogue once and on disk once, and no file is left without its row. A scan's name
     * holds its content hash, so both benches write the same path with the same bytes; the bench
     * whose insert loses the race (unique {@code scans.file}) finds the winner's row pointing at that
     * very file and reports it imported meanwhile, not bad. (Whether an insert collides varies from
     * run to run; the assertions hold either way.)
     */
    @Test
    void twoBenchesRacingOneRollsImportNeverDoubleImportNorLeaveAFile() throws Exception {
        String url = newCatalogue();
        StationConfig a = bench("bench-a", url);
        StationConfig b = bench("bench-b", url);
        try (Store storeA = Daemon.openStore(a); Store storeB = Daemon.openStore(b)) {
            Workflows benchA = Workflows.open(a, storeA, (e, d) -> { });
            Workflows benchB = Workflows.open(b, storeB, (e, d) -> { });
            try {
                long set = benchA.createSet("raced", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0)).id();
                Roll roll = benchA.rolls().load(set, "R-RACE", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
                assertEquals(3, benchA.film().shoot(roll.id(), l -> { }).size());
                Path delivery = dir.resolve("race-delivery");
                benchA.filmDevices().orElseThrow().develop(roll.id(), LabQuirks.NONE, delivery, l -> { });
                var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    var atA = pool.submit(() -> benchA.scans().importScans(roll.id(), delivery));
                    var atB = pool.submit(() -> benchB.scans().importScans(roll.id(), delivery));
                    var ra = atA.get();
                    var rb = atB.get();
                    var scans = storeA.scans().byRoll(roll.id());
                    assertEquals(3, scans.size(), "each scan once: " + ra + " / " + rb);
                    assertEquals(3, scans.stream().map(s -> s.sha256()).distinct().count());
                    assertEquals(3, ra.imported().size() + rb.imported().size(), ra + " / " + rb);
                    assertEquals(List.of(), ra.bad(), "a lost race is not a bad file");
                    assertEquals(List.of(), rb.bad(), "a lost race is not a bad file");
                    assertEquals(3, ra.alreadyImported().size() + rb.alreadyImported().size(), "what one bench imported the other found: " + ra + " / " + rb);
                    Set<String> recorded = new HashSet<>();
                    scans.forEach(s -> recorded.add(s.file()));
                    for (String f : recorded) {
                        assertTrue(Files.isRegularFile(root.resolve(f)), "the row's file is in the shared root: " + f);
                    }
                    assertEquals(List.of(), unreferenced("scans", recorded), "no scan file without its row");
                } finally {
                    pool.shutdown();
                }
            } finally {
                benchB.close();
                benchA.close();
            }
        }
    }

    @Test
    void aSetShotAtBenchAIsImportedAtBenchBAndTrainedAllInOneRoot() throws Exception {
        String url = newCatalogue();
        StationConfig a = bench("bench-a", url);
        StationConfig b = bench("bench-b", url);
        try (Store storeA = Daemon.openStore(a); Store storeB = Daemon.openStore(b)) {
            Workflows benchA = Workflows.open(a, storeA, (e, d) -> { });
            Workflows benchB = Workflows.open(b, storeB, (e, d) -> { });
            try {
                long set = benchA.createSet("shared", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0)).id();
                assertEquals(3, benchA.shoot().run(set, false).captured());
                assertTrue(storeB.setLeases().of(set).isEmpty(), "the lease ends with the shoot");
                Roll roll = benchA.rolls().load(set, "R-A1", "F3", 160, 36, false, Trigger.RIG_SHUTTER);
                assertEquals(3, benchA.film().shoot(roll.id(), l -> { }).size());

                // Bench B sees A's set and roll in the shared catalogue, and receives the lab's scans.
                assertEquals("shared", storeB.sets().byId(set).orElseThrow().name());
                Path delivery = dir.resolve("lab-delivery");
                benchB.filmDevices().orElseThrow().develop(roll.id(), LabQuirks.NONE, delivery, l -> { });
                var report = benchB.scans().importScans(roll.id(), delivery);
                assertEquals(3, report.imported().size(), report.toString());
                assertTrue(report.conflicts().isEmpty(), report.conflicts().toString());
                var pairs = storeA.readings().pairs(set);
                assertTrue(pairs.size() > 2 * 24, "A sees the pairs B completed (clipped patches left out): " + pairs.size());
                assertEquals(storeB.readings().pairs(set), pairs);
                for (var scan : storeB.scans().byRoll(roll.id())) {
                    assertFalse(Path.of(scan.file()).isAbsolute(), "rows hold paths under the root: " + scan.file());
                    assertEquals(scan.sha256(), Hashes.sha256Hex(Files.readAllBytes(benchA.dataDir().resolve(scan.file()))),
                            "bench A reads the scan bench B imported: " + scan.file());
                }
                for (var capture : storeA.captures().bySet(set)) {
                    assertEquals(capture.sha256(), Hashes.sha256Hex(Files.readAllBytes(benchB.dataDir().resolve(capture.file()))),
                            "bench B reads the capture bench A shot: " + capture.file());
                }

                // What a worker killed mid-training left: its run ended failed, its folders half written.
                var killed = storeA.training().startRun(set, null, "killed");
                storeA.training().finishRun(killed.id(), emu.station.store.TrainingRepository.RunStatus.FAILED, "{}");
                Path halfModel = Files.createDirectories(root.resolve("models/set-" + set + "/v1-run" + killed.id()));
                Files.writeString(halfModel.resolve("model.json"), "{");
                Path halfExports = Files.createDirectories(root.resolve("exports/set-" + set + "/.v1-run" + killed.id() + ".partial"));

                // A queues the training; either bench's queue may take it (both run the shared queue).
                long job = benchA.training().enqueue(set).id();
                benchA.training().awaitIdle(Duration.ofSeconds(180));
                JobRepository.Job done = storeB.jobs().byId(job).orElseThrow();
                assertEquals(JobRepository.State.DONE, done.state(), done.message());
                var models = storeB.training().models(set);
                assertEquals(1, models.size());
                assertTrue(models.get(0).dir().matches("models/set-" + set + "/v1-run\\d+"),
                        "a shared store's model folder holds its run: " + models.get(0).dir());
                assertTrue(Files.isRegularFile(root.resolve(models.get(0).dir()).resolve("pairs.csv")));
                assertEquals(1, storeA.jobs().attempts(job), "claimed once: no two benches took it");
                assertFalse(Files.exists(halfModel), "the killed run's model folder is removed by the next training");
                assertFalse(Files.exists(halfExports), "and its export stage");
            } finally {
                benchB.close();
                benchA.close();
            }
        }
    }

    @Test
    void twoDaemonsOnOneRootShootOneSetAtATimeAndServeEachOthersFiles() throws Exception {
        String url = newCatalogue();
        StationConfig a = bench("bench-a", url);
        StationConfig b = bench("bench-b", url);
        try (Store s = Daemon.openStore(a)) {
            WebLogin.seedAdmin(s);
        }
        Daemon da = Daemon.start(a, List.of(new Auth(), new WorkflowApi(Auth::requireUser), new UiModule()), false);
        Daemon db = null;
        try {
            db = Daemon.start(b, List.of(new Auth(), new WorkflowApi(Auth::requireUser), new UiModule()), false);
            assertTrue(da.port() != db.port());
            assertTrue(Files.isRegularFile(root.resolve(DataRoot.MARKER)), "the root carries the catalogue's marker");
            assertTrue(Files.isRegularFile(root.resolve("benches/bench-a").resolve(DataDirLock.FILE_NAME)));
            assertTrue(Files.isRegularFile(root.resolve("benches/bench-b").resolve(DataDirLock.FILE_NAME)));
            assertFalse(Files.exists(root.resolve(DataDirLock.FILE_NAME)), "no lock on the root: it is shared");
            WebLogin login = WebLogin.seeded(da.url()); // sessions are rows: the same login works at B
            ApiClient benchA = api(da, login);
            ApiClient benchB = api(db, login);

            long set = benchA.ok("POST", "/api/sets", "{\"name\":\"one-bench\",\"stock\":\"portrait-160\","
                    + "\"illuminants\":[\"D65\",\"A\"],\"evs\":[-1,0,1]}", 201).path("set").path("id").asLong();
            benchA.ok("POST", "/api/sets/" + set + "/shoot", "", 202);
            benchA.ok("POST", "/api/shoot/pause", "", 200); // holds the set (and its lease) while B tries

            String refused = benchB.call("POST", "/api/sets/" + set + "/shoot", "").body();
            assertEquals(409, benchB.call("POST", "/api/sets/" + set + "/shoot", "").statusCode(), refused);
            assertTrue(refused.contains("set " + set + " is being shot at bench bench-a since "), refused);
            JsonNode steps = benchB.ok("GET", "/api/ui/sets/" + set + "/steps", null, 200);
            assertEquals("bench-a", steps.path("lease").path("bench").asText(), steps.toString());
            JsonNode dash = benchB.ok("GET", "/api/ui/dashboard", null, 200);
            assertEquals("bench-a", dash.path("leases").path(String.valueOf(set)).path("bench").asText(), dash.toString());

            benchA.ok("POST", "/api/shoot/resume", "", 200);
            for (int i = 0; i < 600 && !"idle".equals(benchA.ok("GET", "/api/shoot", null, 200).path("state").asText()); i++) {
                Thread.sleep(250);
            }
            JsonNode view = benchB.ok("GET", "/api/sets/" + set, null, 200);
            assertEquals(6, view.path("captures").size(), view.toString());
            assertTrue(benchB.ok("GET", "/api/ui/sets/" + set + "/steps", null, 200).path("lease").isNull(),
                    "the lease ends with A's shoot");

            // B serves the captures A shot: one data root, rows pointing under it.
            for (JsonNode c : view.path("captures")) {
                HttpResponse<byte[]> f = http.send(login.sign(HttpRequest.newBuilder(URI.create(db.url())
                        .resolve("/api/ui/captures/" + c.path("id").asLong() + "/file"))).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, f.statusCode());
                assertEquals(c.path("sha256").asText(), Hashes.sha256Hex(f.body()), "B serves A's capture " + c.path("file"));
            }
            // With A done, B may shoot the set (here: nothing left to shoot, and the lease is free).
            benchB.ok("POST", "/api/sets/" + set + "/shoot", "", 202);
        } finally {
            if (db != null) {
                db.stop();
            }
            da.stop();
        }
    }

    /**
     * A bench that lost its set's lease (it stalled past it and another bench took the set) stops its
     * shoot before the next step, says why, and leaves the other bench's lease alone. The stall is
     * played by ending A's lease row from outside while A's shoot is paused; leases here last 0.9 s.
     */
    @Test
    void aBenchWhoseLeaseWasTakenOverStopsBeforeItsNextStep() throws Exception {
        String url = newCatalogue();
        StationConfig a = bench("bench-a", url);
        try (Store storeA = Daemon.openStore(a); Store storeB = Daemon.openStore(bench("bench-b", url))) {
            Workflows benchA = Workflows.open(a, storeA, (e, d) -> { });
            try {
                long set = benchA.createSet("taken", "portrait-160", null, List.of("D65", "A"), List.of(-1.0, 0.0, 1.0)).id();
                benchA.shoot().withSetLease(Duration.ofMillis(900)).start(set, false);
                benchA.shoot().pause();
                assertEquals("bench-a", storeB.setLeases().of(set).orElseThrow().bench());
                int before = storeA.captures().bySet(set).size();

                boolean taken = false;
                for (int i = 0; i < 20 && !taken; i++) { // again if A's renewal slipped in between the two
                    storeB.setLeases().release(set, "bench-a"); // A's lease ran out while it stalled...
                    taken = storeB.setLeases().take(set, "bench-b", Duration.ofMinutes(1)).isEmpty(); // ...and B took the set
                }
                assertTrue(taken, "B took the set");
                Thread.sleep(1500); // A's renewals (every 0.3 s) find B holding it
                benchA.shoot().resume();
                benchA.shoot().awaitIdle();

                var status = benchA.shoot().status();
                assertTrue(status.message().contains("another bench took over set " + set), status.message());
                assertTrue(storeA.captures().bySet(set).size() <= before + 1, "at most the step in hand is recorded");
                assertTrue(storeA.captures().bySet(set).size() < 6, "the shoot did not go on");
                assertEquals("bench-b", storeB.setLeases().of(set).orElseThrow().bench(), "B's lease stands");
            } finally {
                benchA.close();
            }
        }
    }

    /** Bench {@code d}'s API as {@code login} calls it (the login is the catalogue's: valid at both benches). */
    private static ApiClient api(Daemon d, WebLogin login) {
        return ApiClient.of(d::url).signedBy(b -> login.sign(b.header("Content-Type", "application/json")));
    }
}
