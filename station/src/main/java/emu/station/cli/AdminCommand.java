package emu.station.cli;

import emu.station.auth.Auth;
import emu.station.auth.OneTimePasswordFile;
import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code station admin reset-password}: the console's way back in when a web user (the admin) forgot
 * the password or is locked out by someone else's failed guesses. Safe while the daemon runs (one
 * SQLite write; the daemon's throttle keys on the stored hash, so the lock lifts at once).
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Console-only administration.",
        subcommands = AdminCommand.ResetPassword.class)
final class AdminCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (reset-password)");
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give a web user a new one-time password (printed here and written to"
                    + " data_dir/" + OneTimePasswordFile.FILE_NAME + ", mode 0600) and end their sessions.")
    static final class ResetPassword implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--user", defaultValue = Auth.ADMIN, paramLabel = "NAME",
                description = "web user (default: ${DEFAULT-VALUE})")
        String user;

        @CommandLine.Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
                description = "config file naming the data directory (default: ${DEFAULT-VALUE})")
        Path config;

        @Override
        public Integer call() throws IOException, ConfigException {
            StationConfig cfg = StationConfig.load(config);
            Path dir = cfg.station().dataDir();
            Path db = dir.resolve(Store.FILE_NAME);
            if (cfg.store().postgres().isEmpty() && !Files.isRegularFile(db)) {
                throw new IllegalArgumentException("no database at " + db + " (has the station run with this config?)");
            }
            try (Store store = emu.station.daemon.Daemon.openStore(cfg)) {
                String password = Auth.resetPassword(store.accounts(), user, dir);
                var out = spec.commandLine().getOut();
                out.println("web user '" + user + "': new one-time password " + password);
                out.println("(also in " + OneTimePasswordFile.in(dir).path() + "; change it at the next login)");
            }
            return ExitCodes.OK;
        }
    }
}
