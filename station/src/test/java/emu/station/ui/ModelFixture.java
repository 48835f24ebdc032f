package emu.station.ui;

import emu.calibration.io.Hashes;
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.fit.ModelSelection;
import emu.calibration.io.ImageFiles;
import emu.calibration.lut.LutBaker;
import emu.calibration.export.ExportFormats;
import emu.calibration.lut.LutProvenance;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import emu.calibration.pairs.PairsCsv;
import emu.devices.sim.camera.SimCamera;
import emu.station.store.ProfilingSetRepository.StepSpec;
import emu.station.store.Store;
import emu.station.store.TrainingRepository.Model;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A station database holding a real model (selected from synthetic pairs, saved with its report
 * as the trainer does), its real exports (cube in sRGB and in the shaped linear form, an OCIO
 * look) and a 16-bit sim-style capture, plus a second set with its own capture (the "foreign"
 * one): what the model page and the LUT preview read, without a shoot and a film roll.
 */
record ModelFixture(Model model, long capture, long foreignCapture, long cubeSrgb, long cubeLinear, long ocio) {

    /** Seeds {@code station}; the capture is {@code width x height} pixels. */
    static ModelFixture seed(UiStation station, int width, int height) throws Exception {
        Store store = station.daemon.store();
        long stock = store.stocks().create("portrait-160", "135", 160).id();
        long set = store.sets().create("bench A", stock, "colorchecker24", StepSpec.grid(List.of("D65", "A"), List.of(0.0))).id();
        long other = store.sets().create("bench B", stock, "colorchecker24", StepSpec.grid(List.of("D65"), List.of(0.0))).id();
        long capture = addCapture(station, set, "captures/a.tif", width, height);
        long foreign = addCapture(station, other, "captures/b.tif", 32, 24);

        PairSet pairs = pairs();
        ModelSelection.Result sel = ModelSelection.run(pairs, new ModelSelection.Settings(
                List.of("matrix", "root-polynomial:degree=2"), 2, 1, 2, 1, null));
        byte[] csv = PairsCsv.toCsv(pairs).getBytes(StandardCharsets.UTF_8);
        ModelMetadata meta = ModelDirectory.metadata(csv, sel.report(), sel.model(), "portrait-160", "bench A");
        ModelDirectory.save(station.dataDir.resolve("models/set-1/v1"), sel.model(), meta, sel.report());
        long run = store.training().startRun(set, null, meta.pairsSha256()).id();
        Model model = store.training().addModel(set, run, 1, sel.report().winner(), "models/set-1/v1",
                meta.heldOutMeanDeltaE());
        LutProvenance prov = new LutProvenance("portrait-160", "bench A", meta.id(), "D65", "srgb", "film scan (srgb)",
                meta.heldOutMeanDeltaE());
        return new ModelFixture(model, capture, foreign,
                export(station, model, sel, prov, "cube", "srgb", "exports/d65_srgb_9.cube"),
                export(station, model, sel, prov.withInputEncoding("linear"), "cube", "linear", "exports/d65_linear_9.cube"),
                export(station, model, sel, prov, "ocio", "srgb", "exports/d65_look.ocio"));
    }

    /** Scene-linear value of the capture's pixel (x, y): a colour gradient within 0..0.62. */
    static double[] linear(int x, int y, int width, int height) {
        return new double[] {0.02 + 0.6 * x / (width - 1.0), 0.02 + 0.5 * y / (height - 1.0), 0.3 - 0.25 * x / (width - 1.0)};
    }

    /** 24 patches under two lights at three EVs; the film adds cross-talk and a curve a matrix cannot follow. */
    private static PairSet pairs() {
        Random rnd = new Random(4);
        List<Pair> out = new ArrayList<>();
        for (int p = 0; p < 24; p++) {
            double[] refl = {0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble(), 0.03 + 0.8 * rnd.nextDouble()};
            for (String light : List.of("D65", "A")) {
                double[] tint = light.equals("A") ? new double[] {1.3, 1.0, 0.6} : new double[] {1, 1, 1};
                for (double ev : new double[] {-1, 0, 1}) {
                    double[] d = new double[3];
                    for (int c = 0; c < 3; c++) {
                        d[c] = 0.18 / 0.4 * refl[c] * tint[c] * Math.pow(2, ev);
                    }
                    double[] f = new double[3];
                    for (int c = 0; c < 3; c++) {
                        double mixed = 1.2 * d[c] - 0.1 * d[(c + 1) % 3] - 0.1 * d[(c + 2) % 3];
                        f[c] = Math.min(1, Math.pow(Math.max(0, mixed / tint[c]), 0.5));
                    }
                    out.add(new Pair("", "", light, ev, "P" + p, d[0], d[1], d[2], f[0], f[1], f[2]));
                }
            }
        }
        return new PairSet(out);
    }

    /** A 16-bit TIFF as the sim camera writes it (code 65535 = full scale 8) of {@link #linear}. */
    private static long addCapture(UiStation station, long set, String rel, int width, int height) throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(width, height);
        int[] row = new int[3 * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double[] lin = linear(x, y, width, height);
                for (int c = 0; c < 3; c++) {
                    row[3 * x + c] = (int) Math.round(lin[c] / SimCamera.TIFF_FULL_SCALE * 65535);
                }
            }
            r.setPixels(0, y, width, 1, row);
        }
        Path file = station.dataDir.resolve(rel);
        Files.createDirectories(file.getParent());
        ImageFiles.write(new BufferedImage(cm, r, false, null), file);
        Store store = station.daemon.store();
        String step = store.sets().steps(set).get(0).id();
        return store.captures().add(step, rel, Hashes.sha256Hex(Files.readAllBytes(file)), 0, "1/60").id();
    }

    private static long export(UiStation station, Model model, ModelSelection.Result sel, LutProvenance prov,
                               String format, String encoding, String rel) throws Exception {
        Path file = station.dataDir.resolve(rel);
        Files.createDirectories(file.getParent());
        var baked = LutBaker.bake(sel.model(), "D65", InputEncoding.get(encoding), 9);
        Path written = ExportFormats.get(format).write(baked.lut(), prov, file).get(0);
        return station.daemon.store().training().addExport(model.id(), format, encoding, 9, "D65",
                station.dataDir.relativize(written).toString(), Hashes.sha256Hex(Files.readAllBytes(written)), null).id();
    }
}
