package emu.station.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.config.StationConfig;
import emu.station.store.JobRepository;
import emu.station.store.PgCluster;
import emu.station.store.Store;
import emu.station.store.TrainingRepository;
import emu.station.training.SyntheticSets;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared job queue on a real PostgreSQL server: a real {@code station worker} process takes a
 * training job and is killed (SIGKILL) mid-training; once its 2 s lease runs out unrenewed, another
 * worker (a second process: this test's JVM, its own store connection and lease owner) claims the
 * job again and finishes it. The dead worker's training run ends failed, the job counts two claims, and its message
 * names the crash report the dead worker left on the shared data root (by its host and pid, not another worker's).
 */
@Timeout(240)
class WorkerKilledMidJobTest {
    @TempDir Path dir;

    private Path config(String url, String candidates) throws Exception {
        Path f = dir.resolve("worker-" + candidates.hashCode() + ".toml");
        Files.writeString(f, String.join("\n", "[station]", "data_dir = \"data\"",
                "[store]", "url = \"" + url.replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@") + "\"",
                "job_lease_seconds = 2",
                "[training]", "schedule = \"\"", "candidates = " + candidates, "folds = 5",
                "[exports]", "formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]", ""));
        return f;
    }

    @Test
    void aKilledWorkersJobIsRetriedByAnotherAfterTheLease() throws Exception {
        String url = PgCluster.get().newDatabase();
        Files.createDirectories(dir.resolve("data")); // the shared data root, "mounted"
        try (Store store = Store.openPostgres(url, PgCluster.user(), null)) {
            long set = SyntheticSets.withPairs(store, "killed");
            long job = store.jobs().enqueue(JobQueue.KIND, "{\"set\":" + set + "}").id();

            // The slow worker: every fitter, 5 folds, in its own JVM; killed as soon as it holds the job.
            Path slow = config(url, "[\"mlp\", \"tps\", \"root-polynomial\", \"polynomial\", \"matrix\"]");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main",
                    "worker", "--config", slow.toString()));
            Process worker = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("worker.out").toFile()).start();
            String owner;
            try {
                owner = awaitTraining(store, job, set, worker);
            } finally {
                worker.destroyForcibly();
                worker.waitFor(30, TimeUnit.SECONDS);
            }
            assertEquals(JobRepository.State.RUNNING, store.jobs().byId(job).orElseThrow().state(),
                    "the worker was killed mid-job (it had not finished): " + Files.readString(dir.resolve("worker.out")));
            assertTrue(Files.readString(dir.resolve("worker.out")).contains("worker " + owner), "its owner id is printed");
            // What a worker dying of a native fault leaves on the shared data root (the launcher's -XX:ErrorFile,
            // packaging/crash-file.bash, names it with `hostname -s` and the pid), and a newer one of another worker.
            Process hostname = new ProcessBuilder("hostname", "-s").start();
            String host = new String(hostname.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertEquals(0, hostname.waitFor());
            String report = "logs/hs_err_" + host + "_pid" + owner.substring(0, owner.indexOf('@')) + ".log";
            Files.writeString(Files.createDirectories(dir.resolve("data/logs")).resolve(report.substring(5)), "# SIGSEGV");
            Files.writeString(dir.resolve("data/logs/hs_err_" + host + "_pid1.log"), "# another worker's crash");

            // Another worker, elsewhere: its own connection and lease owner, a quicker fitter.
            StationConfig cfg = StationConfig.load(config(url, "[\"matrix\"]"));
            try (Store other = emu.station.daemon.Daemon.openStore(cfg)) {
                assertNotEquals(owner, other.leases().owner());
                StationConfig.Training training = new StationConfig.Training(Optional.empty(), false,
                        cfg.training().candidates(), cfg.training().folds(), cfg.training().seed());
                Trainer trainer = new Trainer(other, cfg.station().dataDir().toAbsolutePath(), training, cfg.exports());
                try (JobQueue queue = new JobQueue(other, trainer, training, (e, d) -> { })) {
                    queue.crashReportsIn(cfg.station().dataDir().toAbsolutePath()); // as `station worker` does
                    queue.start();
                    queue.awaitIdle(Duration.ofSeconds(120));
                }
            }
            JobRepository.Job done = store.jobs().byId(job).orElseThrow();
            assertEquals(JobRepository.State.DONE, done.state(), done::message);
            assertEquals(2, store.jobs().attempts(job), "claimed by the killed worker, then by the other");
            assertTrue(done.message().endsWith("(retried: the lease of the worker running it ran out; the JVM's crash"
                    + " report: " + report + ")"), done::message);
            List<TrainingRepository.RunStatus> runs = store.training().runs(set).stream()
                    .map(TrainingRepository.Run::status).toList();
            assertEquals(List.of(TrainingRepository.RunStatus.FAILED, TrainingRepository.RunStatus.DONE), runs,
                    "the killed worker's run, then the other's");
            assertEquals("matrix", store.training().models(set).get(0).fitter());
        }
    }

    /** Waits until the worker process holds the job and its training run has started; returns its lease owner. */
    private static String awaitTraining(Store store, long job, long set, Process worker) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            Optional<String> owner = store.jobs().leaseOwner(job);
            if (owner.isPresent() && !store.training().runs(set).isEmpty()) {
                return owner.get();
            }
            if (!worker.isAlive()) {
                throw new AssertionError("the worker exited " + worker.exitValue() + " before training");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the worker started no training in 120 s");
    }
}
