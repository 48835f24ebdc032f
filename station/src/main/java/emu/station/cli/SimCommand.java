package emu.station.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sim", mixinStandardHelpOptions = true, description = "Virtual bench tools (pairs generation).")
final class SimCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.notAvailableYet(spec);
    }
}
