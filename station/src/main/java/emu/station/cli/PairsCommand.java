package emu.station.cli;

import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.SamplingOptions;
import emu.station.fromimages.ContactSheet;
import emu.station.fromimages.FolderPairing;
import emu.station.fromimages.FromImages;
import emu.station.fromimages.Manifest;
import emu.station.fromimages.Step;
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

/** {@code station pairs}: pairs tools; {@code pairs from-images} makes a pairs CSV from charts shot without the station. */
@Command(name = "pairs", mixinStandardHelpOptions = true, description = "Pairs tools (pairs from captures and scans shot elsewhere).",
        subcommands = {PairsCommand.FromImagesCommand.class})
final class PairsCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: from-images");
    }

    @Command(name = "from-images", mixinStandardHelpOptions = true, description = {
            "Read the chart on every capture and on the scan of the same frame,",
            "and write the pairs CSV. Pairing: by --manifest (capture,scan,",
            "illuminant,ev[,roll,frame]) or by names and EXIF: captures/LIGHT/",
            "folders, the scan with the same stem or frame number, EV from",
            "exposure time, f-number and ISO relative to the middle of each",
            "light's bracket. RAW via dcraw_emu, TIFF/PNG as linear, JPEG decoded",
            "from sRGB (marked in the extra digital_source column). Flagged",
            "patches are left out and counted. A chart that cannot be read exits",
            "2 naming the file, unless --keep-going. See docs/pairs-from-images.md."})
    static final class FromImagesCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--captures", required = true, paramLabel = "DIR", description = "the digital captures")
        Path captures;

        @Option(names = "--scans", required = true, paramLabel = "DIR", description = "the lab's scans of the film frames")
        Path scans;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "the pairs CSV to write (atomically)")
        Path out;

        @Option(names = "--manifest", paramLabel = "FILE.csv", description = "pair by this list instead of names and EXIF")
        Path manifest;

        @Option(names = "--illuminant", paramLabel = "NAME", description = "illuminant of images directly in --captures")
        String illuminant;

        @Option(names = "--chart", paramLabel = "NAME", defaultValue = ChartSpecs.COLORCHECKER24,
                description = "chart on every image: colorchecker24 or ampas190 (default: ${DEFAULT-VALUE})")
        String chart;

        @Option(names = "--digital-scale", paramLabel = "K", defaultValue = "1",
                description = "multiplies linear capture values (TIFF, PNG, developed RAW; 0..1 of full scale) into the"
                        + " pairs' scene-linear units,"
                        + " where 18%% grey at EV 0 reads 0.18 (default: ${DEFAULT-VALUE})")
        double digitalScale;

        @Option(names = "--clip-level", paramLabel = "LEVEL", defaultValue = "0.98",
                description = "a capture value at or above LEVEL (0..1 of full scale, linear) is clipped; set it to"
                        + " the camera's white level when that is below full scale (default: ${DEFAULT-VALUE})")
        double clipLevel;

        @Option(names = "--keep-going", description = "skip steps whose chart cannot be read, list them, write the rest")
        boolean keepGoing;

        @Option(names = "--sheet", paramLabel = "FILE.png|FILE.html", description = "write a contact sheet: every capture"
                + " beside its scan with the grids drawn and the confidences")
        Path sheet;

        @Option(names = "--sheet-side", paramLabel = "PX", defaultValue = "480",
                description = "longest side of each image on the contact sheet (default: ${DEFAULT-VALUE})")
        int sheetSide;

        @Override
        public Integer call() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (Path d : List.of(captures, scans)) {
                if (!Files.isDirectory(d)) {
                    throw new IllegalArgumentException((d == captures ? "--captures " : "--scans ") + d + ": no such folder");
                }
            }
            if (sheet != null) {
                ContactSheet.checkName(sheet);
            }
            if (!(digitalScale > 0) || !(clipLevel > 0) || sheetSide < 64) {
                throw new IllegalArgumentException("--digital-scale and --clip-level must be > 0 and --sheet-side at least 64");
            }
            List<Step> steps = manifest != null ? Manifest.read(manifest, captures, scans)
                    : FolderPairing.pair(captures, scans, Optional.ofNullable(illuminant));
            o.printf(Locale.ROOT, "%d steps paired by %s%n", steps.size(), manifest != null ? manifest : "file names and EXIF");
            o.flush();
            FromImages.Settings settings = new FromImages.Settings(ChartSpecs.byName(chart),
                    SamplingOptions.DEFAULTS.withClipLevel(clipLevel), SamplingOptions.DEFAULTS, digitalScale, keepGoing,
                    sheet == null ? 0 : sheetSide);
            FromImages.Result result = FromImages.run(steps, settings, line -> {
                o.println(line);
                o.flush();
            });
            if (sheet != null) {
                ContactSheet.write(sheet, result.steps(), sheetSide);
                o.println("contact sheet: " + sheet);
            }
            if (!result.failures().isEmpty()) {
                err.println(result.failures().size() + " image(s) could not be read:");
                result.failures().forEach(f -> err.println("  " + f.message()));
                err.flush();
            }
            if (result.pairs().isEmpty()) {
                throw new IllegalArgumentException("no pairs: no step could be read");
            }
            FromImages.writePairs(out, result);
            o.printf(Locale.ROOT, "wrote %s: %d pairs from %d of %d steps; %d patches left out as flagged%n", out,
                    result.pairs().size(), result.steps().stream().filter(s -> s.pairs() != null).count(), steps.size(),
                    result.leftOut());
            o.flush();
            return ExitCodes.OK;
        }
    }
}
