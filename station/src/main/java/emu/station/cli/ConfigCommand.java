package emu.station.cli;

import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code station config check [FILE]}: validates a config without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a config file.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate FILE (default ./config.toml): OK and a summary, or every problem with "
                    + "line and column (exit 2).")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "config.toml",
                description = "config file (default: ${DEFAULT-VALUE})")
        Path file;

        @Override
        public Integer call() throws IOException, ConfigException {
            StationConfig config = StationConfig.load(file);
            spec.commandLine().getOut().println("OK: " + config.file());
            spec.commandLine().getOut().println(config.summary());
            return ExitCodes.OK;
        }
    }
}
