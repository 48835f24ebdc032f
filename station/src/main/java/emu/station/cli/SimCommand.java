package emu.station.cli;

import emu.calibration.io.AtomicFiles;
import emu.devices.rig.line.LineRig;
import emu.devices.sim.bench.VirtualBench;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.FilmStocks;
import emu.devices.sim.film.Lottery;
import emu.devices.sim.lab.FilmLab;
import emu.devices.sim.lab.FilmRoll;
import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.devices.sim.pairs.GeneratedPair;
import emu.devices.sim.pairs.PairsGenerator;
import emu.devices.sim.pairs.PairsSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code station sim}: virtual-bench tools: the pairs generator, a film roll through the lab, and the stock registry. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Virtual bench tools (pairs generation, a film roll through the lab, film stocks).",
        subcommands = {SimCommand.Pairs.class, SimCommand.Roll.class, SimCommand.Stocks.class})
final class SimCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: pairs or stocks");
    }

    /** What every virtual-bench run takes: the stock it simulates and the seed that makes it repeatable. */
    static final class StockAndSeed {
        @Option(names = "--stock", required = true, paramLabel = "NAME", description = "film stock (see `station sim stocks`)")
        String stock;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
        long seed;
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = {"Shoots the ColorChecker 24 and the 190-patch set on the simulated digital camera and film stock"
                + " and writes training and held-out pairs CSV files (DESIGN.md contract).",
                "OUT ending in .csv: training pairs there, held-out pairs in NAME-heldout.csv;",
                "otherwise OUT is a folder receiving train.csv and heldout.csv.",
                "Held out: every 5th 190-set patch, the --heldout-illuminants and the --heldout-evs.",
                "Clipped digital readings are left out, as the patch reader flags them."})
    static final class Pairs implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin StockAndSeed sim;

        @Option(names = "--out", required = true, paramLabel = "DIR_OR_FILE", description = "output folder or training .csv file")
        Path out;

        @Option(names = "--illuminants", split = ",", paramLabel = "NAME",
                description = "training illuminants: CIE names, CIE daylight like D93 or blackbodies like 3200K (default: D65,D50,A,FL2,FL11,LED-B3)")
        List<String> illuminants = PairsSpec.DEFAULT_ILLUMINANTS;

        @Option(names = "--heldout-illuminants", split = ",", paramLabel = "NAME",
                description = "held-out illuminants (default: D55,FL4,LED-B1,4000K)")
        List<String> heldoutIlluminants = PairsSpec.DEFAULT_HELDOUT_ILLUMINANTS;

        @Option(names = "--evs", split = ",", paramLabel = "EV", description = "training exposures, stops (default: -2,-1,0,1,2)")
        List<Double> evs = PairsSpec.DEFAULT_EVS;

        @Option(names = "--heldout-evs", split = ",", paramLabel = "EV", description = "held-out exposures, stops (default: -1.5,0.5,1.5)")
        List<Double> heldoutEvs = PairsSpec.DEFAULT_HELDOUT_EVS;

        @Option(names = "--rolls", paramLabel = "N", defaultValue = "0",
                description = "shoot the whole plan N times, each on a fresh roll (0: once, split over 36-frame rolls; default ${DEFAULT-VALUE})")
        int rolls;

        @Option(names = "--roll-variation", paramLabel = "X", defaultValue = "1",
                description = "roll-to-roll development spread, times the stock's own (0: every roll nominal; default ${DEFAULT-VALUE})")
        double rollVariation;

        @Option(names = "--push-roll", paramLabel = "N", defaultValue = "0",
                description = "roll number (from 1) mis-processed as if pushed by --push-stops (default: none)")
        int pushRoll;

        @Option(names = "--push-stops", paramLabel = "S", defaultValue = "0.3333333333333333",
                description = "how far --push-roll is pushed, stops (default 1/3)")
        double pushStops;

        @Option(names = "--process-drift", paramLabel = "X", defaultValue = "0",
                description = "lab process drift between rolls (each roll one visit), sigma per visit (default ${DEFAULT-VALUE})")
        double processDrift;

        @Override
        public Integer call() throws Exception {
            PairsSpec pairsSpec = PairsSpec.defaults(sim.stock, sim.seed).withIlluminants(illuminants, heldoutIlluminants)
                    .withEvs(evs, heldoutEvs)
                    .withLottery(new Lottery(rollVariation, rolls, pushRoll, pushRoll == 0 ? 0 : pushStops, processDrift));
            PrintWriter o = spec.commandLine().getOut();
            List<GeneratedPair> pairs = PairsGenerator.generate(pairsSpec, line -> {
                o.println(line);
                o.flush();
            });
            List<Path> files = PairsGenerator.write(pairs, out);
            long clipped = pairs.stream().filter(GeneratedPair::digitalClipped).count();
            o.println("wrote " + PairsGenerator.usable(pairs, true).size() + " training pairs to " + files.get(0));
            o.println("wrote " + PairsGenerator.usable(pairs, false).size() + " held-out pairs to " + files.get(1));
            o.println("left out " + clipped + " clipped digital readings (a patch reader flags them)");
            o.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "roll", mixinStandardHelpOptions = true,
            description = {"Shoots a film roll on the virtual bench (the simulated rig driven over its line protocol), one"
                + " frame per illuminant and EV, sends it to the simulated lab and writes the scans (ROLL_Fnn.tif 16-bit,"
                + " ROLL_Fnn.jpg) plus roll-log.csv (frame,step,illuminant,ev) into OUT.",
                "Lab quirks: --skip N (frame N not scanned), --offset K (file numbers = frame + K), --twice N (frame N"
                        + " scanned twice, second file ROLL_Fnn_2)."})
    static final class Roll implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin StockAndSeed sim;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the scans (must not hold them already)")
        Path out;

        @Option(names = "--roll", defaultValue = "R0001", paramLabel = "ID", description = "roll id on the files (default: ${DEFAULT-VALUE})")
        String roll;

        @Option(names = "--illuminants", split = ",", paramLabel = "NAME", description = "rig presets to shoot under (default: D65,A)")
        List<String> illuminants = List.of("D65", "A");

        @Option(names = "--evs", split = ",", paramLabel = "EV", description = "exposures per illuminant, stops (default: -1,0,1)")
        List<Double> evs = List.of(-1.0, 0.0, 1.0);

        @Option(names = "--skip", paramLabel = "N", description = "lab quirk: frame N is not scanned")
        Integer skip;

        @Option(names = "--offset", paramLabel = "K", defaultValue = "0", description = "lab quirk: file numbers are frame + K")
        int offset;

        @Option(names = "--twice", paramLabel = "N", description = "lab quirk: frame N is scanned twice")
        Integer twice;

        @Option(names = "--slate", description = "put a slate next to the chart showing each frame's step as a QR code")
        boolean slate;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            int frames = illuminants.size() * evs.size();
            if (frames > 99) {
                throw new IllegalArgumentException(frames + " frames asked (illuminants x EVs); a roll holds at most 99");
            }
            FilmRoll film = new FilmRoll(sim.stock, roll, Math.max(frames, 1), sim.seed, slate);
            VirtualBench bench = new VirtualBench(Duration.ofMillis(100));
            StringBuilder log = new StringBuilder("frame,step,illuminant,ev\n");
            try (LineRig rig = bench.connectRig("sim", LineRig.Options.defaults(), illuminants)) {
                rig.setOn(true);
                for (String name : illuminants) {
                    rig.setPreset(name);
                    rig.awaitSettled(Duration.ofSeconds(10));
                    for (double ev : evs) {
                        String step = name + "@" + ev;
                        int n = film.expose(bench, step, ev);
                        log.append(n).append(',').append(step).append(',').append(name).append(',').append(ev).append('\n');
                        o.println("exposed frame " + n + ": " + name + " at " + ev + " EV");
                        o.flush();
                    }
                }
            }
            LabQuirks quirks = new LabQuirks(skip == null ? OptionalInt.empty() : OptionalInt.of(skip), offset,
                    twice == null ? OptionalInt.empty() : OptionalInt.of(twice));
            List<ScanFile> scans = FilmLab.standard().process(film, quirks, out, line -> {
                o.println(line);
                o.flush();
            });
            AtomicFiles.writeString(out.resolve("roll-log.csv"), log.toString());
            o.println("delivered " + scans.size() + " scans of roll " + roll + " to " + out);
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
