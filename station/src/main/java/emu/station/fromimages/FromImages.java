package emu.station.fromimages;

import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartOverlay;
import emu.calibration.chart.ChartReader;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.PatchReading;
import emu.calibration.chart.SamplingOptions;
import emu.calibration.color.Encoding;
import emu.calibration.color.Encodings;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.calibration.pairs.ReadingPairs;
import emu.calibration.pairs.ReadingPairs.StepPairs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The workflow behind {@code station pairs from-images}: for every {@link Step}, read the chart on
 * the capture (decoded to linear: {@link SourceImages}) and on the scan (as delivered), pair the
 * patches ({@link ReadingPairs}: flagged patches left out and counted), and collect the pairs, the
 * failures and, for the contact sheet, a small view of each image with its grid.
 *
 * <p>A chart that cannot be read (not found, partly off the image, the wrong chart, an unreadable
 * file, every patch clipped) fails the run naming the file, or with {@code keepGoing} is listed and
 * skipped.
 */
public final class FromImages {
    /** The extra pairs CSV column saying where the digital values came from: {@code linear} or e.g. {@code srgb-decoded}. */
    public static final String SOURCE_COLUMN = "digital_source";

    private FromImages() {}

    /**
     * @param captureSampling clip level etc. in the capture files' own (linear) units
     * @param digitalScale    capture file units -> the contract's (18% grey at EV 0 = 0.18)
     * @param sheetSide       longest side of each image on the contact sheet; 0 makes no views
     */
    public record Settings(ChartSpec chart, SamplingOptions captureSampling, SamplingOptions scanSampling,
            double digitalScale, boolean keepGoing, int sheetSide) {}

    /** A file whose chart could not be read, and why. */
    public record Failure(Path file, String message) {}

    /** One step as read: its pairs (null when it failed), and the views for the contact sheet. */
    public record StepResult(Step step, StepPairs pairs, String captureSource, double captureConfidence,
            double scanConfidence, BufferedImage captureView, BufferedImage scanView, String problem) {}

    /** Everything read. */
    public record Result(List<StepResult> steps, List<Failure> failures) {
        /** All pairs, in step order. */
        public PairSet pairs() {
            return new PairSet(steps.stream().filter(s -> s.pairs() != null).flatMap(s -> s.pairs().pairs().stream()).toList());
        }

        /** The {@link #SOURCE_COLUMN} value of every pair of {@link #pairs()}. */
        public List<String> sources() {
            List<String> out = new ArrayList<>();
            for (StepResult s : steps) {
                if (s.pairs() != null) {
                    for (Pair ignored : s.pairs().pairs()) {
                        out.add(s.captureSource());
                    }
                }
            }
            return out;
        }

        public int leftOut() {
            return steps.stream().filter(s -> s.pairs() != null).mapToInt(s -> s.pairs().leftOut()).sum();
        }
    }

    /**
     * @throws IllegalArgumentException naming the file, when a chart cannot be read and not {@code keepGoing}
     */
    public static Result run(List<Step> steps, Settings s, Consumer<String> log) throws IOException {
        List<StepResult> out = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (Step step : steps) {
            Read capture = read(step.capture(), SourceImages.captureEncoding(step.capture()), s.captureSampling(), true, s);
            Read scan = read(step.scan(), Encodings.LINEAR, s.scanSampling(), false, s);
            String source = capture.encoding == Encodings.LINEAR ? "linear" : capture.encoding.name() + "-decoded";
            StepPairs pairs = null;
            String problem = null;
            for (Read r : List.of(capture, scan)) {
                if (r.problem != null) {
                    problem = problem == null ? r.problem : problem + "; " + r.problem;
                    failures.add(new Failure(r.file, r.problem));
                }
            }
            if (problem == null) {
                try {
                    pairs = ReadingPairs.pair(capture.reading.patches(), digitalScale(capture, s), scan.reading.patches(),
                            step.frame(), step.roll(), step.illuminant(), step.ev());
                } catch (IllegalArgumentException e) {
                    problem = step.capture() + " and " + step.scan() + ": " + e.getMessage();
                    failures.add(new Failure(step.capture(), problem));
                }
            }
            if (problem != null && !s.keepGoing()) {
                throw new IllegalArgumentException(problem);
            }
            out.add(new StepResult(step, pairs, source, confidence(capture), confidence(scan), capture.view, scan.view, problem));
            log.accept(String.format(Locale.ROOT, "%s (%s, EV %+.2f) + %s: %s", step.capture().getFileName(),
                    step.illuminant(), step.ev(), step.scan().getFileName(), problem != null ? "FAILED " + problem
                    : String.format(Locale.ROOT, "%d pairs%s, confidence %.2f / %.2f", pairs.pairs().size(),
                    pairs.leftOut() == 0 ? "" : ", " + pairs.describeLeftOut(), confidence(capture), confidence(scan))));
        }
        return new Result(out, failures);
    }

    /** Writes the pairs CSV (contract columns + {@link #SOURCE_COLUMN}) atomically. */
    public static void writePairs(Path out, Result r) throws IOException {
        PairsCsv.write(out, r.pairs(), SOURCE_COLUMN, r.sources());
    }

    private record Read(Path file, Encoding encoding, ChartReading reading, BufferedImage view, String problem) {}

    /**
     * {@link Settings#digitalScale()} for linear captures; 1 for decoded ones: a camera's JPEG is its
     * own rendering with display white at 1.0, taken as the contract's units (its tone curve is not undone).
     */
    private static double digitalScale(Read capture, Settings s) {
        return capture.encoding == Encodings.LINEAR ? s.digitalScale() : 1;
    }

    private static double confidence(Read r) {
        return r.reading == null ? 0 : r.reading.location().confidence();
    }

    private static Read read(Path file, Encoding storedAs, SamplingOptions sampling, boolean capture, Settings s) {
        SourceImages.Opened img;
        try {
            img = SourceImages.open(file, storedAs);
        } catch (IOException | RuntimeException e) {
            return new Read(file, storedAs, null, null, file + ": cannot read the image: " + e.getMessage());
        }
        // a decoded file clips where its codes do (0.98 of full code), whatever the linear captures' level
        SamplingOptions o = img.decoded()
                ? sampling.withClipLevel(storedAs.decode(SamplingOptions.DEFAULTS.clipLevel())) : sampling;
        ChartReading reading = null;
        String problem = null;
        try {
            reading = ChartReader.read(img.image(), s.chart(), null, o);
            if (reading.patches().stream().allMatch(PatchReading::clipped)) {
                problem = file + ": every patch of the chart is clipped (overexposed)";
            }
        } catch (ChartNotFoundException | IllegalArgumentException e) {
            problem = file + ": " + e.getMessage();
        }
        BufferedImage view = null;
        if (s.sheetSide() > 0) {
            // captures: linear in file units, shown so that the contract's 0.18 grey looks mid-grey
            view = ChartOverlay.draw(img.image(), capture || img.decoded(),
                    capture && !img.decoded() ? s.digitalScale() : 1, reading,
                    problem, s.sheetSide());
        }
        return new Read(file, img.decodedFrom(), reading, view, problem);
    }
}
