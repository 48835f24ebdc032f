package emu.station.cli;

import emu.calibration.fit.Evaluation;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code station evaluate}: CIEDE2000 of a model's predictions on other pairs, with breakdowns. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "CIEDE2000 report of a model on other pairs: overall, per illuminant, per EV, worst patches.")
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "a directory written by station fit")
    Path model;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "pairs CSV to score the model on")
    Path pairs;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @Option(names = "--digital-clip", paramLabel = "LEVEL", description = "drop pairs with a digital channel at or above LEVEL")
    Double digitalClip;

    @Option(names = "--stuck-margin", defaultValue = emu.calibration.fit.Finishing.STUCK_MARGIN, paramLabel = "M",
            description = "drop pairs with a film channel within M of 0 or 1 (default ${DEFAULT-VALUE}; 0 keeps all)")
    double stuckMargin;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + ": no such directory");
        }
        ModelDirectory dir = ModelDirectory.load(model);
        FitCommand.PairsInput in = FitCommand.PairsInput.read(pairs, digitalClip, stuckMargin, w);
        Evaluation e = Evaluation.of(dir.model(), in.pairs());
        w.printf("model %s (%s), trained on %s; cross-validated mean dE00 %.3f%n", dir.metadata().id(),
                dir.metadata().spec(), String.join(", ", dir.metadata().illuminantNames()),
                dir.metadata().heldOutMeanDeltaE());
        w.println("CIEDE2000 of film values on " + pairs + ":");
        w.print(e.toText("  "));
        if (json != null) {
            AtomicFiles.writeString(json, new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(e.toJson()));
        }
        w.flush();
        return ExitCodes.OK;
    }
}
