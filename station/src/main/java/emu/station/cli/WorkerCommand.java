package emu.station.cli;

import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.bench.Devices;
import emu.station.jobs.JobQueue;
import emu.station.readings.Reread;
import emu.station.store.Store;
import emu.station.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code station worker}: takes training, export and re-read jobs from the shared PostgreSQL
 * catalogue's queue until SIGTERM, beside the benches (docs/scale-out.md); a job cancelled from a
 * bench stops at its next step. Runs no HTTP, no devices and no schedule (the
 * benches' daemons queue the work); writes models and exports under the config's data directory,
 * which must be the benches' shared data root. A worker that stops cleanly hands its job back; one
 * that dies leaves it to be claimed again when its lease runs out.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Take training, export and re-read jobs from the shared PostgreSQL catalogue ([store] url) until stopped.")
final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
            description = "config file: [store] url, the shared data_dir, [training] and [exports] (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws IOException, ConfigException, InterruptedException {
        StationConfig cfg = StationConfig.load(config);
        if (cfg.store().postgres().isEmpty()) {
            throw new IllegalArgumentException(config + " has no [store] url: a worker takes jobs from a shared PostgreSQL "
                    + "catalogue (url = \"postgresql://host/db\"); on SQLite the station daemon runs its jobs itself");
        }
        // the config's finishing too: a worker's model is the one the daemon would have trained
        StationConfig.Training noSchedule = cfg.training().unscheduled();
        Path dataDir = cfg.station().dataDir().toAbsolutePath();
        if (!java.nio.file.Files.isDirectory(dataDir)) {
            // Models and exports must land where the benches serve them from: never in a fresh empty folder.
            throw new IllegalArgumentException("data_dir " + dataDir + " of " + config + " is not a directory: "
                    + "mount the benches' shared data root there first");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Store store = Daemon.openStore(cfg)) {
            emu.station.daemon.DataRootCheck.verify(cfg, store); // the catalogue's data root, or exit 2 naming both
            Trainer trainer = new Trainer(store, dataDir, noSchedule, cfg.exports());
            JobQueue queue = new JobQueue(store, trainer, noSchedule, (event, data) -> { });
            queue.crashReportsIn(dataDir); // a dead worker's report, on the shared data root, named by its retry
            // Re-reads read files, not the camera: the bench's sampling travels in the payload, this is the fallback.
            queue.runs(Reread.KIND, new Reread(store, dataDir, Devices.captureSampling(cfg.camera().driver()),
                    Devices.captureScale(cfg.camera().driver())));
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                queue.start();
                var out = spec.commandLine().getOut();
                out.println("worker " + store.leases().owner() + " taking " + String.join(", ", queue.kinds()) + " jobs from "
                        + cfg.store().postgres().get() + " (lease " + store.leases().lease().toSeconds() + " s), data in "
                        + dataDir);
                out.flush();
                stop.await();
            } finally {
                queue.close(); // a job in hand goes back to the queue
                stopped.countDown();
            }
        }
        return ExitCodes.OK;
    }
}
