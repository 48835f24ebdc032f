package emu.station.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rig", mixinStandardHelpOptions = true, description = "Illuminant rig identify, presets, set, status.")
final class RigCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ExitCodes.notAvailableYet(spec);
    }
}
