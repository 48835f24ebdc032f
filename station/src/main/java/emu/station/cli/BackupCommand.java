package emu.station.cli;

import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.store.SqliteFiles;
import emu.station.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code station backup --to FILE}: an online copy of the database, safe while the daemon runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Online backup of the station database, checked with PRAGMA integrity_check.")
final class BackupCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--to", required = true, paramLabel = "FILE", description = "backup file to write")
    Path to;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
            description = "config file naming the data directory (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws IOException, ConfigException {
        StationConfig cfg = StationConfig.load(config);
        if (cfg.store().postgres().isPresent()) {
            throw new IllegalArgumentException("the catalogue of " + config + " is PostgreSQL (" + cfg.store().postgres().get()
                    + "): back it up with pg_dump, and the data directory with your file backup (docs/scale-out.md)");
        }
        Path db = cfg.station().dataDir().resolve(Store.FILE_NAME);
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException("no database at " + db + " (has the station run with this config?)");
        }
        String check = SqliteFiles.backup(db, to);
        var out = spec.commandLine().getOut();
        if (!check.equals("ok")) {
            spec.commandLine().getErr().println("integrity_check of the copy failed; nothing written to " + to
                    + ":\n" + check);
            return ExitCodes.FAILURE;
        }
        out.println("backed up " + db + " to " + to.toAbsolutePath() + " (" + Files.size(to) + " bytes)");
        out.println("integrity_check: " + check);
        return ExitCodes.OK;
    }
}
