package emu.devices.sim.lab;

import emu.calibration.io.AtomicFiles;
import emu.devices.film.LabQuirks;
import emu.devices.film.ScanFile;
import emu.devices.sim.Noise;
import emu.devices.sim.film.Development;
import emu.devices.sim.film.FilmStock;
import emu.devices.sim.film.ProcessedRoll;
import emu.devices.sim.film.Scanner;
import emu.devices.sim.film.SimControlStrip;
import emu.devices.sim.render.ChartScene;
import emu.devices.sim.render.ImageFiles;
import emu.devices.sim.render.Optics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The simulated lab: develops a {@link FilmRoll} with the roll's own variation, scans every
 * exposed frame at {@code width x height}, inverts with the roll's fixed settings, and delivers
 * 16-bit sRGB TIFF and 8-bit JPEG files named {@code ROLL_Fnn} after the frame numbers, with the
 * {@link LabQuirks} of the order.
 *
 * <p>Each frame is rendered as the film saw it: the chart ({@link ChartScene}, framed as the
 * roll's camera was set up, with the frame's slate if the roll has one) lit by the frame's light, through the lens ({@link Optics}: the
 * exposure image is vignetted and blurred before it reaches the emulsion), developed per pixel
 * with grain (dye-density noise, RMS granularity·√D per scan pixel, Selwyn's law), scanned with
 * a little scanner noise (0.002 density RMS) so that two scans of one frame differ as real
 * re-scans do.
 */
public final class FilmLab {
    private static final double SCANNER_NOISE = 0.002;

    private final Scanner scanner;
    private final int width;
    private final int height;
    private final Optics optics;

    public FilmLab(Scanner scanner, int width, int height, Optics optics) {
        this.scanner = scanner;
        this.width = width;
        this.height = height;
        this.optics = optics;
        if (width < 120 || height < 80 || width > 8000 || height > 8000) {
            throw new IllegalArgumentException("scan size must be 120x80 .. 8000x8000, got " + width + "x" + height);
        }
    }

    /** The lab's scanner at 900 x 600 pixels (3:2, a modest scan), default lens on the film camera. */
    public static FilmLab standard() {
        return new FilmLab(Scanner.labScanner(), 900, 600, Optics.DEFAULT);
    }

    /** Develops {@code roll} as this lab does: the stock's process with the roll's own variation. */
    public ProcessedRoll develop(FilmRoll roll) {
        return develop(roll, 0);
    }

    /** The same, the roll pushed by {@code pushStops} ({@link Development#pushed}; 0 = as the datasheet says). */
    public ProcessedRoll develop(FilmRoll roll, double pushStops) {
        FilmStock stock = roll.stock();
        Development dev = Development.sample(new SplittableRandom(Noise.derive(roll.seed(), 1)), stock.variation());
        return new ProcessedRoll(stock, pushStops == 0 ? dev : dev.pushed(pushStops), scanner);
    }

    /**
     * The control strip run with {@code roll} in the same development as {@link #develop(FilmRoll,
     * double)} (nine densities, {@link SimControlStrip}), and the lot's reference strip (the same
     * strip developed by the datasheet): {@code [0]} the strip, {@code [1]} the reference.
     */
    public double[][] controlStrip(FilmRoll roll, double pushStops) {
        Development dev = develop(roll, pushStops).development();
        return new double[][] {SimControlStrip.read(roll.stock(), dev, scanner),
                SimControlStrip.read(roll.stock(), Development.NOMINAL, scanner)};
    }

    /**
     * Develops, scans and delivers {@code roll} into {@code outDir} (created if missing).
     * Files are written atomically; an existing file of the same name is an error, never
     * overwritten.
     *
     * @param progress receives one line per delivered file
     * @return the delivered scans in delivery order
     */
    public List<ScanFile> process(FilmRoll roll, LabQuirks quirks, Path outDir, Consumer<String> progress) throws IOException {
        for (ExposedFrame f : roll.frames()) {
            // A number below 0 was clamped to 0, so two frames got the same file name and the second
            // write failed half-way through the delivery (issue 16 soak: offset -2).
            if (f.number() + quirks.numberingOffset() < 0) {
                throw new IllegalArgumentException("numbering offset " + quirks.numberingOffset() + " would number frame "
                        + f.number() + " as " + (f.number() + quirks.numberingOffset()) + "; a lab's file numbers start at 0");
            }
        }
        ProcessedRoll processed = develop(roll, quirks.pushStops());
        ChartScene framing = new ChartScene(width, height, Noise.derive(roll.seed(), 2), roll.slate());
        List<ScanFile> out = new ArrayList<>();
        for (ExposedFrame f : roll.frames()) {
            if (quirks.skippedFrame().isPresent() && quirks.skippedFrame().getAsInt() == f.number()) {
                continue;
            }
            int passes = quirks.scannedTwice().isPresent() && quirks.scannedTwice().getAsInt() == f.number() ? 2 : 1;
            ChartScene scene = roll.slate() ? framing.withSlate(f.step()) : framing;
            float[][] dye = negative(processed, scene, scene.regions(), f, new SplittableRandom(Noise.derive(roll.seed(), 100 + f.number())));
            for (int pass = 1; pass <= passes; pass++) {
                int labeled = f.number() + quirks.numberingOffset();
                String name = String.format(Locale.ROOT, "%s_F%02d%s", roll.id(), Math.max(0, labeled), pass > 1 ? "_" + pass : "");
                float[][] rgb = scan(processed, dye, new SplittableRandom(Noise.derive(roll.seed(), 1000L * f.number() + pass)));
                Path tif = outDir.resolve(name + ".tif");
                Path jpg = outDir.resolve(name + ".jpg");
                writeNew(tif, ImageFiles.tiff16(rgb, width, height, false));
                writeNew(jpg, ImageFiles.jpeg(rgb, width, height));
                out.add(new ScanFile(f.number(), labeled, tif, jpg));
                progress.accept("scanned " + roll.id() + " frame " + f.number() + " as " + tif.getFileName());
            }
        }
        return out;
    }

    /** Dye densities of a frame after development, per pixel, grain included: three planes. */
    private float[][] negative(ProcessedRoll processed, ChartScene scene, int[] regions, ExposedFrame f, SplittableRandom grain) {
        FilmStock stock = processed.stock();
        double[][] h = new double[ChartScene.REGIONS][];
        for (int r = 0; r < ChartScene.REGIONS; r++) {
            double[] logH = stock.logExposure(scene.reflectance(r), f.light(), f.ev());
            h[r] = new double[] {Math.pow(10, logH[0]), Math.pow(10, logH[1]), Math.pow(10, logH[2])};
        }
        float[][] planes = Optics.paint(regions, h);
        optics.vignette(planes, width, height);
        optics.blur(planes, width, height);
        double[] logH = new double[3];
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < 3; c++) {
                logH[c] = Math.log10(Math.max(planes[c][i], 1e-12));
            }
            double[] d = stock.dyeDensities(logH, processed.development());
            for (int c = 0; c < 3; c++) {
                planes[c][i] = (float) Math.max(0, d[c] + stock.granularity() * Math.sqrt(d[c]) * Noise.gaussian(grain));
            }
        }
        return planes;
    }

    /** One scanner pass over a developed frame: display values, three planes. */
    private float[][] scan(ProcessedRoll processed, float[][] dye, SplittableRandom noise) {
        int n = width * height;
        float[][] rgb = new float[3][n];
        double[] d = new double[3];
        for (int i = 0; i < n; i++) {
            double[] s = processed.scanDensitiesFast(dye[0][i], dye[1][i], dye[2][i]);
            for (int c = 0; c < 3; c++) {
                d[c] = s[c] + SCANNER_NOISE * Noise.gaussian(noise);
            }
            double[] o = processed.output(d);
            for (int c = 0; c < 3; c++) {
                rgb[c][i] = (float) o[c];
            }
        }
        return rgb;
    }

    private static void writeNew(Path file, byte[] data) throws IOException {
        if (Files.exists(file)) {
            throw new IOException("scan file " + file + " exists already; the lab never overwrites a delivery (use a new folder)");
        }
        AtomicFiles.write(file, os -> os.write(data));
    }
}
