package emu.station.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply a LUT to an image.")
final class ApplyCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.notAvailableYet(spec);
    }
}
