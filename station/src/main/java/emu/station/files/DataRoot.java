package emu.station.files;

import emu.calibration.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The data directory as a station sees it (issue 21). With a SQLite catalogue it is this bench's
 * alone, laid out as always. With a shared catalogue it is a <em>data root</em> that several
 * benches and workers mount: the shared content (captures, scans, models, exports, under names
 * unique in the catalogue) at its top, each bench's own state (its lock, log, thumbnail cache,
 * resume marker) in {@code benches/NAME}, and the marker file {@link #MARKER} holding the root's
 * id, which the catalogue records so that a station with the wrong folder mounted refuses to start.
 */
public record DataRoot(Path root, String bench, boolean shared) {
    /** The marker file at the top of a shared root: one line, the root's id. */
    public static final String MARKER = "data-root.id";

    public DataRoot {
        root = root.toAbsolutePath().normalize();
    }

    /** The data directory of {@code config}: shared when its catalogue is on PostgreSQL ({@code [store] url}). */
    public static DataRoot of(emu.station.config.StationConfig config) {
        return new DataRoot(config.station().dataDir(), config.station().benchName(), config.store().postgres().isPresent());
    }

    /** This bench's own folder: the root itself for a lone bench, {@code benches/NAME} in a shared root. */
    public Path benchDir() {
        return shared ? root.resolve("benches").resolve(bench) : root;
    }

    /**
     * The id in the root's marker file, if there is one.
     *
     * @throws IOException if it cannot be read, or holds something that is not an id
     */
    public Optional<String> markerId() throws IOException {
        Path f = root.resolve(MARKER);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        String id = Files.readString(f, StandardCharsets.UTF_8).strip();
        if (!id.matches("[0-9a-f-]{36}")) {
            throw new IOException(f + " does not hold a data root id (a UUID): '" + id + "'");
        }
        return Optional.of(id);
    }

    /**
     * The root's id, writing a new marker first if the root has none. The marker is written whole
     * under a temporary name and linked into place, which fails if another station wrote one first:
     * two stations starting together end up with the same id, never one each.
     */
    public String markOnce() throws IOException {
        Optional<String> id = markerId();
        if (id.isPresent()) {
            return id.get();
        }
        String fresh = UUID.randomUUID().toString();
        Path tmp = root.resolve("." + MARKER + "." + fresh);
        AtomicFiles.writeString(tmp, fresh + "\n");
        try {
            Files.createLink(root.resolve(MARKER), tmp);
            AtomicFiles.fsyncDirectory(root);
        } catch (FileAlreadyExistsException e) {
            // another station marked the root meanwhile: its id stands
        } finally {
            Files.deleteIfExists(tmp);
        }
        return markerId().orElseThrow(() -> new IOException("the marker " + root.resolve(MARKER) + " vanished while written"));
    }
}
