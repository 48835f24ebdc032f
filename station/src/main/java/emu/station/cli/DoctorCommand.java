package emu.station.cli;

import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.doctor.Check;
import emu.station.doctor.Doctor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code station doctor}: what this user can and cannot reach, with the fix for each; exit 1 on any failure. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check what the running user can reach: data directory, free disk, camera, rig port.")
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config.toml",
            description = "config file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--min-free-gb", paramLabel = "GB", defaultValue = "20",
            description = "free disk below this many GiB fails (default: ${DEFAULT-VALUE}, ~4 rolls of TIFF scans)")
    double minFreeGb;

    @Override
    public Integer call() throws IOException, ConfigException {
        if (!(minFreeGb >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--min-free-gb must be >= 0, not " + minFreeGb);
        }
        StationConfig cfg = StationConfig.load(config);
        List<Check> checks = new Doctor().run(cfg, (long) (minFreeGb * (1L << 30)));
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = false;
        for (Check c : checks) {
            out.printf("%-4s %s: %s%n", c.status(), c.what(), c.detail());
            if (!c.fix().isEmpty()) {
                out.printf("     fix: %s%n", c.fix());
            }
            failed |= c.status() == Check.Status.FAIL;
        }
        out.println(failed ? "some checks failed" : "all checks passed");
        out.flush();
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
