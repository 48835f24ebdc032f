package emu.station.config;

import com.cronutils.model.Cron;
import emu.calibration.export.ExportPlan;
import emu.calibration.fit.Finishing;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The station's configuration, read from {@code config.toml} and fully validated before anything
 * starts: if {@link #load} returns, every value is in range and every name is known. Immutable.
 * The key reference is {@code docs/config.md}.
 */
public record StationConfig(
        Path file, Station station, Http http, Auth auth, Camera camera, Rig rig, Chart chart,
        Plan plan, Training training, Exports exports, StoreSettings store, Drift drift, SimLamp simLamp,
        ProcessControl processControl) {

    /**
     * Reads and validates a config file.
     *
     * @throws ConfigException listing every problem found (syntax, unknown keys, types, ranges, names)
     * @throws IOException if the file cannot be read
     */
    public static StationConfig load(Path file) throws ConfigException, IOException {
        return ConfigLoader.load(file);
    }

    /** {@code [station]}: where the database, captures, scans, models, exports and logs live. */
    /**
     * @param minFreeBytes below it the shoot pauses and imports are refused
     * @param resumeMarginBytes a shoot paused for the disk goes on once {@code minFreeBytes} plus this is free
     */
    /**
     * @param benchName this station's name among the benches of a shared catalogue: its set leases and
     *                  its own folder {@code benches/NAME} of a shared data root (docs/scale-out.md)
     */
    public record Station(Path dataDir, long minFreeBytes, long resumeMarginBytes, String benchName) {
        public static final long DEFAULT_MIN_FREE_MB = 1024;
        public static final long DEFAULT_RESUME_MARGIN_MB = 256;
        /** A bench name: a folder name on every OS, and short enough to read on a set page. */
        public static final java.util.regex.Pattern BENCH_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

        public Station(Path dataDir) {
            this(dataDir, DEFAULT_MIN_FREE_MB << 20, DEFAULT_RESUME_MARGIN_MB << 20, defaultBenchName());
        }

        /** The machine's host name as far as it is a valid bench name, else {@code bench}. */
        public static String defaultBenchName() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "";
            }
            String name = host.replaceFirst("\\..*$", "").replaceAll("[^A-Za-z0-9._-]", "-");
            return BENCH_NAME.matcher(name).matches() ? name : "bench";
        }
    }

    /**
     * {@code [http]}: the API and web UI listener. Port 0 picks a free port (printed at start). The
     * limits keep slow or stalled clients from starving the station (docs/web-ui.md, "Limits").
     *
     * @param maxUploadBytes largest scan upload (zip) accepted, also the most a zip may unpack to
     * @param idleTimeout a connection with no bytes moving this long is closed (headers and bodies)
     * @param minBodyBytesPerSecond a request body arriving slower than this is cut off with 408
     * @param maxConnections open connections past which new ones wait to be accepted
     */
    public record Http(String bind, int port, long maxUploadBytes, Duration idleTimeout, long minBodyBytesPerSecond,
                       int maxConnections) {
        public static final long DEFAULT_MAX_UPLOAD_MB = 6144;

        /** The defaults for the limits (tests that only choose where to listen). */
        public Http(String bind, int port) {
            this(bind, port, DEFAULT_MAX_UPLOAD_MB << 20, Duration.ofSeconds(30), 8, 1000);
        }
    }

    /**
     * {@code [auth]}: web sessions and login throttling.
     *
     * @param metricsToken a bearer token that may read {@code /metrics} without a login; empty: login only
     */
    public record Auth(Duration sessionLifetime, int loginAttemptsPerMinute, String metricsToken) {
        /** Without a metrics token (tests and callers that predate it). */
        public Auth(Duration sessionLifetime, int loginAttemptsPerMinute) {
            this(sessionLifetime, loginAttemptsPerMinute, "");
        }
    }

    public enum CameraDriver { SIM, GPHOTO2 }

    public enum CaptureTarget { RAM, CARD }

    /**
     * {@code [camera]}. Empty {@code model}/{@code port} mean auto-detect; an absent
     * {@code libraryPath} means the system's libgphoto2.
     */
    public record Camera(CameraDriver driver, String model, String port, Optional<Path> libraryPath,
                         CaptureTarget captureTarget, boolean keepOnCamera) {}

    public enum RigDriver { SIM, SERIAL_LINE, DMX_ENTTEC }

    /** {@code [rig]}: the illuminant rig and, for DMX, how each named illuminant maps to channels. */
    public record Rig(RigDriver driver, String port, int baud, double settleSeconds, int shutterPulseMs, Dmx dmx) {}

    /**
     * {@code [rig.dmx]}: channel resolution (8-bit, or 16-bit as coarse channel n + fine channel n+1)
     * and a fixture (channel -> level) per illuminant name.
     */
    public record Dmx(int bits, Map<String, Fixture> fixtures) {
        public Dmx {
            fixtures = Collections.unmodifiableMap(new LinkedHashMap<>(fixtures));
        }
    }

    /** The DMX levels that produce one illuminant: 1-based channel -> level (0..255 or 0..65535). */
    public record Fixture(Map<Integer, Integer> channels) {
        public Fixture {
            channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        }
    }

    public enum ChartType { COLORCHECKER24, AMPAS190 }

    /** {@code [chart]}: the target photographed in every step. */
    public record Chart(ChartType type) {}

    /** {@code [plan]}: defaults for new profiling sets: illuminants x exposure bracket. */
    public record Plan(List<String> illuminants, Bracket ev) {
        public Plan {
            illuminants = List.copyOf(illuminants);
        }
    }

    /** An exposure bracket in EV relative to the metered exposure: min..max by step. */
    public record Bracket(double min, double max, double step) {
        /** The bracket's exposures, min first; rounding keeps 1/3-stop steps exact enough to print. */
        public List<Double> values() {
            List<Double> out = new ArrayList<>();
            int n = (int) Math.floor((max - min) / step + 1e-9);
            for (int i = 0; i <= n; i++) {
                out.add(Math.round((min + i * step) * 1e6) / 1e6);
            }
            return List.copyOf(out);
        }
    }

    /**
     * {@code [training]}. {@code schedule} is a cron-utils UNIX cron (5 fields, minute first);
     * empty when nightly retraining is off.
     */
    public record Training(Optional<Cron> schedule, boolean trainWhenComplete, List<String> candidates,
                           int folds, long seed, Finishing.Options finishing) {
        /**
         * {@code finishing}: {@code training.highlights}, {@code training.unseen} and {@code
         * training.clipped_series}, what is done to the selected model before it is saved, the same
         * path as {@code station fit}'s options of those names ({@link Finishing}, whose defaults
         * both read).
         */
        public Training {
            candidates = List.copyOf(candidates);
            java.util.Objects.requireNonNull(finishing, "finishing");
        }

        /** With the default finishing ({@link Finishing.Options#DEFAULTS}). */
        public Training(Optional<Cron> schedule, boolean trainWhenComplete, List<String> candidates, int folds, long seed) {
            this(schedule, trainWhenComplete, candidates, folds, seed, Finishing.Options.DEFAULTS);
        }

        /** The same without a schedule nor training on completion (a worker process's: the daemon schedules). */
        public Training unscheduled() {
            return new Training(Optional.empty(), false, candidates, folds, seed, finishing);
        }
    }

    /**
     * {@code [exports]} and its per-format {@code [exports.FORMAT]} tables: what a finished
     * training run exports, already checked as a whole ({@link ExportPlan#problems()}), and
     * {@code also_lights}: lights exported besides the model's trained ones (registry names, no
     * duplicates; empty: only the trained lights).
     */
    public record Exports(ExportPlan plan, List<String> alsoLights) {
        public Exports {
            alsoLights = List.copyOf(alsoLights);
        }

        /** Only the trained lights. */
        public Exports(ExportPlan plan) {
            this(plan, List.of());
        }

        /**
         * The lights a model trained under {@code trained} is exported for: those, then
         * {@code also_lights} not among them, in that order.
         */
        public List<String> lights(List<String> trained) {
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(trained);
            all.addAll(alsoLights);
            return List.copyOf(all);
        }

        /** One line per format: {@code cube: acescct, srgb x 33, 65}. */
        public String describe() {
            return String.join("; ", plan.entries().stream()
                    .map(e -> e.format() + (e.sizes().isEmpty() ? ""
                            : ": " + (e.encodings().isEmpty() ? "" : String.join(", ", e.encodings()) + " x ")
                                    + e.sizes().stream().map(String::valueOf)
                                            .collect(java.util.stream.Collectors.joining(", "))))
                    .toList());
        }
    }

    /**
     * {@code [store]}: the catalogue's engine ({@link StoreSection}). Empty {@code postgres}: the
     * SQLite file in the data directory. {@code jobLease}: how long a worker's claim on a job of the
     * shared queue lasts unrenewed before another worker may take the job.
     */
    public record StoreSettings(Optional<Postgres> postgres, Duration jobLease) {
        /** The default: SQLite in the data directory. */
        public static StoreSettings sqlite() {
            return new StoreSettings(Optional.empty(), Duration.ofSeconds(60));
        }
    }

    /**
     * A PostgreSQL catalogue: the JDBC URL (without credentials), the role and its password (null
     * when the URL gave none: the driver then tries {@code ~/.pgpass}), and the URL as written with
     * the password masked, for logs.
     */
    public record Postgres(String jdbcUrl, String user, String password, String display) {
        @Override
        public String toString() {
            return display;
        }
    }

    /**
     * Checks a PostgreSQL URL as {@code [store] url} is checked (for commands that take one).
     *
     * @throws IllegalArgumentException saying what is wrong, the password never shown
     */
    public static Postgres postgresUrl(String url) {
        return StoreSection.parse(url);
    }

    /** The SQLite file's name in the data directory (the store's {@code Store.FILE_NAME}; config imports no store). */
    private static final String SQLITE_FILE = "station.db";

    /**
     * {@code [drift]}: the reference frame (the chart's neutral row under the set's first light at
     * the metered exposure) shot at the start and end of every digital shoot and every
     * {@code everySteps} steps (0 = start and end only); a drift above {@code thresholdPercent} on any
     * channel is flagged on the shoot. {@code lampRatedHours}: the rig light's rated life, shown beside
     * the lamp hours the station counts (0 = not known).
     */
    public record Drift(boolean referenceFrames, int everySteps, double thresholdPercent, double lampRatedHours) {}

    /**
     * {@code [sim.lamp]}: the virtual bench lamp's ageing per light change, in percent, for the red,
     * green and blue bands (0 = none, the default).
     */
    public record SimLamp(double redPercentPerStep, double greenPercentPerStep, double bluePercentPerStep) {}

    /**
     * {@code [process_control.*]}: the limits a lab's control strips are judged by, per process
     * ({@code ProcessControlSection}); a process missing here has no limits: its strips are shown unjudged.
     */
    public record ProcessControl(java.util.Map<emu.calibration.process.Process, emu.calibration.process.ProcessLimits> limits) {
        public ProcessControl {
            limits = java.util.Map.copyOf(limits);
        }

        /** The limits of {@code process}, if known. */
        public java.util.Optional<emu.calibration.process.ProcessLimits> of(emu.calibration.process.Process process) {
            return java.util.Optional.ofNullable(limits.get(process));
        }
    }

    /** A few lines for {@code station config check} and the daemon's start-up log. */
    public String summary() {
        return String.join(System.lineSeparator(),
                "data directory: " + station.dataDir() + (store.postgres().isPresent()
                        ? " (shared data root; bench " + station.benchName() + " in benches/" + station.benchName() + ")" : ""),
                "http:           " + http.bind() + ":" + http.port(),
                "camera:         " + TomlReader.configName(camera.driver())
                        + (camera.model().isEmpty() ? "" : " " + camera.model())
                        + (camera.port().isEmpty() ? "" : " on " + camera.port()),
                "rig:            " + TomlReader.configName(rig.driver())
                        + (rig.port().isEmpty() ? "" : " on " + rig.port()),
                "chart:          " + TomlReader.configName(chart.type()),
                "plan:           " + plan.illuminants().size() + " illuminants x " + plan.ev().values().size()
                        + " exposures (" + String.join(", ", plan.illuminants()) + ")",
                "training:       " + String.join(", ", training.candidates()) + "; "
                        + training.schedule().map(c -> "schedule \"" + c.asString() + "\"").orElse("no schedule")
                        + (training.trainWhenComplete() ? ", when a set completes" : ""),
                "finishing:      highlights " + Finishing.name(training.finishing().highlights()) + ", unseen "
                        + Finishing.name(training.finishing().unseen()) + ", clipped_series "
                        + Finishing.name(training.finishing().clippedSeries()),
                "exports:        " + exports.describe()
                        + (exports.alsoLights().isEmpty() ? "" : "; also lights " + String.join(", ", exports.alsoLights())),
                "store:          " + store.postgres().map(p -> "PostgreSQL " + p.display()
                        + " (job lease " + store.jobLease().toSeconds() + " s)").orElse("SQLite " + SQLITE_FILE));
    }
}
