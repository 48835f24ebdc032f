package emu.station.cli;

import emu.station.config.ConfigException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** The exit codes every command shares, and the mapping from exceptions to them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    private ExitCodes() {}

    /** Prints the message of a failure without a stack trace; bad input exits 2, anything else 1. */
    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            boolean badInput = ex instanceof IllegalArgumentException || ex instanceof ConfigException
                    || ex instanceof NoSuchFileException;
            return badInput ? BAD_INPUT : FAILURE;
        }
    }

    /** For commands whose feature arrives with a later issue. */
    static int notAvailableYet(CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getErr().println("station " + spec.qualifiedName(" ").replaceFirst("^station ", "")
                + ": not available yet");
        return FAILURE;
    }
}
