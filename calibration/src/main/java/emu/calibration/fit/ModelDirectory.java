package emu.calibration.fit;

import emu.calibration.io.Json;
import emu.calibration.io.Hashes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model directory: everything needed to predict, and how it was made.
 * <pre>
 *   model.json    {"format": "emu-station-model/1", "metadata": {...}, "model": {...}}
 *   report.json   the fit report (when written by a selection)
 *   report.txt    the same, readable
 *   ...           model side files named in model.json (e.g. mlp.zip, grid.bin), in the
 *                 sub-directory of the model part that wrote them (light-0/, member-1/...)
 * </pre>
 * Written to a sibling temp directory and renamed into place, so a directory is either
 * complete or absent; an existing non-empty directory is never overwritten.
 */
public final class ModelDirectory {

    public static final String FORMAT = "emu-station-model/1";
    public static final String MODEL_FILE = "model.json";

    private final Path dir;
    private final FittedModel model;
    private final ModelMetadata metadata;

    private ModelDirectory(Path dir, FittedModel model, ModelMetadata metadata) {
        this.dir = dir;
        this.model = model;
        this.metadata = metadata;
    }

    public Path path() {
        return dir;
    }

    /** The model, ready to predict. */
    public FittedModel model() {
        return model;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * Loads a model directory.
     *
     * @throws IllegalArgumentException if it is not one (names the file and what is wrong)
     */
    public static ModelDirectory load(Path dir) throws IOException {
        Path file = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a model directory: no " + MODEL_FILE
                    + " (make one with `station fit --pairs FILE --out DIR`)");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": format '" + root.path("format").asText() + "', expected " + FORMAT);
        }
        try {
            ModelMetadata meta = Json.MAPPER.treeToValue(Json.required(root, "metadata"), ModelMetadata.class);
            return new ModelDirectory(dir, Models.fromJson(Json.required(root, "model"), dir), meta);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code model} with its metadata and (optional) report into {@code dir}, which must
     * not exist or be empty.
     */
    public static ModelDirectory save(Path dir, FittedModel model, ModelMetadata metadata, FitReport report)
            throws IOException {
        Path target = dir.toAbsolutePath();
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " exists and is not empty; model directories are never"
                            + " overwritten, choose a new one");
                }
            }
        } else if (Files.exists(target)) {
            throw new IllegalArgumentException(dir + " exists and is not a directory");
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        try {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.set("metadata", Json.MAPPER.valueToTree(metadata));
            root.set("model", model.toJson(tmp));
            AtomicFiles.writeString(tmp.resolve(MODEL_FILE), Json.MAPPER.writeValueAsString(root));
            if (report != null) {
                AtomicFiles.writeString(tmp.resolve("report.json"), Json.MAPPER.writeValueAsString(report.toJson()));
                AtomicFiles.writeString(tmp.resolve("report.txt"), report.toText());
            }
            Files.deleteIfExists(target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
        return new ModelDirectory(target, model, metadata);
    }

    /** Metadata for a model selected from {@code pairsBytes} (the CSV as read). */
    public static ModelMetadata metadata(byte[] pairsBytes, FitReport report, FittedModel model, String stock,
                                         String set) {
        String sha = Hashes.sha256Hex(pairsBytes);
        FitReport.CandidateReport w = report.winnerReport();
        Map<String, String> lights = new LinkedHashMap<>();
        for (String l : model.illuminants()) {
            lights.put(l, report.illuminantSources().getOrDefault(l, "table"));
        }
        String id = Hashes.sha256Hex((sha + "|" + report.winner() + "|" + report.seed()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 12);
        return new ModelMetadata(id, stock, set, report.winner(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                codeVersion(), report.seed(), sha, report.pairs(), "linear", "srgb", lights,
                Stats.round(w.cv().overall().mean()), Stats.round(w.cv().overall().p95()));
    }

    /** The emu-station version of this code ("dev" when not built into a jar). */
    public static String codeVersion() {
        String v = ModelDirectory.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
