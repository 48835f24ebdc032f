package emu.calibration.export;

import emu.calibration.io.Hashes;
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.lut.LutBaker;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.profile.CameraProfileFormat;
import emu.calibration.profile.CameraProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one export loop: a model and an {@link ExportPlan} in, files in a folder out, named by
 * {@link ExportNaming}. Every item is tried; one that fails is reported with its reason and the
 * rest go on, so that a caller can keep the model and say exactly what is missing.
 */
public final class Exporter {
    /** One file written. */
    public record Written(String format, String encoding, int size, String illuminant, Path file, String sha256) {}

    /** One planned export that could not be made, and why. */
    public record Failed(String format, String encoding, int size, String illuminant, String reason) {
        public String describe() {
            return ExportFormats.BUNDLE.equals(format) ? "bundle: " + reason
                    : format + " " + encoding + " " + size + " " + illuminant + ": " + reason;
        }
    }

    /**
     * What the bundle needs beyond the model: its provenance and the pairs CSV the model was
     * fitted on (null = the model directory's own {@code pairs.csv}).
     */
    public record BundleSource(BundleProvenance provenance, byte[] pairsCsv) {}

    /** What an export run made and what it could not. */
    public record Outcome(List<Written> written, List<Failed> failed) {
        public Outcome {
            written = List.copyOf(written);
            failed = List.copyOf(failed);
        }
    }

    private Exporter() {}

    /**
     * Exports {@code model} by {@code plan} into {@code dir} (created if absent).
     *
     * @param bundle what the bundle needs; only when the plan has the bundle
     * @param progress receives one line per file; it may throw to cancel
     */
    public static Outcome export(ModelDirectory model, ExportPlan plan, Path dir, Optional<BundleSource> bundle,
                                 Consumer<String> progress) throws IOException {
        // Callers check the plan first, in their own words (config line, flag, field). A combination
        // that gets here anyway fails on its own, recorded like any failed export: the rest go on.
        Files.createDirectories(dir);
        ModelMetadata meta = model.metadata();
        List<String> lights = plan.illuminants().isEmpty() ? meta.illuminantNames() : plan.illuminants();
        List<Written> written = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        for (ExportPlan.Item item : plan.items()) {
            // A per-model camera profile (the DCP) is one file for all its lights. An unknown format
            // is left to fail per light below, recorded like any other failed export.
            List<String> itemLights = lights;
            try {
                if (ExportFormats.get(item.format()) instanceof CameraProfileFormat c && c.perModel()) {
                    itemLights = List.of(c.lightsLabel(model.model()));
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                itemLights = lights;
            }
            for (String light : itemLights) {
                try {
                    LutExportFormat format = ExportFormats.get(item.format());
                    Path file = dir.resolve(ExportNaming.fileName(meta, light, format, item.encoding(), item.size()));
                    long t0 = System.nanoTime();
                    Baked b = exportOne(model, format, item.encoding(), item.size(), light, file);
                    for (Path f : b.files()) {
                        written.add(new Written(item.format(), item.encoding(), item.size(), light, f,
                                Hashes.sha256Hex(Files.readAllBytes(f))));
                    }
                    progress.accept(String.format(Locale.ROOT, "exported %s (%.2f s): %s", file.getFileName(),
                            (System.nanoTime() - t0) / 1e9, b.summary()));
                } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                    failed.add(new Failed(item.format(), item.encoding(), item.size(), light, String.valueOf(e.getMessage())));
                    progress.accept("export failed: " + failed.get(failed.size() - 1).describe());
                }
            }
        }
        if (plan.bundle()) {
            try {
                BundleSource source = bundle.orElseThrow(() -> new IllegalArgumentException(
                        "no provenance was given for the bundle"));
                Path zip = dir.resolve(ExportNaming.bundleName(meta));
                List<ModelBundles.Export> listed = plan.items().stream()
                        .map(i -> new ModelBundles.Export(i.format(), i.encoding(), i.size())).toList();
                ModelBundle.write(zip, ModelBundles.assemble(model, pairsCsv(model, source), source.provenance(), listed, written, dir));
                written.add(new Written(ExportFormats.BUNDLE, "", 0, "", zip, Hashes.sha256Hex(Files.readAllBytes(zip))));
                progress.accept("exported " + zip.getFileName());
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                failed.add(new Failed(ExportFormats.BUNDLE, "", 0, "", String.valueOf(e.getMessage())));
                progress.accept("export failed: " + failed.get(failed.size() - 1).describe());
            }
        }
        return new Outcome(written, failed);
    }

    /**
     * The files one export wrote (the first is the one asked for) and one line on it: what the
     * bake found, or for a camera profile its own error against the model.
     */
    public record Baked(List<Path> files, String summary) {}

    /**
     * Bakes one LUT of {@code model} for {@code illuminant} and writes it to {@code file} with the
     * provenance every export carries: the single step the loop above and a single-file CLI
     * export share.
     */
    public static Baked exportOne(ModelDirectory model, LutExportFormat format, String encoding, int size,
                                  String illuminant, Path file) throws IOException {
        if (format instanceof CameraProfileFormat camera) {
            camera.check(size, false);
            CameraProfiles.Written w = camera.write(model.model(), illuminant, size,
                    ExportNaming.provenance(model.metadata(), illuminant, CameraProfileFormat.CAMERA), file);
            return new Baked(w.files(), w.summary());
        }
        InputEncoding enc = InputEncoding.get(encoding);
        format.check(size, enc.needsShaper());
        LutBaker.Baked baked = LutBaker.bake(model.model(), illuminant, enc, size);
        List<Path> files = format.write(baked.lut(), ExportNaming.provenance(model.metadata(), illuminant, enc.name()),
                file);
        return new Baked(files, baked.report().summary());
    }

    /** The pairs CSV to bundle, checked to be the one the model was fitted on. */
    private static byte[] pairsCsv(ModelDirectory model, BundleSource source) throws IOException {
        byte[] bytes = source.pairsCsv();
        if (bytes == null) {
            Path csv = model.path().resolve("pairs.csv");
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("the model directory " + model.path()
                        + " holds no pairs.csv to bundle");
            }
            bytes = Files.readAllBytes(csv);
        }
        if (!Hashes.sha256Hex(bytes).equals(model.metadata().pairsSha256())) {
            throw new IllegalArgumentException("the pairs CSV is not the one model " + model.metadata().id()
                    + " was fitted on (its SHA-256 differs from the model's pairsSha256)");
        }
        return bytes;
    }
}
