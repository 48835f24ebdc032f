package emu.station.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code station} command line: one subcommand per job, exit codes as in DESIGN.md
 * (0 ok, 1 failure, 2 bad usage or bad input).
 */
@Command(name = "station", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "emu-station: film-profiling bench daemon and tools.",
        subcommands = {
                RunCommand.class, DemoCommand.class, FitCommand.class, EvaluateCommand.class,
                ExportCommand.class, ImportBundleCommand.class, ApplyCommand.class, ChartCommand.class, PairsCommand.class,
                ConfigCommand.class, BackupCommand.class, CameraCommand.class, RigCommand.class, SimCommand.class,
                AdminCommand.class, DoctorCommand.class, WorkerCommand.class, MigrateStoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new ExitCodes.Handler())
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"emu-station " + emu.station.StationVersion.get()};
        }
    }
}
