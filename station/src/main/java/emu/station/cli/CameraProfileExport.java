package emu.station.cli;

import emu.calibration.export.ExportFormats;
import emu.calibration.export.ExportNaming;
import emu.calibration.export.ExportPlan;
import emu.calibration.export.Exporter;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.profile.CameraProfileFormat;
import emu.calibration.profile.CameraProfileFormats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code station export --format dcp|icc-input}: camera profiles through the one export pipeline
 * ({@code Exporter}). They are made from the model, so {@code --encoding} does not apply.
 *
 * <ul>
 *   <li>{@code dcp}: one file for the model (both calibration lights); {@code --out} is that
 *       file, or a directory to write it in under the pipeline's name; {@code --camera} names
 *       the camera (UniqueCameraModel), {@code --color-matrix} gives its D65 colour matrix;
 *       {@code --size} = value divisions of its table.</li>
 *   <li>{@code icc-input}: one v4 profile per light plus its {@code .v2.icc} companion, like the
 *       LUT formats: {@code --illuminant} and a file, or every light into a directory;
 *       {@code --size} = CLUT points per axis.</li>
 * </ul>
 * Each written profile's own CIEDE2000 against the model is printed (the export report).
 */
final class CameraProfileExport {

    private CameraProfileExport() {
    }

    static int write(ExportCommand c, PrintWriter log) throws IOException {
        if (c.encoding != null) {
            throw new IllegalArgumentException("--format " + c.format + " is a camera profile: it takes the"
                    + " camera's raw RGB, so drop --encoding");
        }
        if (c.pairs != null) {
            throw new IllegalArgumentException("--pairs is only for --format bundle and --config");
        }
        CameraProfileFormat f = (CameraProfileFormat) ExportFormats.get(c.format);
        if (c.cameraModel != null || c.colorMatrix != null) {
            if (!f.perModel()) {
                throw new IllegalArgumentException((c.cameraModel != null ? "--camera" : "--color-matrix")
                        + " is only for --format dcp");
            }
            if (c.colorMatrix != null && c.colorMatrix.length != 9) {
                throw new IllegalArgumentException("--color-matrix takes 9 numbers (XYZ to camera RGB, row by row),"
                        + " got " + c.colorMatrix.length);
            }
            f = CameraProfileFormats.dcp(c.cameraModel != null ? c.cameraModel : CameraProfileFormats.DEFAULT_CAMERA,
                    c.colorMatrix);
        }
        int n = c.size != null ? c.size : f.defaultSize();
        String problem = f.sizeProblem(n);
        if (problem != null) {
            throw new IllegalArgumentException("--size " + n + ": the " + f.name() + " format " + problem);
        }
        if (f.perModel() && c.illuminant != null) {
            throw new IllegalArgumentException("--format dcp holds both calibration lights in one file;"
                    + " drop --illuminant");
        }
        if (!f.perModel() && c.illuminant == null && Files.exists(c.out) && !Files.isDirectory(c.out)) {
            throw new IllegalArgumentException("--out " + c.out + " is a file; without --illuminant every"
                    + " illuminant is exported, so --out must be a directory (or give --illuminant NAME)");
        }
        ModelDirectory dir = ModelDirectory.load(c.model);
        if (!f.perModel() && c.illuminant == null) {
            ExportPlan plan = new ExportPlan(List.of(new ExportPlan.Entry(f.name(), List.of(), List.of(n))),
                    List.of()).check(p -> "--format " + p.value());
            Exporter.Outcome outcome = Exporter.export(dir, plan, c.out, Optional.empty(), line -> {
                log.println(line);
                log.flush();
            });
            for (Exporter.Failed failed : outcome.failed()) {
                c.spec.commandLine().getErr().println("error: " + failed.describe());
            }
            return outcome.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        String light = f.perModel() ? f.lightsLabel(dir.model()) : c.illuminant;
        Path file = Files.isDirectory(c.out) ? c.out.resolve(ExportNaming.fileName(dir.metadata(), light, f,
                CameraProfileFormat.CAMERA, n)) : c.out;
        long t0 = System.nanoTime();
        Exporter.Baked b = Exporter.exportOne(dir, f, CameraProfileFormat.CAMERA, n, light, file);
        log.printf(Locale.ROOT, "%s %s %d -> %s (%.2f s)%n  %s%n", f.name(), light, n,
                String.join(", ", b.files().stream().map(Path::toString).toList()),
                (System.nanoTime() - t0) / 1e9, b.summary());
        log.flush();
        return ExitCodes.OK;
    }
}
