package emu.station.ui;

import emu.station.auth.Auth;
import emu.station.auth.Passwords;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.api.WorkflowApi;
import emu.station.store.AccountRepository.Role;
import emu.station.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A station with the login and the web UI on a free port, for the UI tests. The admin is seeded
 * with a known one-time password, as the first run would generate one, so tests can go through the
 * forced change.
 */
final class UiStation implements AutoCloseable {
    static final String ONE_TIME_PASSWORD = "one-time-password-0123";
    final Daemon daemon;
    final Path dataDir;

    UiStation(Path dir, int loginAttemptsPerMinute) throws Exception {
        this(dir, loginAttemptsPerMinute, false);
    }

    /** @param workflows also run the workflow API on the virtual bench (sim camera and rig) */
    UiStation(Path dir, int loginAttemptsPerMinute, boolean workflows) throws Exception {
        this(dir, loginAttemptsPerMinute, workflows, "");
    }

    /** @param extraToml further config tables (e.g. a {@code [store]} on PostgreSQL) */
    UiStation(Path dir, int loginAttemptsPerMinute, boolean workflows, String extraToml) throws Exception {
        this(dir, loginAttemptsPerMinute, workflows, extraToml, "");
    }

    /** @param exportsToml further keys of {@code [exports]} (e.g. {@code also_lights}), one a line */
    UiStation(Path dir, int loginAttemptsPerMinute, boolean workflows, String extraToml, String exportsToml)
            throws Exception {
        Files.createDirectories(dir);
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[http]\nport = 0\n[auth]\nlogin_attempts_per_minute = " + loginAttemptsPerMinute + "\n"
                + "[rig]\nsettle_seconds = 0.0\n"
                + "[training]\ntrain_when_complete = false\nschedule = \"\"\ncandidates = [\"matrix\"]\nfolds = 2\n"
                + "[exports]\nformats = [\"cube\"]\nencodings = [\"srgb\"]\nsizes = [9]\n" + exportsToml
                + "[plan]\nilluminants = [\"D65\", \"A\"]\nev = { min = -1.0, max = 1.0, step = 1.0 }\n" + extraToml);
        StationConfig config = StationConfig.load(cfg);
        dataDir = config.station().dataDir();
        try (Store s = Daemon.openStore(config)) {
            s.accounts().createUser(Auth.ADMIN, Passwords.hashOneTime(ONE_TIME_PASSWORD.toCharArray()), Role.ADMIN);
        }
        daemon = Daemon.start(config, workflows
                ? List.of(new Auth(), new WorkflowApi(Auth::requireUser), new UiModule())
                : List.of(new Auth(), new UiModule()), false);
    }

    String url(String path) {
        return daemon.url().replaceAll("/$", "") + path;
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
