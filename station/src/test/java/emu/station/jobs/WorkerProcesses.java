package emu.station.jobs;

import emu.station.config.StationConfig;
import emu.station.store.PgCluster;
import emu.station.store.Store;
import emu.station.training.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code station worker} processes for the shared-queue tests: a config on a {@link
 * PgCluster} database with a short lease and the data root {@code dir/data}, the worker started
 * in its own JVM (this test's class path), and the other side of the test: a queue in this JVM,
 * its own connection and lease owner, standing for a bench or a second worker elsewhere.
 */
final class WorkerProcesses {
    private WorkerProcesses() {}

    /** A worker config: 2 s leases, {@code candidates} (TOML array) and the {@code [exports]} lines given. */
    static Path config(Path dir, String name, String url, String candidates, String... exports) throws Exception {
        Files.createDirectories(dir.resolve("data")); // the shared data root, "mounted"
        Path f = dir.resolve(name + ".toml");
        StringBuilder toml = new StringBuilder(String.join("\n", "[station]", "data_dir = \"data\"",
                "[store]", "url = \"" + url.replace("jdbc:postgresql://", "postgresql://" + PgCluster.user() + "@") + "\"",
                "job_lease_seconds = 2",
                "[training]", "schedule = \"\"", "candidates = " + candidates, "folds = 5", "[exports]", ""));
        for (String line : exports.length == 0
                ? new String[] {"formats = [\"cube\"]", "encodings = [\"srgb\"]", "sizes = [9]"} : exports) {
            toml.append(line).append('\n');
        }
        Files.writeString(f, toml);
        return f;
    }

    /** Starts {@code station worker --config CONFIG}, its output in {@code out}. */
    static Process start(Path config, Path out) throws Exception {
        return start(config, out, false);
    }

    /**
     * The same; {@code ownSession}: in a new session ({@code setsid}), so that with the kernel's
     * autogroup scheduling the worker gets a CPU share of its own rather than splitting this
     * process's session's share with the other workers (as a worker on another machine would).
     */
    static Process start(Path config, Path out, boolean ownSession) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "emu.station.cli.Main",
                "worker", "--config", config.toString()));
        if (ownSession) {
            cmd.add(0, "setsid");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** Kills a worker (SIGKILL unless {@code gently}: SIGTERM) and waits for it. */
    static void stop(Process worker, boolean gently) throws InterruptedException {
        if (gently) {
            worker.destroy();
        } else {
            worker.destroyForcibly();
        }
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
            worker.destroyForcibly();
            worker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A queue in this JVM on the config's catalogue (its own connection and lease owner), not started. */
    static JobQueue queue(Store store, StationConfig cfg) {
        StationConfig.Training training = new StationConfig.Training(Optional.empty(), false,
                cfg.training().candidates(), cfg.training().folds(), cfg.training().seed());
        Trainer trainer = new Trainer(store, cfg.station().dataDir().toAbsolutePath(), training, cfg.exports());
        return new JobQueue(store, trainer, training, (e, d) -> { });
    }

    /** The entries of a folder, sorted (empty when it does not exist). */
    static List<String> entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
