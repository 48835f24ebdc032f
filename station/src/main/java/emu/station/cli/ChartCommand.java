package emu.station.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import emu.calibration.chart.ChartLocation;
import emu.calibration.chart.ChartNotFoundException;
import emu.calibration.chart.ChartOverlay;
import emu.calibration.chart.ChartReader;
import emu.calibration.chart.ChartReading;
import emu.calibration.chart.ChartSpec;
import emu.calibration.chart.ChartSpecs;
import emu.calibration.chart.PatchReading;
import emu.calibration.chart.SamplingOptions;
import emu.calibration.color.Encoding;
import emu.calibration.color.Encodings;
import emu.calibration.io.AtomicFiles;
import emu.station.fromimages.SourceImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code station chart}: chart tools; {@code chart read} reads a chart off one image file. */
@Command(name = "chart", mixinStandardHelpOptions = true, description = "Chart tools (read a chart off an image).",
        subcommands = {ChartCommand.Read.class})
final class ChartCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: read");
    }

    @Command(name = "read", mixinStandardHelpOptions = true, description = {
            "Locate the chart in IMAGE (or place it by --corners), sample every",
            "patch and print the readings: patch, mean RGB, standard deviation,",
            "pixels, clipped and non-uniform flags, and the location's confidence",
            "(0..1; below 0.5 have a person check the --overlay). Camera RAW files",
            "are developed by dcraw_emu -T -4. No chart found: exit 2 naming the file."})
    static final class Read implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "IMAGE", description = "TIFF, PNG, JPEG or camera RAW")
        Path image;

        @Option(names = "--chart", paramLabel = "NAME", defaultValue = ChartSpecs.COLORCHECKER24,
                description = "chart: colorchecker24 or ampas190 (default: ${DEFAULT-VALUE})")
        String chart;

        @Option(names = "--corners", paramLabel = "x,y,x,y,x,y,x,y",
                description = "the grid's outer corners in image pixels: patch 1, end of row 1, last patch, start of last row")
        String corners;

        @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "linear",
                description = "how the file's values are encoded; they are decoded to linear before sampling"
                        + " (linear: taken as stored; srgb, rec709, ...; default: ${DEFAULT-VALUE})")
        String encoding;

        @Option(names = "--clip-level", paramLabel = "LEVEL", defaultValue = "0.98",
                description = "a stored value at or above LEVEL (0..1 of full scale) counts as clipped (default: ${DEFAULT-VALUE})")
        double clipLevel;

        @Option(names = "--format", paramLabel = "csv|json", description = "output format (default: by --out's name, else csv)")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "write the readings here (atomically) instead of printing them")
        Path out;

        @Option(names = "--overlay", paramLabel = "FILE.png", description = "write the image with the sampled grid drawn on it")
        Path overlay;

        @Override
        public Integer call() throws Exception {
            ChartSpec chartSpec = ChartSpecs.byName(chart);
            Encoding enc = Encodings.get(encoding);
            String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                    : out != null && out.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "csv";
            if (!fmt.equals("csv") && !fmt.equals("json")) {
                throw new IllegalArgumentException("--format must be csv or json, got " + format);
            }
            if (overlay != null && !overlay.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException("--overlay " + overlay + ": name it .png");
            }
            double[][] c = corners(corners);
            SourceImages.Opened img;
            try {
                img = SourceImages.open(image, enc);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException(image + ": no such file");
            } catch (java.io.IOException e) {
                // an image that cannot be decoded or developed is bad input, named by the message
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            SamplingOptions sampling = SamplingOptions.DEFAULTS.withClipLevel(enc.decode(clipLevel));
            ChartReading reading;
            try {
                reading = ChartReader.read(img.image(), chartSpec, c, sampling);
            } catch (ChartNotFoundException e) {
                if (overlay != null) {
                    writeOverlay(img, null, e.getMessage());
                }
                throw new IllegalArgumentException(image + ": " + e.getMessage());
            }
            String text = fmt.equals("json") ? json(reading) : csv(reading);
            if (out != null) {
                AtomicFiles.writeString(out, text);
            } else {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
            if (overlay != null) {
                writeOverlay(img, reading, null);
            }
            ChartLocation loc = reading.location();
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "%s: %s %s, confidence %.2f%s%n", image, chartSpec.name(),
                    loc.method().name().toLowerCase(Locale.ROOT), loc.confidence(),
                    loc.notes().isEmpty() ? "" : "; " + String.join("; ", loc.notes()));
            err.flush();
            return ExitCodes.OK;
        }

        private void writeOverlay(SourceImages.Opened img, ChartReading reading, String problem) throws java.io.IOException {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(ChartOverlay.draw(img.image(), !img.decoded() && looksLinear(), 1, reading, problem, 1600), "png", png);
            AtomicFiles.write(overlay, png.toByteArray());
        }

        /** PNG/JPEG files without a stated encoding are display-encoded: show them as stored. */
        private boolean looksLinear() {
            String n = image.getFileName().toString().toLowerCase(Locale.ROOT);
            return SourceImages.isRaw(image) || n.endsWith(".tif") || n.endsWith(".tiff");
        }

        static double[][] corners(String text) {
            if (text == null) {
                return null;
            }
            String[] v = text.split(",", -1);
            if (v.length != 8) {
                throw new IllegalArgumentException("--corners needs 8 numbers x,y,x,y,x,y,x,y (4 corners), got " + v.length);
            }
            double[][] c = new double[4][2];
            for (int i = 0; i < 8; i++) {
                try {
                    c[i / 2][i % 2] = Double.parseDouble(v[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--corners: '" + v[i].trim() + "' (number " + (i + 1) + ") is not a number");
                }
            }
            return c;
        }

        private static String csv(ChartReading r) {
            StringBuilder b = new StringBuilder("index,patch,name,r,g,b,std_r,std_g,std_b,pixels,clipped,non_uniform,spread,confidence\n");
            double conf = r.location().confidence();
            for (PatchReading p : r.patches()) {
                String name = p.name().contains(",") || p.name().contains("\"") ? '"' + p.name().replace("\"", "\"\"") + '"' : p.name();
                b.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%b,%b,%.4f,%.3f%n",
                        p.index() + 1, p.id(), name, p.mean()[0], p.mean()[1], p.mean()[2], p.std()[0], p.std()[1],
                        p.std()[2], p.pixels(), p.clipped(), p.nonUniform(), p.spread(), conf));
            }
            return b.toString();
        }

        private String json(ChartReading r) throws java.io.IOException {
            ChartLocation loc = r.location();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", image.toString());
            m.put("chart", loc.spec().name());
            m.put("method", loc.method().name().toLowerCase(Locale.ROOT));
            m.put("confidence", loc.confidence());
            m.put("match_score", loc.matchScore());
            m.put("corners", loc.corners());
            m.put("notes", loc.notes());
            List<Map<String, Object>> patches = new ArrayList<>();
            for (PatchReading p : r.patches()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("index", p.index() + 1);
                q.put("patch", p.id());
                q.put("name", p.name());
                q.put("rgb", p.mean());
                q.put("std", p.std());
                q.put("pixels", p.pixels());
                q.put("clipped", p.clipped());
                q.put("non_uniform", p.nonUniform());
                q.put("spread", p.spread());
                patches.add(q);
            }
            m.put("patches", patches);
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        }
    }
}
