package emu.calibration.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import emu.calibration.color.InputEncoding;
import emu.calibration.fit.ModelDirectory;
import emu.calibration.io.AtomicFiles;
import emu.calibration.lut.LutExportFormat;
import emu.calibration.profile.CameraProfileFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a {@link ModelBundle} from a model directory and takes one apart again: the bundle
 * holds {@code pairs.csv}, {@code model/...} (the model directory's files, so
 * {@link ModelDirectory#load} reads it back), {@value #EXPORTS_FILE} (the list of
 * {@link Export}s, JSON) and {@code exports/NAME} for each of them and every illuminant the model
 * was trained on, made by the one export loop ({@link Exporter}) under the names it gives
 * ({@link ExportNaming}), so a bundle holds the very bytes the CLI and the daemon write. Every export is a pure function of the model
 * (deterministic bake, fixed dates, content-derived ids), so {@link #reexportDifferences}
 * proves a bundle still rebuilds what it archived.
 */
public final class ModelBundles {

    /** The bundle file listing the exports it archives. */
    public static final String EXPORTS_FILE = "exports.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One export per illuminant: a registered format, a LUT input encoding and a lattice size (a
     * camera profile: encoding {@code camera}, its own table size).
     */
    public record Export(String format, String encoding, int size) {
        public Export {
            LutExportFormat f = ExportFormats.get(format);
            f.check(size, !(f instanceof CameraProfileFormat) && InputEncoding.get(encoding).needsShaper());
        }
    }

    /**
     * What a bundle archives by default: a 33-point .cube for every LUT input encoding, the
     * Camera Raw profile (32 points, the SDK's maximum), the ICC abstract profile (33 points),
     * and the HDR .cube outputs fed by their own HDR inputs.
     */
    public static List<Export> defaultExports() {
        List<Export> out = new ArrayList<>();
        for (String encoding : InputEncoding.names()) {
            out.add(new Export("cube", encoding, 33));
        }
        out.add(new Export("xmp", "srgb", 32));
        out.add(new Export("icc", "srgb", 33));
        out.add(new Export("cube-pq", "pq", 33));
        out.add(new Export("cube-hlg", "hlg", 33));
        return out;
    }

    private ModelBundles() {
    }

    /**
     * The bundle of {@code model}.
     *
     * @param pairsCsv the pairs CSV the model was fitted on, as bytes
     * @param scratch an empty working directory (exports are written there first)
     */
    public static ModelBundle.Contents build(ModelDirectory model, byte[] pairsCsv,
            BundleProvenance provenance, List<Export> exports, Path scratch) throws IOException {
        return contents(model, pairsCsv, provenance, exports, exports(model, exports, scratch));
    }

    /**
     * The bundle of {@code model} from exports already written into {@code dir} by
     * {@link Exporter} (the daemon's and CLI's path: nothing is baked twice).
     */
    static ModelBundle.Contents assemble(ModelDirectory model, byte[] pairsCsv, BundleProvenance provenance,
            List<Export> exports, List<Exporter.Written> written, Path dir) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Exporter.Written w : written) {
            files.put("exports/" + slashes(dir.relativize(w.file())), Files.readAllBytes(w.file()));
        }
        return contents(model, pairsCsv, provenance, exports, files);
    }

    private static ModelBundle.Contents contents(ModelDirectory model, byte[] pairsCsv,
            BundleProvenance provenance, List<Export> exports, SortedMap<String, byte[]> exportFiles)
            throws IOException {
        Objects.requireNonNull(pairsCsv, "pairsCsv");
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put("pairs.csv", pairsCsv.clone());
        Path dir = model.path();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put("model/" + slashes(dir.relativize(f)), Files.readAllBytes(f));
            }
        }
        files.put(EXPORTS_FILE, JSON.writeValueAsBytes(exports));
        files.putAll(exportFiles);
        return new ModelBundle.Contents(provenance, files);
    }

    /**
     * Every export of {@code model} for every trained illuminant, by bundle path.
     *
     * @throws IllegalArgumentException naming every export that could not be made
     */
    public static SortedMap<String, byte[]> exports(ModelDirectory model, List<Export> exports,
            Path scratch) throws IOException {
        ExportPlan plan = ExportPlan.ofItems(exports.stream()
                .map(e -> new ExportPlan.Item(e.format(), e.encoding(), e.size())).toList());
        Exporter.Outcome outcome = Exporter.export(model, plan, scratch, Optional.empty(), line -> { });
        if (!outcome.failed().isEmpty()) {
            throw new IllegalArgumentException("cannot rebuild the bundle's exports: " + String.join("; ",
                    outcome.failed().stream().map(Exporter.Failed::describe).toList()));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Exporter.Written w : outcome.written()) {
            files.put("exports/" + slashes(scratch.relativize(w.file())), Files.readAllBytes(w.file()));
        }
        return files;
    }

    /** Writes the bundle's {@code model/} files into {@code dir} (which must be empty or absent). */
    public static ModelDirectory extractModel(ModelBundle.Contents bundle, Path dir)
            throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty; extract a bundle's "
                            + "model into a new directory");
                }
            }
        }
        boolean any = false;
        for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
            if (f.getKey().startsWith("model/")) {
                byte[] data = f.getValue();
                AtomicFiles.write(dir.resolve(f.getKey().substring("model/".length())),
                        out -> out.write(data));
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("the bundle holds no model/ files");
        }
        return ModelDirectory.load(dir);
    }

    /** The exports a bundle says it archives ({@value #EXPORTS_FILE}). */
    public static List<Export> listedExports(ModelBundle.Contents bundle) {
        byte[] json = bundle.files().get(EXPORTS_FILE);
        if (json == null) {
            throw new IllegalArgumentException("the bundle has no " + EXPORTS_FILE);
        }
        try {
            return List.of(JSON.readValue(json, Export[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(EXPORTS_FILE + " is not a list of exports: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds every archived export from the bundle's own model and export list, and lists the
     * bundle paths whose bytes differ or that cannot be rebuilt (empty when the bundle is
     * faithful).
     *
     * @param scratch an empty working directory
     */
    public static List<String> reexportDifferences(ModelBundle.Contents bundle, Path scratch)
            throws IOException {
        List<Export> exports = listedExports(bundle);
        ModelDirectory model = extractModel(bundle, scratch.resolve("model"));
        SortedMap<String, byte[]> again = exports(model, exports, scratch.resolve("exports"));
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : bundle.files().entrySet()) {
            if (f.getKey().startsWith("exports/")
                    && !java.util.Arrays.equals(f.getValue(), again.remove(f.getKey()))) {
                differ.add(f.getKey());
            }
        }
        differ.addAll(again.keySet());
        return differ;
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(java.io.File.separatorChar, '/');
    }
}
