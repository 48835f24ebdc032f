package emu.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.film.LabQuirks;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.JobRepository;
import emu.station.store.PgCluster;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's scenario on one PostgreSQL catalogue, at the workflow level: bench A (its own data
 * directory, virtual camera, rig and film camera) plans a set, shoots it digitally and shoots its
 * roll; the roll comes back from the lab at bench B (another data directory, another connection),
 * which imports and pairs the scans; the training job either bench queued is run by whichever
 * process claims it (both run the shared queue) and ends with a model. What it does not show: the
 * files of A are not served by B (data roots are per bench until files are shared by hash).
 */
@Timeout(300)
class TwoBenchesOneCatalogueTest {
    @TempDir Path dir;

    private StationConfig bench(String name, String pgUrl) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        // The first lines continue QuietBench's [training] table: one quick fitter.
        Path cfg = QuietBench.config(folder, "candidates = [\"matrix\"]", "folds = 3", "[store]", "url = \"" + pgUrl + "\"", "job_lease_seconds = 10",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]");
        StationConfig c = StationConfig.load(cfg);
        Files.createDirectories(c.station().dataDir());
        return c;
    }

    /**
     * Both benches import the same lab delivery at the same moment: each scan is in the catalogue
     * once. The scan's path embeds its content hash and {@code scans.file} is unique, so the bench
     * that loses a race on a file gets it refused (reported as a bad file naming the constraint)
     * or finds it already imported; no file is imported twice. (The two imports start together;
     * whether an insert actually collides varies from run to run: the assertions hold either way.
     * The loser of a collision keeps the file it wrote in its own data directory, unreferenced.)
     */
    @Test
    void twoBenchesRacingOneRollsImportNeverDoubleImport() throws Exception {
        String url = PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
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
                    for (var bad : java.util.stream.Stream.concat(ra.bad().stream(), rb.bad().stream()).toList()) {
                        assertTrue(bad.toString().contains("unique"), "only a lost race is refused: " + bad);
                    }
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
    void aSetShotAtBenchAIsImportedAtBenchBAndTrained() throws Exception {
        String url = PgCluster.get().newDatabase().replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@");
        StationConfig a = bench("bench-a", url);
        StationConfig b = bench("bench-b", url);
        try (Store storeA = Daemon.openStore(a); Store storeB = Daemon.openStore(b)) {
            Workflows benchA = Workflows.open(a, storeA, (e, d) -> { });
            Workflows benchB = Workflows.open(b, storeB, (e, d) -> { });
            try {
                long set = benchA.createSet("shared", "portrait-160", null, List.of("D65"), List.of(-1.0, 0.0, 1.0)).id();
                assertEquals(3, benchA.shoot().run(set, false).captured());
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
                for (String scan : storeB.scans().byRoll(roll.id()).stream().map(s -> s.file()).toList()) {
                    assertTrue(Files.isRegularFile(b.station().dataDir().resolve(scan)), "scans live at bench B: " + scan);
                    assertFalse(Files.exists(a.station().dataDir().resolve(scan)), "not at bench A: " + scan);
                }

                // A queues the training; either bench's queue may take it (both run the shared queue).
                long job = benchA.training().enqueue(set).id();
                benchA.training().awaitIdle(Duration.ofSeconds(180));
                JobRepository.Job done = storeB.jobs().byId(job).orElseThrow();
                assertEquals(JobRepository.State.DONE, done.state(), done.message());
                assertEquals(1, storeB.training().models(set).size());
                assertEquals(1, storeA.jobs().attempts(job), "claimed once: no two benches took it");
            } finally {
                benchB.close();
                benchA.close();
            }
        }
    }
}
