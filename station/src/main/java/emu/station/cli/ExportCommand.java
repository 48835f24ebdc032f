package emu.station.cli;

import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.lut.LutExportFormats;
import emu.calibration.lut.LutProvenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station export}: bakes a fitted model into LUTs, one per illuminant.
 *
 * <p>With {@code --illuminant NAME} one LUT is written to {@code --out FILE}. Without it, every
 * illuminant the model was trained on is exported and {@code --out} is a directory, holding
 * {@code STOCK_ILLUMINANT_ENCODING_SIZE.EXT} per light (the OCIO format adds a .cube beside each
 * snippet). Each LUT's bake report (second differences per axis, neutral-axis monotonicity,
 * values clamped) is printed as it is written.
 *
 * <p>{@code --format bundle} writes instead one archival zip per model to {@code --out FILE}
 * ({@link BundleExport}): pairs CSV, model, fit report, every LUT and profile, provenance.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Export a model as LUTs: one per illuminant.",
        "Without --illuminant every trained illuminant is exported and --out is a directory."})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "a model directory (station fit)")
    Path model;

    @Option(names = "--format", defaultValue = "cube", paramLabel = "NAME",
            description = "cube, haldclut, clf, ocio, ... or bundle (one archival zip per model; default: ${DEFAULT-VALUE})")
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

    @Option(names = "--pairs", paramLabel = "PAIRS.csv",
            description = "bundle only: the pairs CSV the model was fitted on (default: MODEL_DIR/pairs.csv)")
    Path pairs;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (format.equals(BundleExport.FORMAT)) {
                if (encoding != null || size != null || illuminant != null) {
                    throw new IllegalArgumentException("--format bundle archives every encoding, size and illuminant"
                            + " it defines; drop --encoding, --size and --illuminant");
                }
                return BundleExport.write(model, pairs, out, log);
            }
            if (encoding == null) {
                throw new IllegalArgumentException("--encoding is required for --format " + format);
            }
            if (pairs != null) {
                throw new IllegalArgumentException("--pairs is only for --format bundle");
            }
            LutExportFormat fmt = LutExportFormats.get(format);
            InputEncoding enc = InputEncoding.get(encoding);
            int n = size != null ? size : format.equals("haldclut") ? 64 : 33;
            fmt.check(n, LutBaker.isShaped(enc));
            if (illuminant == null && Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file; without --illuminant every illuminant"
                        + " is exported, so --out must be a directory (or give --illuminant NAME)");
            }
            ModelDirectory dir = ModelDirectory.load(model);
            ModelMetadata meta = dir.metadata();
            List<String> lights = illuminant != null ? List.of(illuminant) : dir.model().illuminants();
            LutProvenance base = new LutProvenance(orUnknown(meta.stock()), orUnknown(meta.set()),
                    meta.id() + " (" + meta.spec() + ")", lights.get(0), enc.name(), meta.outputEncoding(),
                    meta.heldOutMeanDeltaE());
            for (String light : lights) {
                if (!dir.model().illuminants().contains(light)) {
                    log.println("note: " + dir.model().serving(light));
                }
                long t0 = System.nanoTime();
                LutBaker.Baked baked = LutBaker.bake(dir.model(), light, enc, n);
                Path file = illuminant != null ? out : out.resolve(fileName(meta, light, enc.name(), n, fmt.extension()));
                List<Path> written = fmt.write(baked.lut(), base.withIlluminant(light), file);
                log.printf(Locale.ROOT, "%s %s %d^3 -> %s (%.2f s)%n  %s%n", light, enc.name(), n,
                        String.join(", ", written.stream().map(Path::toString).toList()),
                        (System.nanoTime() - t0) / 1e9, baked.report().summary());
                log.flush();
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private static String orUnknown(String s) {
        return s.isBlank() ? "unknown" : s;
    }

    /** A portable file name: letters, digits, '-', '_' and '.' only. */
    static String fileName(ModelMetadata meta, String light, String encoding, int n, String ext) {
        String stock = meta.stock().isBlank() ? "model" : meta.stock();
        return (stock + "_" + light + "_" + encoding + "_" + n).replaceAll("[^A-Za-z0-9._-]+", "-") + "." + ext;
    }
}
