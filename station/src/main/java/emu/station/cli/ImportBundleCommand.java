package emu.station.cli;

import emu.calibration.io.AtomicFiles;
import emu.calibration.export.ModelBundle;
import emu.calibration.export.ModelBundles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code station import-bundle}: reads an archival bundle, verifies every digest, unpacks
 * {@code DIR/model/} and {@code DIR/pairs.csv}, rebuilds every archived export from the bundled
 * model and, only when all of them come out byte-identical, writes them to {@code DIR/exports/}.
 */
@Command(name = "import-bundle", mixinStandardHelpOptions = true, description = {
        "Import a model bundle (station export --format bundle): verify it, unpack the model and pairs CSV, re-export"
                + " every LUT and profile and check they equal the archived ones byte for byte.",
        "Exit 2 on a damaged or altered bundle, 1 when a re-export differs."})
final class ImportBundleCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "FILE.zip", description = "a bundle file")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "new directory (must not exist or be empty) for model/, pairs.csv and exports/")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalArgumentException("--bundle " + bundle + ": no such file");
        }
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.isDirectory(out) ? Files.list(out) : Stream.of(out)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + out + " exists and is not an empty directory");
                }
            }
        }
        ModelBundle.Contents contents = ModelBundle.read(bundle);
        log.printf("%s: %d files, every SHA-256 verified; stock %s%n", bundle, contents.files().size(),
                contents.provenance().stock());
        byte[] csv = contents.files().get("pairs.csv");
        if (csv == null) {
            throw new IllegalArgumentException(bundle + ": holds no pairs.csv");
        }
        ModelBundles.extractModel(contents, out.resolve("model"));
        AtomicFiles.write(out.resolve("pairs.csv"), csv);
        log.println("  " + out.resolve("model") + System.lineSeparator() + "  " + out.resolve("pairs.csv"));
        Path scratch = Files.createTempDirectory("emu-bundle-");
        List<String> differ;
        try {
            differ = ModelBundles.reexportDifferences(contents, scratch);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        if (!differ.isEmpty()) {
            err.println("error: re-exporting the bundled model does not reproduce " + differ.size()
                    + " archived file(s): " + String.join(", ", differ));
            return ExitCodes.FAILURE;
        }
        int n = 0;
        for (Map.Entry<String, byte[]> f : contents.files().entrySet()) {
            if (f.getKey().startsWith("exports/")) {
                AtomicFiles.write(out.resolve(f.getKey()), f.getValue());
                n++;
            }
        }
        log.printf("  %s: %d exports, each re-exported byte-identical to the bundle's%n", out.resolve("exports"), n);
        log.flush();
        return ExitCodes.OK;
    }
}
