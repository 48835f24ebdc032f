package emu.station.cli;

import emu.calibration.io.ImageFiles;
import emu.calibration.io.ImageFormatException;
import emu.calibration.lut.CubeFile;
import emu.calibration.lut.CubeFormatException;
import emu.calibration.lut.LutImages;
import emu.calibration.lut.LutInterpolation;
import emu.calibration.lut.LutInterpolations;
import emu.calibration.lut.ShapedLut;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station apply}: runs an image through a .cube LUT (Adobe or Resolve shaper form), to
 * preview an export. 16-bit TIFF and PNG stay 16-bit; JPEG output is 8-bit. A broken LUT or
 * image exits 2 naming the file (and line, for the LUT).
 */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply a LUT to an image.")
final class ApplyCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--lut", required = true, paramLabel = "FILE", description = "a .cube LUT (Adobe 1.0 or Resolve form)")
    Path lut;

    @Option(names = "--in", required = true, paramLabel = "IMAGE", description = "input TIFF, PNG or JPEG (8 or 16-bit RGB)")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "IMAGE",
            description = "output .tif/.tiff, .png (depth kept) or .jpg/.jpeg (8-bit)")
    Path out;

    @Option(names = "--interp", paramLabel = "NAME", defaultValue = "tetrahedral",
            description = "interpolation: tetrahedral or trilinear (default: ${DEFAULT-VALUE})")
    String interp;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter log = spec.commandLine().getOut();
        try {
            LutInterpolation interpolation = LutInterpolations.get(interp);
            ImageFiles.checkOutputName(out);
            long t0 = System.nanoTime();
            // parse the LUT while the image starts loading: both take a while on 65^3 tables and 24-megapixel TIFFs
            CompletableFuture<ShapedLut> table = CompletableFuture.supplyAsync(() -> {
                try {
                    return CubeFile.read(lut).lut();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            CompletableFuture<Void> announced = table.thenAccept(cube -> {
                log.printf(Locale.ROOT, "read %s: %d^3%s%n", lut, cube.cube().size(),
                        cube.shaper().map(s -> " with a " + s.size() + "-entry shaper").orElse(""));
                log.flush();
            });
            int[] size = LutImages.apply(in, table, interpolation, out);
            announced.join();
            log.printf(Locale.ROOT, "wrote %s (%d x %d, %s, %.2f s)%n", out, size[0], size[1], interpolation.name(),
                    (System.nanoTime() - t0) / 1e9);
            return ExitCodes.OK;
        } catch (CubeFormatException | ImageFormatException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return ExitCodes.BAD_INPUT;
        }
    }
}
