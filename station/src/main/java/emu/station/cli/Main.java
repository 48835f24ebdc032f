package emu.station.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code station} command line: one subcommand per job, exit codes as in DESIGN.md
 * (0 ok, 1 failure, 2 bad usage or bad input).
 */
@Command(name = "station", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "emu-station: film-profiling bench daemon and tools.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class, DemoCommand.class, FitCommand.class, EvaluateCommand.class,
            ExportCommand.class, ImportBundleCommand.class, ApplyCommand.class, ChartCommand.class, PairsCommand.class,
            ConfigCommand.class, BackupCommand.class, CameraCommand.class, RigCommand.class, SimCommand.class,
            AdminCommand.class, DoctorCommand.class, WorkerCommand.class, MigrateStoreCommand.class,
            CommandLine.HelpCommand.class);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit code; tests call this instead of {@link #main}.
     * A command line that names a subcommand (other than {@code help}) builds that one only:
     * picocli's model of all of them (their classes, options and nested subcommands) cost
     * ~0.35 s of CPU at every start, a third of a 24 MP {@code station apply}'s CPU time
     * (bench/RESULTS.md, issue 18). Anything else (no command, {@code --help}, {@code help}, a
     * typo to suggest a name for) gets them all.
     */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Main());
        Class<?> only = args.length > 0 ? named(args[0]) : null;
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) {
                line.addSubcommand(c);
            }
        }
        return line.setExecutionExceptionHandler(new ExitCodes.Handler()).execute(args);
    }

    /** The subcommand called {@code name} (or by one of its aliases), or null, and null for help. */
    private static Class<?> named(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && command != null
                    && (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
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
