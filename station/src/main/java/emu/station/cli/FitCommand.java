package emu.station.cli;

import emu.calibration.fit.Candidate;
import emu.calibration.fit.Finishing;
import emu.calibration.fit.FittedModel;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.fit.ModelSelection;
import emu.calibration.fit.SpectralFit;
import emu.calibration.pairs.PairSet;
import emu.calibration.rolls.RollAwareFit;
import emu.calibration.rolls.RollReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code station fit}: model selection on a pairs CSV, writing a model directory with its report. */
@Command(name = "fit", mixinStandardHelpOptions = true, description = {
        "Fit and select a model from pairs.",
        "Every candidate is scored by k-fold cross-validation grouped by patch (CIEDE2000 of the film values); the best"
                + " few also leave each illuminant out and hold out the lowest and highest EV. The winner is refitted on all"
                + " pairs, finished (highlights, untrained lights, clipped readings: the options below) and written to"
                + " --out with report.txt and report.json."})
final class FitCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "pairs CSV (DESIGN.md contract)")
    Path pairs;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "new model directory (must not exist or be empty)")
    Path out;

    @Option(names = "--candidates", split = ",", paramLabel = "SPEC",
            description = "candidate specs name[:key=value]..., comma-separated; fitters: matrix, polynomial, "
                    + "root-polynomial, tps, rbf, mlp, grid; illuminant=per|conditional|hybrid; per-light specs also "
                    + "unseen-shrink=0..1[:unseen-shared=SPEC with / for :] (untrained lights from a model shared "
                    + "across lights; README) (default: a standard set)")
    List<String> candidates;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "cross-validation folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "random seed; same seed, same model (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--finalists", defaultValue = "2", paramLabel = "N",
            description = "best candidates also scored on unseen illuminants and EVs; 0 selects by CV alone"
                    + " (default ${DEFAULT-VALUE})")
    int finalists;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "parallel fits (default ${DEFAULT-VALUE}; the mlp candidate's run one at a time: nd4j crashed when two trained at once;"
                    + " with 2 or more its first folds and the spectral model of unseen lights run beside the other fits)")
    int threads;

    @Option(names = "--race", defaultValue = "on", paramLabel = "on|off",
            description = "on: an expensive candidate (the MLP) stops its cross-validation after 1 of the folds when it"
                    + " is more than 15%% worse on it, or after 2 or 4 when it is more than 6%% worse on them, than the"
                    + " --finalists-th best on the same folds, reported as"
                    + " stopped (decided on scores only: same pairs and seed, same model); off: every candidate runs"
                    + " every fold (default ${DEFAULT-VALUE})")
    String race;

    @Option(names = "--stock", defaultValue = "", description = "film stock name, for provenance")
    String stock;

    @Option(names = "--set", defaultValue = "", description = "profiling set name, for provenance")
    String set;

    @Option(names = "--digital-clip", paramLabel = "LEVEL",
            description = "drop pairs with a digital channel at or above LEVEL (the camera's clipping point)")
    Double digitalClip;

    @Option(names = "--highlights", defaultValue = Finishing.HIGHLIGHTS, paramLabel = "MODE",
            description = "rebuild: estimate the camera's clip from the pairs (patches missing from the top of their EV series)"
                    + " and rebuild channels clipped together with another towards the light's grey before the model; none:"
                    + " clipped digital readings go to the model as read (bench/RESULTS.md, issue 24 sessions 5 and 6; "
                    + "default ${DEFAULT-VALUE}, as [training] highlights)")
    String highlights;

    @Option(names = "--stack-loss", defaultValue = "squared", paramLabel = "LOSS",
            description = "how the blend of finalists is weighted on their cross-validation predictions: squared (default) "
                    + "film-value error, or de2000: CIEDE2000's local quadratic form at each scanned colour "
                    + "(bench/RESULTS.md, issue 24 session 6)")
    String stackLoss;

    @Option(names = "--clipped-series", defaultValue = Finishing.CLIPPED_SERIES, paramLabel = "MODE",
            description = "keep: every reading goes to the fit as read; drop: leave out readings whose colour leaves their "
                    + "exposure series (same patch, roll and light at other EVs), i.e. a raw channel clipped "
                    + "(calibration.pairs.ExposureSeries; bench/RESULTS.md, issue 24 session 6); gate: select and fit as "
                    + "drop, refit the selected model on every reading too, and serve a reading by the second where its "
                    + "brightest raw channel is at the camera's clip (bench/RESULTS.md, issue 24 session 7; default "
                    + "${DEFAULT-VALUE}, as [training] clipped_series)")
    String clippedSeries;

    @Option(names = "--unseen", defaultValue = Finishing.UNSEEN, paramLabel = "MODE",
            description = "how lights the pairs never saw are served: spectral: a light with a known SPD from a spectral model "
                    + "of camera and film fitted on the pairs (patch ids naming ColorChecker 24 / AMPAS 190 patches), "
                    + "anchored on the selected model; pairs it cannot use keep the blend; blend: the nearest trained "
                    + "lights' models (bench/RESULTS.md, issue 24 sessions 7-8; default ${DEFAULT-VALUE}, as [training] "
                    + "unseen)")
    String unseen;

    @Option(names = "--stuck-margin", defaultValue = Finishing.STUCK_MARGIN, paramLabel = "M",
            description = "drop pairs with a film channel within M of 0 or 1 (default ${DEFAULT-VALUE}; 0 keeps all)")
    double stuckMargin;

    @Option(names = "--roll-aware", description = "fit the stock's nominal response and each roll's deviation (pairs from two or more rolls, each "
            + "repeating the plan); the model is the nominal, rolls.json holds the rolls' deviations, spread and "
            + "flags (default: all pairs pooled)")
    boolean rollAware;

    @Option(names = "--roll-nominal", paramLabel = "VARIANT", description = "with --roll-aware: the pairs the nominal is fitted on, pooled (every roll's pairs as they came; "
            + "flags only reported), corrected (each in-control roll's pairs corrected by its deviation) or in-"
            + "control-pooled (the in-control rolls' pairs as they came, flagged rolls left out); default: the "
            + "daemon's (RollAwareFit.DEFAULT)")
    String rollNominal;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        Finishing.Options finishing = new Finishing.Options(Finishing.parse(Finishing.Highlights.class, highlights,
                "--highlights"), Finishing.parse(Finishing.Unseen.class, unseen, "--unseen"),
                Finishing.parse(Finishing.ClippedSeries.class, clippedSeries, "--clipped-series"));
        if (finishing.clippedSeries() == Finishing.ClippedSeries.GATE && rollAware) {
            throw new IllegalArgumentException("--clipped-series gate does not combine with --roll-aware");
        }
        PairsInput in = PairsInput.read(pairs, digitalClip, finishing, stuckMargin, w);
        RollAwareFit.Nominal nominal = RollAwareFit.DEFAULT;
        if (rollNominal != null) {
            if (!rollAware) {
                throw new IllegalArgumentException("--roll-nominal needs --roll-aware");
            }
            nominal = RollAwareFit.Nominal.parse(rollNominal);
        }
        if (rollAware) {
            RollAwareFit.notComparable(in.pairs()).ifPresent(why -> {
                throw new IllegalArgumentException("--roll-aware: " + why);
            });
        }
        List<String> specs = candidates == null || candidates.isEmpty() ? Candidate.DEFAULTS : candidates;
        specs.forEach(Candidate::parse); // bad specs are bad usage: fail before any fitting
        ModelSelection.Settings settings = new ModelSelection.Settings(specs, folds, seed, finalists, threads, line -> {
            w.println(line);
            w.flush();
        }, stackLoss, switch (race) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--race must be on or off, got " + race);
        });
        long t0 = System.nanoTime();
        // The spectral model reads the pairs alone: fitted on a core the selection leaves idle (SpectralFit); with
        // --threads 1 after the selection, as the training does, so that one thread means one core.
        SpectralFit spectral = threads >= 2 && finishing.unseen() == Finishing.Unseen.SPECTRAL
                ? SpectralFit.beside(in.pairs()) : null;
        RollAwareFit.Result aware = rollAware ? RollAwareFit.run(in.pairs(), settings, nominal) : null;
        ModelSelection.Result result = aware != null ? aware.selection() : ModelSelection.run(in.pairs(), settings);
        FittedModel model = Finishing.finish(result.model(), in.pairs(), in.stuck(), in::every, seed, finishing, spectral, line -> {
            w.println(line);
            w.flush();
        }).model(); // a refusal of the spectral model is said in its line: a fit keeps no note of it
        ModelMetadata meta = ModelDirectory.metadata(in.bytes(), result.report(), model, stock, set);
        ModelDirectory.save(out, model, meta, result.report());
        if (aware != null) {
            emu.calibration.io.AtomicFiles.writeString(out.resolve(RollReport.FILE), aware.rolls().toJsonText());
            emu.calibration.io.AtomicFiles.writeString(out.resolve(RollReport.TEXT_FILE), aware.rolls().toText());
        }
        w.println();
        w.print(result.report().toText());
        if (aware != null) {
            w.println();
            w.print(aware.rolls().toText());
        }
        w.printf("%nmodel %s (%s) written to %s in %.1f s%n", meta.id(), meta.spec(), out, (System.nanoTime() - t0) / 1e9);
        w.flush();
        return ExitCodes.OK;
    }

    /**
     * The pairs as read (bytes for the checksum), as filtered for fitting, those dropped as stuck film (no clip
     * evidence for the highlights step: the film saturated, not the sensor), and every pair but the stuck film (the
     * gate's refit): calibration's {@link Finishing#prepare}, which the training shares, after the digital clip.
     */
    record PairsInput(byte[] bytes, PairSet pairs, PairSet stuck, PairSet every) {
        static PairsInput read(Path file, Double digitalClip, double stuckMargin, PrintWriter w) throws java.io.IOException {
            return read(file, digitalClip, Finishing.Options.DEFAULTS.withClippedSeries(Finishing.ClippedSeries.KEEP),
                    stuckMargin, w);
        }

        /** {@code finishing}'s series filter, then the stuck film ({@link Finishing#prepare}), after the digital clip. */
        static PairsInput read(Path file, Double digitalClip, Finishing.Options finishing, double stuckMargin, PrintWriter w)
                throws java.io.IOException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--pairs " + file + ": no such file");
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            PairSet all = emu.calibration.pairs.PairsCsv.read(new java.io.InputStreamReader(
                    new java.io.ByteArrayInputStream(bytes), java.nio.charset.StandardCharsets.UTF_8), file.toString());
            PairSet kept = all;
            if (digitalClip != null) {
                kept = kept.withoutClippedDigital(digitalClip);
            }
            Finishing.Prepared prepared = Finishing.prepare(kept, finishing, stuckMargin);
            int afterClip = kept.size() - prepared.seriesDropped();
            w.printf("%s: %d pairs, %d patches, %d illuminants (%s); dropped %d clipped digital, %d stuck film%n",
                    file, all.size(), all.patches().size(), all.illuminants().size(), String.join(", ", all.illuminants()),
                    all.size() - afterClip, afterClip - prepared.pairs().size());
            if (prepared.pairs().isEmpty()) {
                throw new IllegalArgumentException(file + ": no pairs left after filtering");
            }
            return new PairsInput(bytes, prepared.pairs(), prepared.stuck(), prepared.every());
        }
    }
}
