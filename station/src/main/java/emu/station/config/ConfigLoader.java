package emu.station.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import emu.calibration.fit.Candidate;
import emu.calibration.fit.Finishing;
import emu.calibration.fit.Fitters;
import emu.station.config.StationConfig.Bracket;
import emu.station.config.StationConfig.CameraDriver;
import emu.station.config.StationConfig.CaptureTarget;
import emu.station.config.StationConfig.ChartType;
import emu.station.config.StationConfig.Fixture;
import emu.station.config.StationConfig.RigDriver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlTable;

/**
 * Reads {@code config.toml} into a {@link StationConfig}: every key, its type, default and range is
 * defined here, once, by the read that fetches it (see {@link TomlReader}). Problems are collected,
 * never thrown one at a time.
 */
final class ConfigLoader {
    /** cron-utils' UNIX flavour: 5 fields (minute hour day-of-month month day-of-week), as crontab(5). */
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private ConfigLoader() {}

    static StationConfig load(Path file) throws ConfigException, IOException {
        Path abs = file.toAbsolutePath().normalize();
        String text;
        try {
            text = utf8(abs, Files.readAllBytes(abs));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(abs.toString(), null, "config file not found");
        }
        return parse(text, abs);
    }

    /**
     * Decodes strictly: TOML is UTF-8 (toml.io, "Spec"), and {@code Files.readString} would fail with
     * a bare "Input length = 1"; the first bad byte is reported at its line and column instead.
     */
    static String utf8(Path file, byte[] bytes) throws ConfigException {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult res = dec.decode(in, out, true);
        if (!res.isError()) {
            res = dec.flush(out);
        }
        if (res.isError()) {
            int at = in.position();
            String before = new String(bytes, 0, at, StandardCharsets.UTF_8);
            int nl = before.lastIndexOf('\n');
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int col = before.length() - nl;
            throw new ConfigException(List.of(new ConfigProblem(file, line, col, "",
                    String.format("not UTF-8: byte 0x%02x (save the file as UTF-8)", bytes[at] & 0xff))));
        }
        return out.flip().toString();
    }

    private static StationConfig parse(String toml, Path file) throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        TomlReader r = new TomlReader(abs, Toml.parse(toml));
        StationConfig config = read(r, abs);
        r.reportUnknownKeys();
        if (!r.problems().isEmpty()) {
            throw new ConfigException(sorted(r.problems()));
        }
        return config;
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        return problems.stream()
                .sorted((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                        : Integer.compare(a.column(), b.column()))
                .toList();
    }

    private static String benchName(TomlReader r) {
        String name = r.string("station.bench_name", "");
        if (name.isEmpty()) {
            return StationConfig.Station.defaultBenchName();
        }
        if (!StationConfig.Station.BENCH_NAME.matcher(name).matches()) {
            r.problem(TomlReader.key("station.bench_name"), "must be 1-63 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit (it names the bench's folder benches/NAME in a shared data root), got '" + name + "'");
            return "bench";
        }
        return name;
    }

    private static StationConfig read(TomlReader r, Path file) {
        Path folder = file.getParent();

        String dataDir = r.string("station.data_dir", "data");
        if (dataDir.isBlank()) {
            r.problem(TomlReader.key("station.data_dir"), "must not be empty");
            dataDir = "data";
        }
        var station = new StationConfig.Station(folder.resolve(dataDir).normalize(),
                r.integer("station.min_free_mb", StationConfig.Station.DEFAULT_MIN_FREE_MB, 0, 1L << 30) << 20,
                r.integer("station.resume_margin_mb", StationConfig.Station.DEFAULT_RESUME_MARGIN_MB, 0, 1L << 30) << 20,
                benchName(r));

        String bind = r.string("http.bind", "127.0.0.1");
        if (bind.isBlank()) {
            r.problem(TomlReader.key("http.bind"), "must not be empty (127.0.0.1 for this machine only, 0.0.0.0 for all)");
            bind = "127.0.0.1";
        }
        var http = new StationConfig.Http(bind, (int) r.integer("http.port", 8420, 0, 65535),
                r.integer("http.max_upload_mb", StationConfig.Http.DEFAULT_MAX_UPLOAD_MB, 1, 1L << 20) << 20,
                Duration.ofSeconds(r.integer("http.idle_timeout_seconds", 30, 1, 3600)),
                r.integer("http.min_body_bytes_per_second", 8, 0, 1L << 30),
                (int) r.integer("http.max_connections", 1000, 16, 100_000));

        String metricsToken = r.string("auth.metrics_token", "");
        if (!metricsToken.isEmpty() && (metricsToken.length() < 16 || !metricsToken.matches("[\\x21-\\x7e]+"))) {
            // A short token is guessable; a space or control character cannot travel in a header.
            r.problem(TomlReader.key("auth.metrics_token"), "must be empty or at least 16 printable characters without spaces");
            metricsToken = "";
        }
        var auth = new StationConfig.Auth(
                Duration.ofHours(r.integer("auth.session_lifetime_hours", 12, 1, 24 * 365)),
                (int) r.integer("auth.login_attempts_per_minute", 10, 1, 1000), metricsToken);

        var camera = new StationConfig.Camera(
                r.choice("camera.driver", CameraDriver.class, CameraDriver.SIM),
                r.string("camera.model", ""),
                r.string("camera.port", ""),
                Optional.of(r.string("camera.library_path", "")).filter(s -> !s.isEmpty())
                        .map(s -> folder.resolve(s).normalize()),
                r.choice("camera.capture_target", CaptureTarget.class, CaptureTarget.RAM),
                r.bool("camera.keep_on_camera", false));
        if (camera.model().isEmpty() != camera.port().isEmpty()) {
            r.inconsistent(camera.model().isEmpty() ? "camera.model" : "camera.port",
                    "give both camera.model and camera.port, or neither to auto-detect");
        }

        int bits = (int) r.integer("rig.dmx.bits", 16, 8, 16);
        if (bits != 8 && bits != 16) {
            r.problem(TomlReader.key("rig.dmx.bits"), bits + " is not 8 or 16");
            bits = 16;
        }
        var rig = new StationConfig.Rig(
                r.choice("rig.driver", RigDriver.class, RigDriver.SIM),
                r.string("rig.port", ""),
                (int) r.integer("rig.baud", 115200, 300, 4_000_000),
                r.number("rig.settle_seconds", 2.0, 0, 3600),
                (int) r.integer("rig.shutter_pulse_ms", 100, 1, 10_000),
                new StationConfig.Dmx(bits, fixtures(r, bits)));
        if (rig.driver() != RigDriver.SIM && rig.port().isBlank()) {
            r.inconsistent("rig.port", "the " + TomlReader.configName(rig.driver())
                    + " rig needs a serial port, e.g. /dev/ttyUSB0");
        }

        var chart = new StationConfig.Chart(r.choice("chart.type", ChartType.class, ChartType.COLORCHECKER24));

        List<String> illuminants = r.names("plan.illuminants", List.of("D65", "D50", "A", "FL11", "LED-B3"), null);
        if (illuminants.isEmpty()) {
            r.problem(TomlReader.key("plan.illuminants"), "list at least one illuminant");
        }
        Bracket ev = new Bracket(r.number("plan.ev.min", -2, -10, 10), r.number("plan.ev.max", 2, -10, 10),
                r.number("plan.ev.step", 1, 0.1, 10));
        if (ev.min() > ev.max()) {
            r.inconsistent("plan.ev.min", "min (" + ev.min() + ") is above max (" + ev.max() + ")");
            ev = new Bracket(ev.max(), ev.max(), ev.step());
        }
        var plan = new StationConfig.Plan(illuminants, ev);
        if (rig.driver() == RigDriver.DMX_ENTTEC) {
            for (String name : illuminants) {
                if (!rig.dmx().fixtures().containsKey(name)) {
                    r.inconsistent("plan.illuminants", "illuminant " + name
                            + " has no DMX fixture: add [rig.dmx.fixtures." + name + "]");
                }
            }
        }

        var training = new StationConfig.Training(
                cron(r, "training.schedule", "30 2 * * *"),
                r.bool("training.train_when_complete", true),
                r.checkedNames("training.candidates", Candidate.DEFAULTS, ConfigLoader::candidateProblem),
                (int) r.integer("training.folds", 5, 2, 20),
                r.integer("training.seed", 42, 0, Long.MAX_VALUE),
                finishing(r));
        if (training.candidates().isEmpty()) {
            r.problem(TomlReader.key("training.candidates"), "list at least one candidate");
        }

        var exports = ExportsSection.read(r);

        var drift = new StationConfig.Drift(r.bool("drift.reference_frames", true),
                (int) r.integer("drift.every_steps", 10, 0, 10_000), r.number("drift.threshold_percent", 2.0, 0.1, 100),
                r.number("drift.lamp_rated_hours", 0, 0, 1_000_000));
        var lamp = new StationConfig.SimLamp(r.number("sim.lamp.red_percent_per_step", 0, -5, 5),
                r.number("sim.lamp.green_percent_per_step", 0, -5, 5), r.number("sim.lamp.blue_percent_per_step", 0, -5, 5));

        return new StationConfig(file, station, http, auth, camera, rig, chart, plan, training, exports,
                StoreSection.read(r), drift, lamp, ProcessControlSection.read(r));
    }

    /** What is wrong with a {@code [training] candidates} spec (as {@code station fit --candidates} reads it), or null. */
    private static String candidateProblem(String spec) {
        String fitter = spec.split(":", 2)[0].trim();
        if (!Fitters.names().contains(fitter)) {
            return TomlReader.badName(fitter, Fitters.names()) + " (a candidate is fitter[:key=value]...)";
        }
        try {
            Candidate.parse(spec);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code [training]}'s finishing keys, each one of its allowed values, defaults from calibration's {@link Finishing}. */
    private static Finishing.Options finishing(TomlReader r) {
        Finishing.Options def = Finishing.Options.DEFAULTS;
        return new Finishing.Options(r.choice("training.highlights", Finishing.Highlights.class, def.highlights()),
                r.choice("training.unseen", Finishing.Unseen.class, def.unseen()),
                r.choice("training.clipped_series", Finishing.ClippedSeries.class, def.clippedSeries()));
    }

    private static Optional<Cron> cron(TomlReader r, String key, String def) {
        String s = r.string(key, def).trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CRON.parse(s).validate());
        } catch (IllegalArgumentException e) {
            r.problem(TomlReader.key(key), "bad cron \"" + s + "\" (UNIX cron: minute hour day-of-month month "
                    + "day-of-week, e.g. \"30 2 * * *\"): " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code [rig.dmx.fixtures.NAME] channels = {1 = level, ...}}: names are free, channels checked. */
    private static Map<String, Fixture> fixtures(TomlReader r, int bits) {
        int maxLevel = (1 << bits) - 1;
        // A 16-bit level takes channel n (coarse) and n+1 (fine), so the last usable channel is 511.
        int maxChannel = bits == 16 ? 511 : 512;
        Map<String, Fixture> out = new LinkedHashMap<>();
        List<String> fixturesKey = TomlReader.key("rig.dmx.fixtures");
        for (var entry : r.openTable(fixturesKey).entrySet()) {
            List<String> base = TomlReader.key(fixturesKey, entry.getKey());
            if (!(entry.getValue() instanceof TomlTable)) {
                r.problem(base, "expected a table with channels = {1 = level, ...}");
                continue;
            }
            List<String> channelsKey = TomlReader.key(base, "channels");
            Map<Integer, Integer> channels = new LinkedHashMap<>();
            for (var ch : r.openTable(channelsKey).entrySet()) {
                List<String> key = TomlReader.key(channelsKey, ch.getKey());
                int channel;
                try {
                    channel = Integer.parseInt(ch.getKey());
                } catch (NumberFormatException e) {
                    r.problem(key, "channel must be a number 1.." + maxChannel);
                    continue;
                }
                if (channel < 1 || channel > maxChannel) {
                    r.problem(key, "channel " + channel + " is out of range 1.." + maxChannel);
                    continue;
                }
                int level = (int) r.integer(key, 0, 0, maxLevel);
                if (bits == 16 && (channels.containsKey(channel - 1) || channels.containsKey(channel + 1))) {
                    r.problem(key, "channel " + channel + " overlaps a neighbour's fine channel "
                            + "(16-bit levels use channel n and n+1)");
                    continue;
                }
                channels.put(channel, level);
            }
            if (channels.isEmpty()) {
                r.problem(channelsKey, "fixture " + entry.getKey() + " sets no channels");
            }
            out.put(entry.getKey(), new Fixture(channels));
        }
        return out;
    }
}
