package emu.station.daemon;

import emu.station.config.StationConfig;
import emu.station.http.ApiServer;
import emu.station.http.EventStream;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running station: data-directory lock, store, HTTP server and the modules' resources, started
 * in that order (a shared catalogue is opened first and its data root checked before this bench
 * writes into the root) and stopped in reverse. Stopping is graceful and bounded: HTTP finishes in-flight
 * requests and closes event streams, registered resources (devices, the job runner, which
 * checkpoints its step) close newest first, the WAL is checkpointed, the lock released.
 */
public final class Daemon {
    /** The whole shutdown's budget; past it the process halts rather than hang a service manager. */
    public static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final StationConfig config;
    private final DataDirLock lock;
    private final Store store;
    private final EventStream events = new EventStream();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ApiServer http;
    private boolean stopping;

    private Daemon(StationConfig config, DataDirLock lock, Store store) {
        this.config = config;
        this.lock = lock;
        this.store = store;
    }

    /**
     * Starts the station on a validated config.
     *
     * @param logToFile also write the log to {@code logs/station.log} in this bench's folder (the data
     *                  directory, or {@code benches/NAME} of a shared data root; the CLI does, tests do not)
     * @throws DataDirInUseException when another station holds the data directory (or this bench's folder)
     * @throws DataRootCheck.DataRootMismatchException when a shared catalogue expects another data root
     * @throws emu.station.store.SchemaTooNewException when the database is newer than this code
     */
    public static Daemon start(StationConfig config, List<StationModule> modules, boolean logToFile) throws IOException {
        Path dir = config.station().dataDir();
        emu.station.files.DataRoot root = emu.station.files.DataRoot.of(config);
        DataDirLock lock = null;
        Store store = null;
        try {
            if (root.shared()) {
                // A shared root is checked before this bench writes anything into it (its lock, its log).
                store = openStore(config);
                DataRootCheck.verify(config, store);
            }
            lock = DataDirLock.acquire(root.benchDir());
            if (logToFile) {
                Logging.teeStderrTo(root.benchDir().resolve("logs"));
            }
            LOG.info("emu-station starting on {} (config {}{})", dir, config.file(),
                    root.shared() ? ", bench " + root.bench() + " in " + root.benchDir() : "");
            if (store == null) {
                store = openStore(config);
            }
            LOG.info("catalogue: {}", store.isShared() ? "PostgreSQL " + store.where() : store.where());
            if (store.migratedFrom() != store.schemaVersion()) {
                LOG.info("database migrated from schema version {} to {}", store.migratedFrom(), store.schemaVersion());
            }
            Daemon d = new Daemon(config, lock, store);
            d.http = new ApiServer(config.http(), store.schemaVersion(), d.events, routes -> {
                for (StationModule m : modules) {
                    try {
                        m.install(d, routes);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start " + m + ": " + e.getMessage(), e);
                    }
                }
            });
            LOG.info("listening on {}", d.http.url());
            return d;
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * The catalogue the config names: the SQLite file in the data directory, or the shared
     * PostgreSQL database of {@code [store] url} with this process's job lease set from the config.
     */
    public static Store openStore(StationConfig config) {
        Store store = config.store().postgres()
                .map(p -> Store.openPostgres(p.jdbcUrl(), p.user(), p.password()))
                .orElseGet(() -> Store.open(config.station().dataDir().resolve(Store.FILE_NAME)));
        store.leases().setLease(config.store().jobLease());
        return store;
    }

    public StationConfig config() {
        return config;
    }

    public Store store() {
        return store;
    }

    public EventStream events() {
        return events;
    }

    /** The URL the API listens on, e.g. {@code http://127.0.0.1:8420/}. */
    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    /** Registers a resource (a device, a runner) to close at shutdown, newest first. */
    public synchronized void closeOnStop(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Stops everything, each step even if an earlier one failed. Safe to call more than once. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long t0 = System.nanoTime();
        LOG.info("stopping");
        step("HTTP server", http::stop);
        AutoCloseable r;
        while ((r = nextResource()) != null) {
            step(r.toString(), r::close);
        }
        step("database", store::close);
        step("data directory lock", lock::close);
        LOG.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
        stopped.countDown();
    }

    private synchronized AutoCloseable nextResource() {
        return resources.poll();
    }

    private static void step(String what, AutoCloseable action) {
        try {
            action.close();
        } catch (Exception e) {
            LOG.error("stopping {} failed: {}", what, e.toString());
        }
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully on SIGTERM/SIGINT. A watchdog halts the JVM if the stop overruns
     * {@link #SHUTDOWN_BUDGET}: a hung device must not keep a service manager waiting.
     */
    public void stopOnSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread watchdog = new Thread(() -> {
                try {
                    if (!stopped.await(SHUTDOWN_BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
                        LOG.error("shutdown overran {} s; halting", SHUTDOWN_BUDGET.toSeconds());
                        Runtime.getRuntime().halt(1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "shutdown-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            stop();
        }, "station-shutdown"));
    }
}
