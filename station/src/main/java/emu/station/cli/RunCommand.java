package emu.station.cli;

import emu.station.auth.Auth;
import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.daemon.Daemon;
import emu.station.daemon.StationModule;
import emu.station.ui.UiModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code station run}: the daemon, until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the station daemon.")
final class RunCommand implements Callable<Integer> {
    /**
     * The station's parts, started in this order after the store; later issues add theirs here.
     * Made on {@code run} only: picocli instantiates every subcommand for every command line, and
     * building these (the login's decoy password hash, the web stack) cost each CLI call ~1 s.
     */
    private static List<StationModule> modules() {
        // The login's guard runs before every route; the workflow API checks it passed (its one hook).
        Auth auth = new Auth();
        // Metrics first: its bearer-token check must run before the login guard.
        return List.of(new emu.station.metrics.MetricsModule(), auth, new emu.station.api.WorkflowApi(Auth::requireUser),
                new UiModule());
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
            description = "config file (default: ${DEFAULT-VALUE})")
    Path config;

    @Override
    public Integer call() throws IOException, ConfigException, InterruptedException {
        StationConfig cfg = StationConfig.load(config);
        Daemon daemon = Daemon.start(cfg, modules(), true);
        daemon.stopOnSignal();
        spec.commandLine().getOut().println("station listening on " + daemon.url() + " (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        daemon.awaitStop();
        return ExitCodes.OK;
    }
}
