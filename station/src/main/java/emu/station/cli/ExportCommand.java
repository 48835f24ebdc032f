package emu.station.cli;

import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportPlan;
import emu.calibration.export.Exporter;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.profile.CameraProfileFormat;
import emu.calibration.profile.CameraProfileFormats;
import emu.station.config.ConfigException;
import emu.station.config.StationConfig;
import emu.station.training.BundleSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station export}: bakes a fitted model into LUTs, one per illuminant.
 *
 * <p>With {@code --illuminant NAME} one LUT is written to {@code --out FILE}. Without it, every
 * illuminant the model was trained on is exported and {@code --out} is a directory, holding one
 * file per light named as the daemon's training names it (the one export pipeline,
 * {@code emu.calibration.export.Exporter}; the OCIO format adds a .cube beside each snippet).
 * Each LUT's bake report (second differences per axis, neutral-axis monotonicity, values clamped)
 * is printed as it is written. A size or encoding the format cannot take is refused before any
 * baking, naming the flag.
 *
 * <p>{@code --format dcp} and {@code --format icc-input} write camera profiles made from the
 * model itself ({@link CameraProfileExport}); they take no {@code --encoding}.
 *
 * <p>{@code --format bundle} writes instead one archival zip per model to {@code --out FILE}
 * ({@link BundleExport}): pairs CSV, model, fit report, every LUT and profile, provenance.
 * {@code --config FILE} exports by that config's {@code [exports]} plan, every file the daemon's
 * training would write for this model (the bundle's provenance then knows no roll log).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Export a model as LUTs: one per illuminant.",
        "Without --illuminant every trained illuminant is exported and --out is a directory."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "a model directory (station fit)")
    Path model;

    @Option(names = "--format", defaultValue = "cube", paramLabel = "NAME",
            description = "cube, haldclut, clf, ocio, ..., dcp / icc-input (camera profiles, no --encoding)"
                    + " or bundle (one archival zip per model; default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "LUT input encoding: linear, acescct, rec709, srgb, logc3, slog3, ... (required but for bundle)")
    String encoding;

    @Option(names = "--size", paramLabel = "N",
            description = "lattice points per axis, 2..256 (17, 33, 65; HaldCLUT: 64 = level 8, 144 = level 12);"
                    + " default 33, HaldCLUT 64")
    Integer size;

    @Option(names = "--illuminant", paramLabel = "NAME", description = "export only this illuminant; --out is then a file")
    String illuminant;

    @Option(names = "--out", required = true, paramLabel = "FILE|DIR", description = "output file, or directory for all illuminants")
    Path out;

    @Option(names = "--camera", paramLabel = "MODEL",
            description = "dcp only: the camera the profile is for, as the raw's UniqueCameraModel"
                    + " (exiftool -UniqueCameraModel FILE); default: " + CameraProfileFormats.DEFAULT_CAMERA)
    String cameraModel;

    @Option(names = "--color-matrix", split = ",", paramLabel = "M",
            description = "dcp only: the camera's D65 colour matrix, 9 numbers (XYZ to camera RGB, row by row, as"
                    + " exiftool -ColorMatrix2 shows it for a DNG from that camera); default: raws in the"
                    + " station's own camera space")
    double[] colorMatrix;

    @Option(names = "--pairs", paramLabel = "PAIRS.csv",
            description = "bundle and --config only: the pairs CSV the model was fitted on (default: MODEL_DIR/pairs.csv)")
    Path pairs;

    @Option(names = "--config", paramLabel = "FILE",
            description = "export by this config file's [exports] plan, as the daemon's training does (every format,"
                    + " encoding, size and the bundle); --out is a directory")
    Path config;

    @Override
    public Integer call() throws IOException, ConfigException {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (config != null) {
                if (spec.commandLine().getParseResult().hasMatchedOption("--format") || encoding != null || size != null
                        || illuminant != null || cameraModel != null || colorMatrix != null) {
                    throw new IllegalArgumentException("--config takes its plan from the file's [exports]; drop --format,"
                            + " --encoding, --size, --illuminant, --camera and --color-matrix");
                }
                return byPlan(StationConfig.load(config).exports().plan(), log, err);
            }
            if (format.equals(BundleExport.FORMAT)) {
                if (encoding != null || size != null || illuminant != null) {
                    throw new IllegalArgumentException("--format bundle archives every encoding, size and illuminant"
                            + " it defines; drop --encoding, --size and --illuminant");
                }
                return BundleExport.write(model, pairs, out, log);
            }
            boolean camera = ExportFormats.isLut(format) && ExportFormats.get(format) instanceof CameraProfileFormat;
            if (camera) {
                return CameraProfileExport.write(this, log);
            }
            if (cameraModel != null || colorMatrix != null) {
                throw new IllegalArgumentException((cameraModel != null ? "--camera" : "--color-matrix")
                        + " is only for --format dcp");
            }
            if (encoding == null) {
                throw new IllegalArgumentException("--encoding is required for --format " + format);
            }
            if (pairs != null) {
                throw new IllegalArgumentException("--pairs is only for --format bundle and --config");
            }
            int n = size != null ? size : ExportFormats.isLut(format) ? ExportFormats.get(format).defaultSize() : 33;
            ExportPlan plan = new ExportPlan(List.of(new ExportPlan.Entry(format, List.of(encoding), List.of(n))),
                    illuminant == null ? List.of() : List.of(illuminant)).check(ExportCommand::flag);
            if (illuminant == null && Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file; without --illuminant every illuminant"
                        + " is exported, so --out must be a directory (or give --illuminant NAME)");
            }
            ModelDirectory dir = ModelDirectory.load(model);
            if (illuminant != null) {
                if (!dir.model().illuminants().contains(illuminant)) {
                    log.println("note: " + dir.model().serving(illuminant));
                }
                long t0 = System.nanoTime();
                Exporter.Baked baked = Exporter.exportOne(dir, ExportFormats.get(format), encoding, n, illuminant, out);
                log.printf(Locale.ROOT, "%s %s %d^3 -> %s (%.2f s)%n  %s%n", illuminant, encoding, n,
                        String.join(", ", baked.files().stream().map(Path::toString).toList()),
                        (System.nanoTime() - t0) / 1e9, baked.summary());
                log.flush();
                return ExitCodes.OK;
            }
            Exporter.Outcome outcome = Exporter.export(dir, plan, out, Optional.empty(), line -> {
                log.println(line);
                log.flush();
            });
            for (Exporter.Failed f : outcome.failed()) {
                err.println("error: " + f.describe());
            }
            return outcome.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Every export of a config's plan into the directory {@code --out}, timed. */
    private int byPlan(ExportPlan plan, PrintWriter log, PrintWriter err) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file; --config exports many files into a directory");
        }
        ModelDirectory dir = ModelDirectory.load(model);
        byte[] csv = pairs == null ? null : Files.readAllBytes(pairs);
        Optional<Exporter.BundleSource> bundle = plan.bundle()
                ? Optional.of(new Exporter.BundleSource(BundleSources.fromModel(dir.metadata()), csv))
                : Optional.empty();
        long t0 = System.nanoTime();
        Exporter.Outcome outcome = Exporter.export(dir, plan, out, bundle, line -> {
            log.println(line);
            log.flush();
        });
        for (Exporter.Failed f : outcome.failed()) {
            err.println("error: " + f.describe());
        }
        log.printf(Locale.ROOT, "%d files, %d failed, in %.1f s%n", outcome.written().size(), outcome.failed().size(),
                (System.nanoTime() - t0) / 1e9);
        return outcome.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** A plan problem in the words of this command: the flag that gave the value. */
    private static String flag(ExportPlan.Problem p) {
        return switch (p.field()) {
            case FORMATS -> "--format " + p.value();
            case ENCODINGS -> "--encoding " + p.value();
            case SIZES -> "--size " + p.value();
        };
    }
}
