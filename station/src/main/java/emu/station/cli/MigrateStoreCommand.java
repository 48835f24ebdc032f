package emu.station.cli;

import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.daemon.DataDirLock;
import emu.station.store.Store;
import emu.station.store.StoreCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code station migrate-store --to URL}: moves a bench's SQLite catalogue into a new, empty
 * PostgreSQL database, rows with their ids, verified by per-table counts and hashes (docs/scale-out.md).
 * The station must be stopped (the data directory's lock is taken). The SQLite file is left as it
 * was; point {@code [store] url} at the database afterwards.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = "Copy this bench's SQLite catalogue into an empty PostgreSQL database, verified by counts and hashes.")
final class MigrateStoreCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--to", required = true, paramLabel = "URL",
            description = "postgresql://[user[:password]@]host[:port]/database (an empty database, collation C)")
    String to;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
            description = "config naming the data directory with station.db (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws IOException, ConfigException {
        StationConfig cfg = StationConfig.load(config);
        StationConfig.Postgres target = StationConfig.postgresUrl(to);
        Path dir = cfg.station().dataDir();
        Path db = dir.resolve(Store.FILE_NAME);
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException("no SQLite catalogue at " + db + " (the data directory of " + config + ")");
        }
        var out = spec.commandLine().getOut();
        try (DataDirLock lock = DataDirLock.acquire(dir);
             Store source = Store.open(db);
             Store dest = Store.openPostgres(target.jdbcUrl(), target.user(), target.password())) {
            List<StoreCopy.TableCheck> checks = StoreCopy.copy(source, dest);
            long rows = 0;
            for (StoreCopy.TableCheck c : checks) {
                out.printf("%-16s %8d rows  sha256 %s%n", c.table(), c.targetRows(), c.targetHash().substring(0, 16));
                rows += c.targetRows();
            }
            out.println("copied " + rows + " rows of " + checks.size() + " tables from " + db + " to " + target
                    + "; every count and hash matches. Set [store] url to it; files stay in " + dir);
        }
        return ExitCodes.OK;
    }
}
