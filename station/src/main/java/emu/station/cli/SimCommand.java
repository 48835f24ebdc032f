package emu.station.cli;

import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.pairs.Pair;
import emu.devices.sim.pairs.PairsGenerator;
import emu.devices.sim.pairs.PairsSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code station sim}: virtual-bench tools: the pairs generator and the film stock registry. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Virtual bench tools (pairs generation, film stocks).",
        subcommands = {SimCommand.Pairs.class, SimCommand.Stocks.class})
final class SimCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: pairs or stocks");
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = {"Shoots the ColorChecker 24 and the 190-patch set on the simulated digital camera and film stock",
                "and writes training and held-out pairs CSV files (DESIGN.md contract).",
                "OUT ending in .csv: training pairs there, held-out pairs in NAME-heldout.csv;",
                "otherwise OUT is a folder receiving train.csv and heldout.csv.",
                "Held out: every 5th 190-set patch, the --heldout-illuminants and the --heldout-evs."})
    static final class Pairs implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--stock", required = true, paramLabel = "NAME", description = "film stock (see `station sim stocks`)")
        String stock;

        @Option(names = "--out", required = true, paramLabel = "DIR_OR_FILE", description = "output folder or training .csv file")
        Path out;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--illuminants", split = ",", paramLabel = "NAME",
                description = "training illuminants: CIE names or blackbodies like 3200K (default: D65,D50,A,FL2,FL11,LED-B3)")
        List<String> illuminants = PairsSpec.DEFAULT_ILLUMINANTS;

        @Option(names = "--heldout-illuminants", split = ",", paramLabel = "NAME",
                description = "held-out illuminants (default: D55,FL4,LED-B1,4000K)")
        List<String> heldoutIlluminants = PairsSpec.DEFAULT_HELDOUT_ILLUMINANTS;

        @Option(names = "--evs", split = ",", paramLabel = "EV", description = "training exposures, stops (default: -2,-1,0,1,2)")
        List<Double> evs = PairsSpec.DEFAULT_EVS;

        @Option(names = "--heldout-evs", split = ",", paramLabel = "EV", description = "held-out exposures, stops (default: -1.5,0.5,1.5)")
        List<Double> heldoutEvs = PairsSpec.DEFAULT_HELDOUT_EVS;

        @Override
        public Integer call() throws Exception {
            PairsSpec pairsSpec = PairsSpec.defaults(stock, seed).withIlluminants(illuminants, heldoutIlluminants)
                    .withEvs(evs, heldoutEvs);
            PrintWriter o = spec.commandLine().getOut();
            List<Pair> pairs = PairsGenerator.generate(pairsSpec, line -> {
                o.println(line);
                o.flush();
            });
            List<Path> files = PairsGenerator.write(pairs, out);
            long train = pairs.stream().filter(Pair::isTraining).count();
            o.println("wrote " + train + " training pairs to " + files.get(0));
            o.println("wrote " + (pairs.size() - train) + " held-out pairs to " + files.get(1));
            o.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "stocks", mixinStandardHelpOptions = true, description = "Lists the simulated film stocks.")
    static final class Stocks implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            for (FilmStock s : FilmStocks.all().values()) {
                o.printf("%-14s balanced for %-6s %s%n", s.name(), s.balance(), s.description());
            }
            o.flush();
            return ExitCodes.OK;
        }
    }
}
