package emu.station.cli;

import emu.calibration.io.Hashes;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.fit.ModelMetadata;
import emu.calibration.io.AtomicFiles;
import emu.calibration.export.ModelBundle;
import emu.calibration.export.ModelBundles;
import emu.station.training.BundleSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI side of the archival bundle ({@link ModelBundles}): {@code station export --format
 * bundle} and the scratch directories both bundle commands bake into.
 */
final class BundleExport {

    /** The {@code --format} name of the bundle. */
    static final String FORMAT = "bundle";

    private BundleExport() {
    }

    /**
     * Writes the bundle of {@code modelDir} to {@code out}; {@code pairs} null means the model
     * directory's own {@code pairs.csv} (the trainer writes one).
     *
     * @throws IllegalArgumentException when there is no pairs CSV or it is not the one fitted on
     */
    static int write(Path modelDir, Path pairs, Path out, PrintWriter log) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a directory; a bundle is one file (FILE.zip)");
        }
        ModelDirectory dir = ModelDirectory.load(modelDir);
        ModelMetadata meta = dir.metadata();
        Path csv = pairs != null ? pairs : modelDir.resolve("pairs.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException(pairs != null ? "--pairs " + pairs + ": no such file"
                    : modelDir + " holds no pairs.csv: give the CSV the model was fitted on with --pairs PAIRS.csv");
        }
        byte[] bytes = Files.readAllBytes(csv);
        if (!Hashes.sha256Hex(bytes).equals(meta.pairsSha256())) {
            throw new IllegalArgumentException(csv + " is not the pairs CSV model " + meta.id()
                    + " was fitted on (its SHA-256 differs from the model's pairsSha256)");
        }
        long t0 = System.nanoTime();
        Path scratch = Files.createTempDirectory("emu-bundle-");
        try {
            ModelBundle.Contents contents = ModelBundles.build(dir, bytes, BundleSources.fromModel(meta),
                    ModelBundles.defaultExports(), scratch);
            ModelBundle.write(out, contents);
            log.printf(java.util.Locale.ROOT, "bundle of model %s (%s): %d files -> %s (%d bytes, %.1f s)%n",
                    meta.id(), meta.spec(), contents.files().size(), out, Files.size(out),
                    (System.nanoTime() - t0) / 1e9);
            log.flush();
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        return ExitCodes.OK;
    }
}
