package emu.station.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.calibration.chart.ChartSpecs;
import emu.calibration.io.Hashes;
import emu.station.SimCaptures;
import emu.station.bench.Devices;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.readings.ChartReadings;
import emu.station.readings.Reread;
import emu.station.store.JobRepository;
import emu.station.store.JobRepository.Job;
import emu.station.store.PgCluster;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.ReadingRepository.Source;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: the job kinds a {@code station worker} takes besides training, and cancelling a job
 * it runs from another process, on a real PostgreSQL server with real worker processes (each its
 * own JVM). This JVM plays the bench: its own connection and lease owner queue the jobs, read the
 * results and cancel, as the bench's API does through {@link JobQueue}.
 */
@Timeout(300)
class WorkerJobKindsTest {
    @TempDir Path dir;

    @Test
    void aWorkerReReadsASetsCapturesAndExportsAKeptModelQueuedByTheBench() throws Exception {
        String url = PgCluster.get().newDatabase();
        Path cfgFile = WorkerProcesses.config(dir, "worker", url, "[\"matrix\"]",
                "formats = [\"cube\"]", "encodings = [\"srgb\", \"acescct\"]", "sizes = [17]");
        StationConfig cfg = StationConfig.load(cfgFile);
        Path data = cfg.station().dataDir().toAbsolutePath();
        try (Store bench = Daemon.openStore(cfg)) {
            // A kept model (trained at the bench) and a set with one real sim-camera capture, not yet read.
            long trained = SyntheticSets.withPairs(bench, "kinds");
            Trainer trainer = new Trainer(bench, data, cfg.training(), cfg.exports());
            TrainingRepository.Model model = trainer.train(trained, null, List.of(), line -> { }).model();
            List<TrainingRepository.Export> before = bench.training().exports(model.id());
            long read = bench.sets().create("to re-read", SyntheticSets.stock(bench), "colorchecker24",
                    StepSpec.grid(List.of("D65"), List.of(0.0))).id();
            Path tif = SimCaptures.tiff(SimCaptures.shoot(data.resolve("captures"), "w1"));
            long capture = bench.captures().add(bench.sets().steps(read).get(0).id(),
                    data.relativize(tif).toString(), Hashes.sha256Hex(Files.readAllBytes(tif)), 0, "1/60").id();
            assertTrue(bench.readings().ofCapture(capture).isEmpty());

            JobQueue queue = WorkerProcesses.queue(bench, cfg); // the bench's queue: it queues, the worker runs
            queue.runs(Reread.KIND, new Reread(bench, data, Devices.simCameraSampling(),
                    Devices.captureScale(StationConfig.CameraDriver.SIM)));
            Job reread = queue.submit(Reread.KIND, Reread.payload(read, Source.CAPTURE, Devices.simCameraSampling(),
                    Devices.captureScale(StationConfig.CameraDriver.SIM)));
            Job export = queue.enqueueExport(model.id());
            assertEquals(export.id(), queue.enqueueExport(model.id()).id(), "one export of a model at a time");

            Process worker = WorkerProcesses.start(cfgFile, dir.resolve("worker.out"));
            try {
                Job r = await(bench, reread.id(), j -> j.state() == JobRepository.State.DONE, worker);
                Job e = await(bench, export.id(), j -> j.state() == JobRepository.State.DONE, worker);
                String out = Files.readString(dir.resolve("worker.out"));
                assertTrue(out.contains("taking export, reread, train jobs"), out);
                assertTrue(r.worker() != null && !r.worker().equals(bench.leases().owner()), "run by the worker: " + r);
                assertEquals(r.worker(), e.worker());
                assertTrue(out.contains("worker " + r.worker()), out);
                assertTrue(r.message().startsWith("re-read 1 of 1 captures"), r.message());
                assertTrue(e.message().contains("exported again"), e.message());
            } finally {
                WorkerProcesses.stop(worker, true);
            }
            assertFalse(worker.isAlive(), "a worker stops on SIGTERM");

            // The re-read's values are the bench's own reading of the file (its sampling travelled in the payload).
            var expected = ChartReadings.values(ChartReadings.read(tif, ChartSpecs.byName("colorchecker24"), Optional.empty(),
                    Devices.simCameraSampling()), Devices.captureScale(StationConfig.CameraDriver.SIM));
            assertEquals(expected, bench.readings().ofCapture(capture));
            // The export: new rows, every file whole (its hash), the previous files gone, no staging left.
            List<TrainingRepository.Export> after = bench.training().exports(model.id());
            assertEquals(before.size(), after.size());
            for (TrainingRepository.Export x : after) {
                assertTrue(x.file().contains(".r"), "a re-export's folder: " + x.file());
                assertEquals(x.sha256(), Hashes.sha256Hex(Files.readAllBytes(data.resolve(x.file()))), x.file());
                assertEquals(17, x.size());
            }
            for (TrainingRepository.Export x : before) {
                assertFalse(Files.exists(data.resolve(x.file())), x.file());
            }
            assertTrue(WorkerProcesses.entries(data.resolve("exports/set-" + trained)).stream().noneMatch(n -> n.startsWith(".")));
        }
    }

    @Test
    void aWorkerKilledMidExportLeavesNoHalfFileAndTheExportIsFinishedElsewhere() throws Exception {
        String url = PgCluster.get().newDatabase();
        // The killed worker's plan is long (3 encodings of 65^3 cubes and a level-12 HaldCLUT per light).
        Path slowCfg = WorkerProcesses.config(dir, "slow", url, "[\"matrix\"]", "formats = [\"cube\", \"haldclut\"]",
                "encodings = [\"acescct\", \"logc3\", \"srgb\"]", "sizes = [65]", "[exports.haldclut]", "sizes = [144]");
        StationConfig cfg = StationConfig.load(WorkerProcesses.config(dir, "other", url, "[\"matrix\"]"));
        Path data = cfg.station().dataDir().toAbsolutePath();
        try (Store bench = Daemon.openStore(cfg)) {
            long set = SyntheticSets.withPairs(bench, "killed-export");
            Trainer trainer = new Trainer(bench, data, cfg.training(), cfg.exports());
            long model = trainer.train(set, null, List.of(), line -> { }).model().id();
            JobQueue queue = WorkerProcesses.queue(bench, cfg);
            long job = queue.enqueueExport(model).id();
            Path exports = data.resolve("exports/set-" + set);

            Process worker = WorkerProcesses.start(slowCfg, dir.resolve("slow.out"));
            try {
                // killed once its staging folder holds a first file: mid-export
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!stagingHasAFile(exports)) {
                    assertTrue(worker.isAlive(), () -> "the worker exited: " + read(dir.resolve("slow.out")));
                    assertTrue(System.nanoTime() < end, "no export started in 120 s");
                    Thread.sleep(20);
                }
            } finally {
                WorkerProcesses.stop(worker, false);
            }
            Job killed = bench.jobs().byId(job).orElseThrow();
            assertEquals(JobRepository.State.RUNNING, killed.state(), "killed mid-export: " + read(dir.resolve("slow.out")));
            assertTrue(WorkerProcesses.entries(exports).stream().anyMatch(n -> n.endsWith(".partial")), "a half export on disk");
            assertTrue(bench.training().exports(model).stream().noneMatch(x -> x.file().contains(".r")),
                    "nothing of the half export recorded");

            // Another worker (this JVM) claims it once the 2 s lease ran out and exports by its own plan.
            try (JobQueue other = WorkerProcesses.queue(bench, cfg)) {
                other.start();
                other.awaitIdle(Duration.ofSeconds(120));
            }
            Job done = bench.jobs().byId(job).orElseThrow();
            assertEquals(JobRepository.State.DONE, done.state(), done::message);
            assertEquals(2, bench.jobs().attempts(job), "claimed by the killed worker, then by the other");
            List<TrainingRepository.Export> rows = bench.training().exports(model);
            assertFalse(rows.isEmpty());
            for (TrainingRepository.Export x : rows) {
                assertEquals(9, x.size(), "the finishing worker's plan: " + x.file());
                assertEquals(x.sha256(), Hashes.sha256Hex(Files.readAllBytes(data.resolve(x.file()))), x.file());
            }
            assertTrue(WorkerProcesses.entries(exports).stream().noneMatch(n -> n.startsWith(".")),
                    "the killed export's staging was removed: " + WorkerProcesses.entries(exports));
        }
    }

    @Test
    void aTrainingCancelledFromAnotherProcessStopsOnTheWorkerWithTheReason() throws Exception {
        String url = PgCluster.get().newDatabase();
        Path slowCfg = WorkerProcesses.config(dir, "slow", url, "[\"mlp\", \"tps\", \"root-polynomial\", \"polynomial\", \"matrix\"]");
        StationConfig cfg = StationConfig.load(slowCfg);
        Path data = cfg.station().dataDir().toAbsolutePath();
        try (Store bench = Daemon.openStore(cfg)) {
            long set = SyntheticSets.withPairs(bench, "cancelled");
            JobQueue queue = WorkerProcesses.queue(bench, cfg);
            long job = queue.enqueue(set).id();
            Process worker = WorkerProcesses.start(slowCfg, dir.resolve("worker.out"));
            try {
                await(bench, job, j -> j.worker() != null && !bench.training().runs(set).isEmpty(), worker);
                String reason = "cancelled by admin at " + bench.leases().owner();
                long asked = System.nanoTime();
                assertTrue(queue.cancel(job, reason));
                Job requested = bench.jobs().byId(job).orElseThrow();
                assertEquals(reason, requested.cancelRequested(), "the request is on the row at once");

                Job cancelled = await(bench, job, j -> j.state() != JobRepository.State.RUNNING, worker);
                double seconds = (System.nanoTime() - asked) / 1e9;
                assertEquals(JobRepository.State.CANCELLED, cancelled.state(), cancelled::message);
                assertEquals(reason, cancelled.message());
                // Its next step: the fit's next fold or candidate (seconds apart, more on a loaded machine), not its end.
                System.out.printf("cancel: the worker stopped %.1f s after the request%n", seconds);
                assertTrue(seconds < 90, "stopped at its next step, not at the end: " + seconds + " s");
                TrainingRepository.Run run = bench.training().runs(set).get(0);
                assertEquals(TrainingRepository.RunStatus.CANCELLED, run.status());
                assertTrue(run.reportJson().contains(reason), run.reportJson());
                assertTrue(bench.training().models(set).isEmpty(), "no model recorded");
                assertEquals(List.of(), WorkerProcesses.entries(data.resolve("models/set-" + set)), "no model directory left");
                assertEquals(List.of(), WorkerProcesses.entries(data.resolve("exports/set-" + set)), "no exports left");
                assertFalse(queue.cancel(job, reason), "a cancelled job cannot be cancelled again");

                // The worker is alive and takes the next job.
                long next = queue.submit(JobQueue.KIND, "{\"set\":" + set + ",\"exports\":{\"formats\":[\"cube\"],"
                        + "\"encodings\":[\"srgb\"],\"sizes\":[9]}}").id();
                await(bench, next, j -> j.state() == JobRepository.State.RUNNING, worker);
                assertTrue(worker.isAlive());
                WorkerProcesses.stop(worker, true);
                assertEquals(JobRepository.State.QUEUED, bench.jobs().byId(next).orElseThrow().state(),
                        "a stopping worker hands its job back");
            } finally {
                WorkerProcesses.stop(worker, true);
            }
        }
    }

    @Test
    void aJobWhoseWorkerDiedAfterACancelWasAskedEndsCancelledNotRetried() throws Exception {
        String url = PgCluster.get().newDatabase();
        StationConfig cfg = StationConfig.load(WorkerProcesses.config(dir, "w", url, "[\"matrix\"]"));
        try (Store dead = Daemon.openStore(cfg); Store other = Daemon.openStore(cfg)) {
            long set = SyntheticSets.withPairs(dead, "dead");
            long job = dead.jobs().enqueue(JobQueue.KIND, "{\"set\":" + set + "}").id();
            assertEquals(job, dead.jobs().claimNext(List.of(JobQueue.KIND)).orElseThrow().id());
            long run = dead.training().startRun(set, job, "h").id();
            assertTrue(other.jobs().requestCancel(job, "cancelled by admin"));
            Thread.sleep(2500); // the claimer never renews: its 2 s lease runs out
            assertTrue(other.jobs().claimNext(List.of(JobQueue.KIND)).isEmpty(), "not retried");
            Job j = other.jobs().byId(job).orElseThrow();
            assertEquals(JobRepository.State.CANCELLED, j.state());
            assertTrue(j.message().startsWith("cancelled by admin"), j.message());
            assertEquals(TrainingRepository.RunStatus.CANCELLED, other.training().runs(set).stream()
                    .filter(r -> r.id() == run).findFirst().orElseThrow().status());
            assertFalse(other.jobs().requestCancel(job, "again"), "only a running job takes a request");
        }
    }

    @Test
    void aBenchTellsItsWebUiOfJobsThatAnotherProcessRuns() throws Exception {
        String url = PgCluster.get().newDatabase();
        StationConfig cfg = StationConfig.load(WorkerProcesses.config(dir, "w", url, "[\"matrix\"]"));
        List<java.util.Map<String, Object>> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Store benchStore = Daemon.openStore(cfg); Store workerStore = Daemon.openStore(cfg)) {
            StationConfig.Training t = new StationConfig.Training(Optional.empty(), false, List.of("matrix"), 5, 42);
            Trainer none = new Trainer(benchStore, dir, t, cfg.exports());
            try (JobQueue bench = new JobQueue(benchStore, none, t, (e, d) -> told.add(new java.util.HashMap<>(
                        java.util.Map.of("event", e, "id", d.get("id"), "state", String.valueOf(d.get("state"))))));
                    JobQueue worker = WorkerProcesses.queue(workerStore, cfg)) {
                worker.runs("probe", (job, progress) -> { // a kind the bench does not run: only the worker claims it
                    progress.report(0.5, "half way");
                    Thread.sleep(3 * SharedJobEvents.EVERY_MS);
                    return "probed";
                });
                bench.start();
                worker.start();
                long id = worker.submit("probe", "{}").id();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (told.stream().noneMatch(d -> d.get("id").equals(id) && d.get("state").equals("done"))) {
                    assertTrue(System.nanoTime() < end, "the bench told no end of job " + id + ": " + told);
                    Thread.sleep(100);
                }
                assertTrue(told.stream().anyMatch(d -> d.get("id").equals(id) && d.get("state").equals("running")), told::toString);
                assertEquals(workerStore.leases().owner(), benchStore.jobs().byId(id).orElseThrow().worker());
            }
        }
    }

    /** Polls the job until {@code done}; fails if the worker exits first or after 180 s. */
    private Job await(Store store, long id, Predicate<Job> done, Process worker) throws Exception {
        try {
            return awaitJob(store, id, done, worker);
        } catch (AssertionError e) {
            StringBuilder out = new StringBuilder();
            for (String n : WorkerProcesses.entries(dir)) {
                if (n.endsWith(".out")) {
                    out.append("\n--- ").append(n).append(":\n").append(read(dir.resolve(n)));
                }
            }
            throw new AssertionError(e.getMessage() + out, e);
        }
    }

    private static Job awaitJob(Store store, long id, Predicate<Job> done, Process worker) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < end) {
            Job j = store.jobs().byId(id).orElseThrow();
            if (done.test(j)) {
                return j;
            }
            if (j.finishedAt().isPresent()) {
                throw new AssertionError("job " + id + " ended otherwise: " + j);
            }
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited " + worker.exitValue() + "; job " + j);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " not there in 180 s: " + store.jobs().byId(id).orElseThrow());
    }

    private static boolean stagingHasAFile(Path exports) throws Exception {
        for (String n : WorkerProcesses.entries(exports)) {
            if (n.endsWith(".partial")) {
                try (var files = Files.walk(exports.resolve(n))) {
                    if (files.anyMatch(Files::isRegularFile)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (Exception e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
